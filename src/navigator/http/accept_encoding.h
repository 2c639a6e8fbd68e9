#pragma once

// Parsing the Accept-Encoding request header (RFC 9110, section 12.5.3):
//
//   Accept-Encoding = #( codings [ OWS ";" OWS "q=" qvalue ] )
//   codings         = content-coding / "identity" / "*"
//   qvalue          = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
//
// Codings are case-insensitive tokens; "q" too. Empty list elements are
// allowed. Any other form, or a parameter other than q, is a BadRequest
// naming what is wrong (the server then simply sends no content coding).

#include <string>
#include <string_view>
#include <vector>

#include "navigator/base/result.h"

namespace navigator::http {

struct CodingPreference {
  std::string coding;  // lower-case
  int quality = 1000;  // the qvalue in thousandths, 0..1000

  bool operator==(const CodingPreference&) const = default;
};

struct AcceptEncoding {
  std::vector<CodingPreference> codings;  // in the order given

  // The quality (0..1000) the client gives content coding `coding`
  // (lower-case): the highest of the entries naming it ("x-gzip" counts as
  // "gzip"), else that of "*", else 0 -- except "identity", which is
  // acceptable (1000) unless refused by name or by "*".
  int QualityOf(std::string_view coding) const;
};

Result<AcceptEncoding> ParseAcceptEncoding(std::string_view value);

}  // namespace navigator::http

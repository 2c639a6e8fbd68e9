#include "navigator/http/self_signed.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string_view>

#include "navigator/http/openssl_ptr.h"

namespace navigator::http {
namespace {

namespace fs = std::filesystem;

using openssl::BignumPtr;
using openssl::BioPtr;
using openssl::CertPtr;
using openssl::ExtensionPtr;
using openssl::GeneralNamesPtr;
using openssl::KeyPtr;

constexpr auto kBackdate = std::chrono::hours(1);
constexpr auto kValidity = std::chrono::hours(24 * 365);

// Drains OpenSSL's error queue into one message.
std::string OpenSslError() {
  std::string text;
  while (const unsigned long err = ERR_get_error()) {
    char buffer[256];
    ERR_error_string_n(err, buffer, sizeof(buffer));
    if (!text.empty()) text += "; ";
    text += buffer;
  }
  return text.empty() ? "unknown OpenSSL error" : text;
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Internal(fmt::format("reading {}: {}", path, std::strerror(errno)));
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) return Internal(fmt::format("reading {}: read error", path));
  return contents.str();
}

// Writes via a temporary file and rename, so readers never see half a file.
Status WriteFileAtomically(const std::string& path, std::string_view contents, mode_t mode) {
  std::string temp = path + ".XXXXXX";
  const int fd = mkstemp(temp.data());
  if (fd < 0) return Internal(fmt::format("writing {}: {}", path, std::strerror(errno)));
  const auto fail = [&](const char* what) {
    const int err = errno;
    close(fd);
    unlink(temp.c_str());
    return Internal(fmt::format("{} {}: {}", what, path, std::strerror(err)));
  };
  if (fchmod(fd, mode) != 0) return fail("setting the mode of");
  for (std::size_t written = 0; written < contents.size();) {
    const ssize_t n = write(fd, contents.data() + written, contents.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("writing");
    }
    written += static_cast<std::size_t>(n);
  }
  if (fsync(fd) != 0) return fail("writing");
  if (close(fd) != 0) {
    const int err = errno;
    unlink(temp.c_str());
    return Internal(fmt::format("writing {}: {}", path, std::strerror(err)));
  }
  if (rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    unlink(temp.c_str());
    return Internal(fmt::format("writing {}: {}", path, std::strerror(err)));
  }
  return OkStatus();
}

BioPtr MemoryBio(std::string_view data) {
  return BioPtr(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
}

std::string BioContents(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

// OK when the files at the paths form a key pair valid at `now` for every
// name; otherwise why not (for the log).
Status CheckReusable(const CertificatePaths& paths, const std::vector<std::string>& dns_names,
                     const std::vector<std::string>& ip_addresses, std::time_t now) {
  NAVIGATOR_ASSIGN_OR_RETURN(std::string cert_pem, ReadFile(paths.cert_file));
  NAVIGATOR_ASSIGN_OR_RETURN(std::string key_pem, ReadFile(paths.key_file));
  CertPtr cert(PEM_read_bio_X509(MemoryBio(cert_pem).get(), nullptr, nullptr, nullptr));
  if (!cert) return Internal(fmt::format("parsing {}: {}", paths.cert_file, OpenSslError()));
  KeyPtr key(PEM_read_bio_PrivateKey(MemoryBio(key_pem).get(), nullptr, nullptr, nullptr));
  if (!key) return Internal(fmt::format("parsing {}: {}", paths.key_file, OpenSslError()));
  if (X509_check_private_key(cert.get(), key.get()) != 1) {
    ERR_clear_error();
    return Internal(fmt::format("{} does not match {}", paths.key_file, paths.cert_file));
  }
  if (ASN1_TIME_cmp_time_t(X509_get0_notBefore(cert.get()), now) > 0 ||
      ASN1_TIME_cmp_time_t(X509_get0_notAfter(cert.get()), now) <= 0) {
    return Internal(fmt::format("{} is not valid now", paths.cert_file));
  }
  for (const std::string& name : dns_names) {
    if (X509_check_host(cert.get(), name.data(), name.size(),
                        X509_CHECK_FLAG_NEVER_CHECK_SUBJECT | X509_CHECK_FLAG_NO_WILDCARDS,
                        nullptr) != 1) {
      return Internal(fmt::format("{} does not cover DNS name {}", paths.cert_file, name));
    }
  }
  for (const std::string& ip : ip_addresses) {
    if (X509_check_ip_asc(cert.get(), ip.c_str(), 0) != 1) {
      return Internal(fmt::format("{} does not cover IP address {}", paths.cert_file, ip));
    }
  }
  return OkStatus();
}

Status AddExtension(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
  if (!extension || X509_add_ext(cert, extension.get(), -1) != 1) {
    return Internal(fmt::format("adding certificate extension {}: {}", value, OpenSslError()));
  }
  return OkStatus();
}

Status AddSubjectAltNames(X509* cert, const std::vector<std::string>& dns_names,
                          const std::vector<std::string>& ip_addresses) {
  GeneralNamesPtr names(sk_GENERAL_NAME_new_null());
  if (!names) return Internal("allocating subjectAltName: " + OpenSslError());
  for (const std::string& dns : dns_names) {
    ASN1_IA5STRING* value = ASN1_IA5STRING_new();
    GENERAL_NAME* name = GENERAL_NAME_new();
    if (value == nullptr || name == nullptr ||
        ASN1_STRING_set(value, dns.data(), static_cast<int>(dns.size())) != 1) {
      ASN1_IA5STRING_free(value);
      GENERAL_NAME_free(name);
      return Internal("building subjectAltName: " + OpenSslError());
    }
    GENERAL_NAME_set0_value(name, GEN_DNS, value);
    sk_GENERAL_NAME_push(names.get(), name);
  }
  for (const std::string& ip : ip_addresses) {
    ASN1_OCTET_STRING* value = a2i_IPADDRESS(ip.c_str());
    if (value == nullptr) {
      ERR_clear_error();
      return BadRequest(fmt::format("invalid IP address \"{}\" for the certificate", ip));
    }
    GENERAL_NAME* name = GENERAL_NAME_new();
    if (name == nullptr) {
      ASN1_OCTET_STRING_free(value);
      return Internal("building subjectAltName: " + OpenSslError());
    }
    GENERAL_NAME_set0_value(name, GEN_IPADD, value);
    sk_GENERAL_NAME_push(names.get(), name);
  }
  if (X509_add1_ext_i2d(cert, NID_subject_alt_name, names.get(), 0, X509V3_ADD_DEFAULT) != 1) {
    return Internal("adding subjectAltName: " + OpenSslError());
  }
  return OkStatus();
}

// A new key and certificate, PEM-encoded: {cert, key}.
Result<std::pair<std::string, std::string>> Generate(const std::vector<std::string>& dns_names,
                                                     const std::vector<std::string>& ip_addresses,
                                                     Clock::TimePoint now) {
  KeyPtr key(EVP_EC_gen("P-256"));
  if (!key) return Internal("generating an ECDSA P-256 key: " + OpenSslError());
  CertPtr cert(X509_new());
  if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1) {
    return Internal("creating a certificate: " + OpenSslError());
  }

  // A random positive 128-bit serial number.
  unsigned char serial[16];
  if (RAND_bytes(serial, sizeof(serial)) != 1) {
    return Internal("generating a serial number: " + OpenSslError());
  }
  serial[0] = static_cast<unsigned char>((serial[0] & 0x7f) | 0x01);
  BignumPtr serial_number(BN_bin2bn(serial, sizeof(serial), nullptr));
  if (!serial_number ||
      BN_to_ASN1_INTEGER(serial_number.get(), X509_get_serialNumber(cert.get())) == nullptr) {
    return Internal("setting the serial number: " + OpenSslError());
  }

  const std::string common_name = !dns_names.empty() ? dns_names.front() : ip_addresses.front();
  X509_NAME* subject = X509_get_subject_name(cert.get());
  if (X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8,
                                 reinterpret_cast<const unsigned char*>(common_name.c_str()), -1,
                                 -1, 0) != 1 ||
      X509_set_issuer_name(cert.get(), subject) != 1) {
    return Internal("setting the certificate subject: " + OpenSslError());
  }
  using std::chrono::system_clock;
  const std::time_t not_before = system_clock::to_time_t(now - kBackdate);
  const std::time_t not_after = system_clock::to_time_t(now + kValidity);
  if (ASN1_TIME_set(X509_getm_notBefore(cert.get()), not_before) == nullptr ||
      ASN1_TIME_set(X509_getm_notAfter(cert.get()), not_after) == nullptr ||
      X509_set_pubkey(cert.get(), key.get()) != 1) {
    return Internal("setting the certificate validity: " + OpenSslError());
  }
  NAVIGATOR_RETURN_IF_ERROR(AddExtension(cert.get(), NID_basic_constraints, "critical,CA:FALSE"));
  NAVIGATOR_RETURN_IF_ERROR(AddExtension(cert.get(), NID_key_usage, "critical,digitalSignature"));
  NAVIGATOR_RETURN_IF_ERROR(AddExtension(cert.get(), NID_ext_key_usage, "serverAuth"));
  NAVIGATOR_RETURN_IF_ERROR(AddExtension(cert.get(), NID_subject_key_identifier, "hash"));
  NAVIGATOR_RETURN_IF_ERROR(AddSubjectAltNames(cert.get(), dns_names, ip_addresses));
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0) {
    return Internal("signing the certificate: " + OpenSslError());
  }

  BioPtr cert_bio(BIO_new(BIO_s_mem()));
  BioPtr key_bio(BIO_new(BIO_s_mem()));
  if (!cert_bio || !key_bio || PEM_write_bio_X509(cert_bio.get(), cert.get()) != 1 ||
      PEM_write_bio_PrivateKey(key_bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) !=
          1) {
    return Internal("encoding the certificate: " + OpenSslError());
  }
  return std::make_pair(BioContents(cert_bio.get()), BioContents(key_bio.get()));
}

Status EnsureDirectory(const std::string& dir) {
  std::error_code ec;
  if (fs::is_directory(dir, ec)) return OkStatus();
  const fs::path path(dir);
  if (path.has_parent_path()) {
    fs::create_directories(path.parent_path(), ec);
    if (ec) return Internal(fmt::format("creating {}: {}", dir, ec.message()));
  }
  if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return Internal(fmt::format("creating {}: {}", dir, std::strerror(errno)));
  }
  if (chmod(dir.c_str(), 0700) != 0) {
    return Internal(fmt::format("setting the mode of {}: {}", dir, std::strerror(errno)));
  }
  return OkStatus();
}

}  // namespace

Result<CertificatePaths> EnsureSelfSignedCertificate(const std::string& cert_dir,
                                                     const std::vector<std::string>& dns_names,
                                                     const std::vector<std::string>& ip_addresses,
                                                     const Clock& clock) {
  if (cert_dir.empty()) return BadRequest("the certificate directory must not be empty");
  if (dns_names.empty() && ip_addresses.empty()) {
    return BadRequest("a self-signed certificate needs at least one DNS name or IP address");
  }
  for (const std::string& name : dns_names) {
    const bool valid = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
      return c > ' ' && c < 0x7f && c != ',';
    });
    if (!valid) return BadRequest(fmt::format("invalid DNS name \"{}\" for the certificate", name));
  }

  CertificatePaths paths{(fs::path(cert_dir) / "apiserver.crt").string(),
                         (fs::path(cert_dir) / "apiserver.key").string()};
  const Clock::TimePoint now = clock.Now();
  std::error_code ec;
  if (fs::exists(paths.cert_file, ec) || fs::exists(paths.key_file, ec)) {
    const Status reusable =
        CheckReusable(paths, dns_names, ip_addresses, std::chrono::system_clock::to_time_t(now));
    if (reusable.ok()) return paths;
    spdlog::info("Regenerating the self-signed certificate: {}", reusable.message());
  }

  NAVIGATOR_RETURN_IF_ERROR(EnsureDirectory(cert_dir));
  NAVIGATOR_ASSIGN_OR_RETURN(auto pem, Generate(dns_names, ip_addresses, now));
  NAVIGATOR_RETURN_IF_ERROR(WriteFileAtomically(paths.key_file, pem.second, 0600));
  NAVIGATOR_RETURN_IF_ERROR(WriteFileAtomically(paths.cert_file, pem.first, 0644));
  spdlog::info("Generated self-signed certificate {} for DNS names [{}] and IP addresses [{}]",
               paths.cert_file, fmt::join(dns_names, ", "), fmt::join(ip_addresses, ", "));
  return paths;
}

}  // namespace navigator::http

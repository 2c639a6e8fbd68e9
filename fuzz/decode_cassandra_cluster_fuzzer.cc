// navigator::api::DecodeObject<CassandraCluster> -> validation -> EncodeObject -> decode
// again; the properties are listed in decode_object_fuzzer.h.

#include "decode_object_fuzzer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return navigator::fuzz::FuzzDecodeObject<navigator::api::CassandraCluster>(data, size);
}

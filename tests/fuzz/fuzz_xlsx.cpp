// libFuzzer target: arbitrary bytes through the xlsx reader. InputError is the
// expected answer to bad input; any other exception, crash, leak, sanitizer
// report or hang is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/workbook.h"

namespace {

// Smaller than the defaults so one input cannot take the fuzzer's memory;
// the code paths are the same.
tws::ingest::ReadLimits fuzz_limits() {
  tws::ingest::ReadLimits limits;
  limits.max_file_bytes = 4u << 20;
  limits.max_total_uncompressed = 64u << 20;
  limits.max_part_uncompressed = 32u << 20;
  limits.max_cells = 200'000;
  limits.max_text_bytes = 16u << 20;
  return limits;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const tws::ingest::ReadLimits limits = fuzz_limits();
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    tws::ingest::Workbook wb = tws::ingest::read_xlsx_bytes(bytes, "fuzz.xlsx", limits);
    (void)tws::ingest::inspect_text(wb);
  } catch (const tws::InputError&) {
  }
  return 0;
}

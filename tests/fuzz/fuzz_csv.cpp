// libFuzzer target: arbitrary bytes through the CSV reader and through the
// by-content dispatch (read_workbook_bytes with a .csv name). InputError is
// expected; anything else is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/workbook.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const tws::ingest::ReadLimits limits = [] {
    tws::ingest::ReadLimits l;
    l.max_file_bytes = 4u << 20;
    l.max_cells = 200'000;
    return l;
  }();
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    tws::ingest::Workbook wb = tws::ingest::read_csv_bytes(bytes, "fuzz.csv", limits);
    (void)tws::ingest::inspect_text(wb);
  } catch (const tws::InputError&) {
  }
  try {
    (void)tws::ingest::read_workbook_bytes(bytes, "fuzz.txt", limits);
  } catch (const tws::InputError&) {
  }
  return 0;
}

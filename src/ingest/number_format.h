// Number formats and serial dates (XLSX.md §1; ECMA-376 Part 1 §18.8.30 and
// §18.17.4.1): which built-in id means which code, whether a code shows a date
// and/or a time of day, and how a serial becomes a calendar date.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ingest/workbook.h"

namespace tws::ingest::detail {

// What a number format shows of a serial. Neither = a plain number (this
// includes elapsed-time formats such as `[h]:mm:ss`, which are durations).
struct ShownParts {
  bool date = false, time = false;
  bool any() const { return date || time; }
};

// The code of a built-in format id that a styles part may use without a
// <numFmt>; ids 27-36 and 50-58 as Excel and WPS in zh-CN show them. "" for
// General and for ids with no known code.
std::string builtin_format_code(uint32_t id);

ShownParts shown_parts(std::string_view code);

// A serial in the 1900 system (1 = 1900-01-01, 60 = Excel's fictitious
// 1900-02-29) or the 1904 system (0 = 1904-01-01), rounded to the second, as
// the parts `shown` says. nullopt outside 0 .. 9999-12-31.
std::optional<DateTime> serial_to_datetime(double serial, bool date1904, ShownParts shown);

// The text of a t="d" cell: `2026-04-15`, `2026-04-15T08:30:00[.fff][Z|+08:00]`
// or `08:30:00`. No date-system shift applies. nullopt if it is none of these.
std::optional<DateTime> parse_iso_datetime(std::string_view text);

}  // namespace tws::ingest::detail

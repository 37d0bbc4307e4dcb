// Text as SpreadsheetML stores it: `_xHHHH_` escapes (MS-OI29500 §2.1.1747)
// for characters XML cannot carry, such as `_x000D_` for a carriage return.
#pragma once
#include "common/utf8.h"
#include <string>
#include <string_view>

namespace tws::ingest::detail {

// Decodes every `_xHHHH_` (a UTF-16 code unit; surrogate pairs are joined).
// `_x005F_` is an escaped `_`, so `_x005F_x000D_` reads as the text `_x000D_`.
// A lone surrogate or U+0000 becomes U+FFFD.
std::string decode_ooxml_escapes(std::string_view text);

using tws::append_utf8;

}  // namespace tws::ingest::detail

// Decoding uploaded text files. ICU's charset detector guesses wrong on short
// Chinese text, so tws does not guess: a file that is strictly valid UTF-8 is
// UTF-8, anything else must decode strictly as GB18030 (a superset of GBK and
// GB2312), or it is not text tws can read.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace tws::ingest::detail {

bool is_valid_utf8(std::string_view bytes);
// nullopt if `bytes` is not valid GB18030.
std::optional<std::string> gb18030_to_utf8(std::string_view bytes);
// UTF-8 without a BOM, from UTF-8 (BOM optional) or GB18030; nullopt otherwise.
std::optional<std::string> decode_text(std::string_view bytes);
bool has_utf16_bom(std::string_view bytes);

}  // namespace tws::ingest::detail

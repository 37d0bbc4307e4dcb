// Recognises what an OLE2 compound file (MS-CFB) holds, only far enough to tell
// the user what to do with it: a legacy .xls, an encrypted .xls, or an
// encrypted .xlsx (which Office wraps in OLE2 with EncryptionInfo and
// EncryptedPackage streams).
#pragma once
#include <string_view>

namespace tws::ingest::detail {

enum class Ole2Kind { NotOle2, LegacyXls, EncryptedXls, EncryptedOoxml, Other };

bool has_ole2_magic(std::string_view bytes);
Ole2Kind classify_ole2(std::string_view bytes);

}  // namespace tws::ingest::detail

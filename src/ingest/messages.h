// Every message the readers show a user, in one place so the wording stays
// consistent: plain Simplified Chinese that says what is wrong and what to do.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace tws::ingest::detail {

inline constexpr const char* kEmptyFile =
    "文件是空的（0 字节）；请确认上传的是填写好的工作簿";
inline constexpr const char* kLegacyXls =
    "这是旧版 Excel 97-2003（.xls）文件，请在 Excel 或 WPS 中另存为 .xlsx 后重新上传";
inline constexpr const char* kEncrypted =
    "工作簿已加密（设置了打开密码），请取消密码后另存为 .xlsx";
inline constexpr const char* kCorrupt =
    "文件已损坏或不完整，无法作为 .xlsx 打开；请在 Excel 或 WPS 中重新打开并另存为 .xlsx 后再上传";
inline constexpr const char* kDuplicateEntry =
    "文件中有重名的部件（压缩包条目重复），可能被篡改；请在 Excel 或 WPS 中另存为 .xlsx 后再上传";
inline constexpr const char* kNotSpreadsheet =
    "不是可识别的电子表格（只支持 .xlsx 和 .csv）；请在 Excel 或 WPS 中另存为 .xlsx 后重新上传";
inline constexpr const char* kNoWorkbook =
    "压缩包里没有 Excel 工作簿（找不到 workbook.xml），不是 .xlsx 文件；请在 Excel 或 WPS 中另存为 .xlsx 后重新上传";
inline constexpr const char* kHtmlXls =
    "这是网页（HTML）格式伪装成的 .xls 文件，请在 Excel 或 WPS 中打开后另存为 .xlsx 再上传";
inline constexpr const char* kDoctype =
    "文件中含有不允许的 XML 文档类型声明（DOCTYPE），正常的 .xlsx 不会有，可能被恶意构造；"
    "请在 Excel 或 WPS 中重新保存为 .xlsx 后再上传";
inline constexpr const char* kCsvEncoding =
    "CSV 文件的编码无法识别（既不是 UTF-8 也不是 GB18030/GBK）；"
    "请在 Excel 或 WPS 中另存为 .xlsx 或“CSV UTF-8”后重新上传";
inline constexpr const char* kCsvUtf16 =
    "这是 UTF-16（Unicode 文本）编码的文件；请在 Excel 或 WPS 中另存为 .xlsx 或“CSV UTF-8”后重新上传";

// "64 MB", "100 KB", "1000 字节"
std::string format_size(uint64_t bytes);

std::string file_limit_message(uint64_t max_bytes);
std::string part_limit_message(std::string_view part, uint64_t max_bytes);
std::string total_limit_message(uint64_t max_bytes);
std::string ratio_limit_message(std::string_view part, double min_ratio);
std::string entries_limit_message(uint64_t max_entries);
std::string depth_limit_message(uint32_t max_depth);
std::string cells_limit_message(uint64_t max_cells);
std::string text_limit_message(uint64_t max_bytes);
std::string grid_limit_message(uint32_t max_rows, uint32_t max_cols);
std::string xml_error_message(std::string_view part, unsigned long line, std::string_view what);

}  // namespace tws::ingest::detail

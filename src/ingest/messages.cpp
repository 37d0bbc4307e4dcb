#include "ingest/messages.h"

#include <cmath>
#include <cstdio>

namespace tws::ingest::detail {

namespace {
const char* kResave = "请在 Excel 或 WPS 中重新保存为 .xlsx 后再上传";
const char* kTrim = "请删除无关的工作表、图片或数据，或拆分成几个文件后再上传";
}  // namespace

std::string format_size(uint64_t bytes) {
  constexpr uint64_t MB = 1ull << 20, KB = 1ull << 10;
  if (bytes >= MB && bytes % MB == 0) return std::to_string(bytes / MB) + " MB";
  if (bytes >= MB) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f MB", double(bytes) / double(MB));
    return buf;
  }
  if (bytes >= KB && bytes % KB == 0) return std::to_string(bytes / KB) + " KB";
  return std::to_string(bytes) + " 字节";
}

std::string file_limit_message(uint64_t max_bytes) {
  return "文件太大（上限 " + format_size(max_bytes) + "）；" + kTrim;
}

std::string part_limit_message(std::string_view part, uint64_t max_bytes) {
  return "文件中的部件 " + std::string(part) + " 解压后超过 " + format_size(max_bytes) +
         " 的上限；" + kTrim;
}

std::string total_limit_message(uint64_t max_bytes) {
  return "文件解压后的总大小超过 " + format_size(max_bytes) + " 的上限；" + kTrim;
}

std::string ratio_limit_message(std::string_view part, double min_ratio) {
  long factor = std::lround(1.0 / min_ratio);
  return "文件中的部件 " + std::string(part) + " 解压后超过压缩大小的 " + std::to_string(factor) +
         " 倍（上限），像是“压缩炸弹”；请确认文件来源，在 Excel 或 WPS 中重新保存为 .xlsx 后再上传";
}

std::string entries_limit_message(uint64_t max_entries) {
  return "文件包含的部件超过 " + std::to_string(max_entries) + " 个的上限；" + kTrim;
}

std::string depth_limit_message(uint32_t max_depth) {
  return "文件中的 XML 嵌套超过 " + std::to_string(max_depth) +
         " 层的上限，文件可能已损坏或被恶意构造；" + kResave;
}

std::string cells_limit_message(uint64_t max_cells) {
  return "单元格数量超过 " + std::to_string(max_cells) + " 个的上限；" + kTrim;
}

std::string text_limit_message(uint64_t max_bytes) {
  return "单元格中的文字总量超过 " + format_size(max_bytes) + " 的上限；" + kTrim;
}

std::string grid_limit_message(uint32_t max_rows, uint32_t max_cols) {
  return "单元格位置超出范围（最多 " + std::to_string(max_rows) + " 行、" +
         std::to_string(max_cols) + " 列），文件可能已损坏；" + kResave;
}

std::string xml_error_message(std::string_view part, unsigned long line, std::string_view what) {
  return "文件中的部件 " + std::string(part) + " 第 " + std::to_string(line) +
         " 行 XML 格式错误（" + std::string(what) + "），文件可能已损坏；" + kResave;
}

}  // namespace tws::ingest::detail

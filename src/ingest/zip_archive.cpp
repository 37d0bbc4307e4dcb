#include "ingest/zip_archive.h"

#include <algorithm>

#include <zip.h>

#include <vector>

#include "ingest/messages.h"

namespace tws::ingest::detail {

namespace {

// POI's ZipSecureFile starts checking the ratio once an entry passes 100 KiB:
// small parts (styles, rels) compress very well and are harmless.
constexpr uint64_t kRatioGraceBytes = 100 * 1024;
constexpr size_t kChunk = 64 * 1024;

std::string open_error_message(int code) {
  switch (code) {
    case ZIP_ER_EXISTS:
      return kDuplicateEntry;
    case ZIP_ER_MULTIDISK:
      return "这是分卷压缩包，不是 .xlsx 文件；请上传完整的 .xlsx 工作簿";
    default:
      return kCorrupt;
  }
}

}  // namespace

std::string fold_part_name(std::string_view name) {
  std::string s(name);
  for (char& c : s) {
    if (c == '\\') c = '/';
    else if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  }
  size_t lead = s.find_first_not_of('/');
  return lead == std::string::npos ? std::string() : s.substr(lead);
}

ZipArchive::ZipArchive(std::string_view bytes, const ReadLimits& limits, std::string file)
    : limits_(limits), file_(std::move(file)) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) fail(kCorrupt);
  zip_.reset(zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error));
  if (!zip_) {
    zip_source_free(source);
    int code = zip_error_code_zip(&error);
    zip_error_fini(&error);
    fail(open_error_message(code));
  }
  zip_error_fini(&error);
  index_entries();
}

void ZipArchive::Discard::operator()(zip_t* z) const { zip_discard(z); }

void ZipArchive::fail(const std::string& message) const {
  throw InputError(Location{file_, "", 0, 0}, message);
}

void ZipArchive::index_entries() {
  zip_int64_t n = zip_get_num_entries(zip_.get(), 0);
  if (n < 0) fail(kCorrupt);
  if (uint64_t(n) > limits_.max_entries) fail(entries_limit_message(limits_.max_entries));
  for (uint64_t i = 0; i < uint64_t(n); ++i) {
    const char* name = zip_get_name(zip_.get(), i, 0);
    if (!name) fail(kCorrupt);
    std::string key = fold_part_name(name);
    if (key.empty() || key.back() == '/') continue;  // directory entries (WPS writes them)
    // `xl/a.xml` and `XL\A.xml` are the same OPC part: two of them is ambiguous.
    if (!index_.emplace(key, i).second) fail(open_error_message(ZIP_ER_EXISTS));
  }
}

std::optional<uint64_t> ZipArchive::find(std::string_view part) const {
  auto it = index_.find(fold_part_name(part));
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

void ZipArchive::check_inflated(std::string_view part, uint64_t inflated, uint64_t compressed,
                                uint64_t earlier) const {
  if (inflated > limits_.max_part_uncompressed)
    fail(part_limit_message(part, limits_.max_part_uncompressed));
  if (total_inflated_ - earlier + std::max(inflated, earlier) > limits_.max_total_uncompressed)
    fail(total_limit_message(limits_.max_total_uncompressed));
  if (inflated > kRatioGraceBytes && double(compressed) < double(inflated) * limits_.min_inflate_ratio)
    fail(ratio_limit_message(part, limits_.min_inflate_ratio));
}

void ZipArchive::read(std::string_view part, const std::function<void(std::string_view)>& sink) {
  auto index = find(part);
  if (!index) fail("文件中缺少部件 " + std::string(part) + "；" + kCorrupt);
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(zip_.get(), *index, 0, &st) != 0) fail(kCorrupt);
  uint64_t compressed = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
  if (st.valid & ZIP_STAT_ENCRYPTION_METHOD && st.encryption_method != ZIP_EM_NONE)
    fail("工作簿的压缩包被加密，无法读取；请取消密码后另存为 .xlsx 再上传");
  zip_file_t* zf = zip_fopen_index(zip_.get(), *index, 0);
  if (!zf) fail(kCorrupt);
  std::vector<char> buffer(kChunk);
  uint64_t inflated = 0;
  auto seen = counted_.find(*index);
  const uint64_t earlier = seen == counted_.end() ? 0 : seen->second;
  try {
    // libzip 1.7.3 inflates past an entry's declared size, so the limits are
    // checked on the bytes actually produced, chunk by chunk.
    for (;;) {
      zip_int64_t got = zip_fread(zf, buffer.data(), buffer.size());
      if (got < 0) fail(kCorrupt);
      if (got == 0) break;
      inflated += uint64_t(got);
      check_inflated(part, inflated, compressed, earlier);
      sink(std::string_view(buffer.data(), size_t(got)));
    }
  } catch (...) {
    zip_fclose(zf);
    throw;
  }
  zip_fclose(zf);
  total_inflated_ = total_inflated_ - earlier + std::max(inflated, earlier);
  counted_[*index] = std::max(inflated, earlier);
}

std::string ZipArchive::read_all(std::string_view part) {
  std::string out;
  read(part, [&](std::string_view chunk) { out.append(chunk); });
  return out;
}

std::vector<std::string> ZipArchive::part_names() const {
  std::vector<std::string> names;
  for (const auto& [name, entry] : index_) names.push_back(name);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace tws::ingest::detail

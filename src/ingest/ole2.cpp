#include "ingest/ole2.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

namespace tws::ingest::detail {

namespace {

constexpr std::string_view kMagic("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
constexpr uint32_t kHeaderDifat = 109;
constexpr size_t kDirEntry = 128;
constexpr uint16_t kBof = 0x0809, kFilePass = 0x002F;

struct DirEntry {
  std::string name;  // ASCII-folded UTF-16 name
  uint8_t type = 0;  // 1 storage, 2 stream, 5 root
  uint32_t start = 0, size = 0;
};

uint16_t le16(std::string_view b, size_t off) {
  return uint16_t(uint8_t(b[off]) | uint8_t(b[off + 1]) << 8);
}
uint32_t le32(std::string_view b, size_t off) {
  return uint32_t(le16(b, off)) | uint32_t(le16(b, off + 2)) << 16;
}

std::string fold_utf16_name(std::string_view raw) {
  std::string s;
  for (size_t i = 0; i + 1 < raw.size(); i += 2) {
    uint16_t c = le16(raw, i);
    if (c == 0) break;
    s += (c < 128) ? char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c) : '?';
  }
  return s;
}

// Just enough of MS-CFB to list the directory and read the first bytes of a
// stream. Every sector id is bounds-checked; chains are cut at the sector count
// so a looping FAT cannot hang.
class CompoundFile {
 public:
  explicit CompoundFile(std::string_view b) : b_(b) {}

  bool load() {
    if (b_.size() < 512) return false;
    uint16_t shift = le16(b_, 0x1E);
    if ((shift != 9 && shift != 12) || le16(b_, 0x20) != 6) return false;
    ss_ = size_t(1) << shift;
    sectors_ = (b_.size() - std::min(b_.size(), ss_)) / ss_;
    return load_fat();
  }

  std::vector<DirEntry> directory() const {
    std::vector<DirEntry> out;
    for (uint32_t id : chain(le32(b_, 0x30))) {
      std::string_view sec = *sector(id);
      for (size_t off = 0; off + kDirEntry <= ss_; off += kDirEntry) {
        std::string_view e = sec.substr(off, kDirEntry);
        DirEntry d;
        d.name = fold_utf16_name(e.substr(0, std::min<size_t>(le16(e, 0x40), 64)));
        d.type = uint8_t(e[0x42]);
        d.start = le32(e, 0x74);
        d.size = le32(e, 0x78);
        out.push_back(d);
      }
    }
    return out;
  }

  // The first bytes of a stream (at most one mini sector, 64 bytes).
  std::string_view stream_head(const DirEntry& e, const DirEntry& root) const {
    if (e.size >= le32(b_, 0x38)) {
      auto sec = sector(e.start);
      return sec ? sec->substr(0, std::min<size_t>(e.size, 64)) : std::string_view();
    }
    // Small streams live in the mini stream, itself a chain starting at the root.
    uint64_t offset = uint64_t(e.start) * 64;
    auto root_chain = chain(root.start);
    uint64_t index = offset / ss_;
    if (index >= root_chain.size()) return {};
    auto sec = sector(root_chain[index]);
    if (!sec) return {};
    return sec->substr(offset % ss_, std::min<size_t>(e.size, 64));
  }

 private:
  std::optional<std::string_view> sector(uint32_t id) const {
    if (id >= sectors_) return std::nullopt;
    return b_.substr((size_t(id) + 1) * ss_, ss_);
  }

  std::vector<uint32_t> chain(uint32_t id) const {
    std::vector<uint32_t> ids;
    while (id < fat_.size() && sector(id) && ids.size() < sectors_) {
      ids.push_back(id);
      id = fat_[id];
    }
    return ids;
  }

  bool load_fat() {
    std::vector<uint32_t> fat_sectors;
    uint32_t want = le32(b_, 0x2C);
    for (uint32_t i = 0; i < kHeaderDifat && fat_sectors.size() < want; ++i)
      fat_sectors.push_back(le32(b_, 0x4C + 4 * i));
    uint32_t difat = le32(b_, 0x44);
    for (size_t hops = 0; fat_sectors.size() < want && hops < sectors_; ++hops) {
      auto sec = sector(difat);
      if (!sec) break;
      for (size_t off = 0; off + 4 < ss_ && fat_sectors.size() < want; off += 4)
        fat_sectors.push_back(le32(*sec, off));
      difat = le32(*sec, ss_ - 4);
    }
    for (uint32_t id : fat_sectors) {
      auto sec = sector(id);
      if (!sec) return false;
      for (size_t off = 0; off + 4 <= ss_; off += 4) fat_.push_back(le32(*sec, off));
    }
    return !fat_.empty();
  }

  std::string_view b_;
  size_t ss_ = 512, sectors_ = 0;
  std::vector<uint32_t> fat_;
};

// MS-XLS: if a FilePass record exists it comes right after the globals BOF.
bool starts_with_filepass(std::string_view head) {
  if (head.size() < 4 || le16(head, 0) != kBof) return false;
  size_t next = 4 + size_t(le16(head, 2));
  return next + 2 <= head.size() && le16(head, next) == kFilePass;
}

bool is_encryption_stream(const std::string& name) {
  return name == "encryptioninfo" || name == "encryptedpackage";
}

bool is_workbook_stream(const std::string& name) { return name == "workbook" || name == "book"; }

bool contains_utf16(std::string_view bytes, std::string_view ascii) {
  std::string pattern;
  for (char c : ascii) pattern += {c, '\0'};
  return bytes.find(pattern) != std::string_view::npos;
}

// For a directory too damaged to walk, the stream names still tell the story.
Ole2Kind classify_by_scan(std::string_view bytes) {
  if (contains_utf16(bytes, "EncryptedPackage") || contains_utf16(bytes, "EncryptionInfo"))
    return Ole2Kind::EncryptedOoxml;
  if (contains_utf16(bytes, "Workbook") || contains_utf16(bytes, "Book")) return Ole2Kind::LegacyXls;
  return Ole2Kind::Other;
}

}  // namespace

bool has_ole2_magic(std::string_view bytes) { return bytes.substr(0, kMagic.size()) == kMagic; }

Ole2Kind classify_ole2(std::string_view bytes) {
  if (!has_ole2_magic(bytes)) return Ole2Kind::NotOle2;
  CompoundFile cfb(bytes);
  if (!cfb.load()) return classify_by_scan(bytes);
  auto entries = cfb.directory();
  if (entries.empty()) return classify_by_scan(bytes);
  for (const auto& e : entries)
    if (is_encryption_stream(e.name)) return Ole2Kind::EncryptedOoxml;
  for (const auto& e : entries) {
    if (e.type != 2 || !is_workbook_stream(e.name)) continue;
    bool encrypted = starts_with_filepass(cfb.stream_head(e, entries.front()));
    return encrypted ? Ole2Kind::EncryptedXls : Ole2Kind::LegacyXls;
  }
  return Ole2Kind::Other;
}

}  // namespace tws::ingest::detail

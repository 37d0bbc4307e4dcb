// A zip archive held in memory, read part by part under ReadLimits. Part names
// are OPC names: `\` in entry names becomes `/`, a leading `/` is dropped, and
// lookups ignore ASCII case (OPC part names are case-insensitive).
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ingest/workbook.h"
#include "common/errors.h"

typedef struct zip zip_t;

namespace tws::ingest::detail {

class ZipArchive {
 public:
  // Throws InputError for a truncated or corrupt archive, duplicate entry names
  // or more entries than limits.max_entries.
  ZipArchive(std::string_view bytes, const ReadLimits& limits, std::string file);
  ~ZipArchive() = default;
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  bool contains(std::string_view part) const { return find(part).has_value(); }
  // Streams the inflated bytes of `part` to `sink` in chunks. Counts them against
  // the per-part, total and inflate-ratio limits while reading; a part read a second
  // time (a worksheet is scanned, then streamed) counts once toward the total.
  void read(std::string_view part, const std::function<void(std::string_view)>& sink);
  std::string read_all(std::string_view part);
  // Every part's name (folded, as the lookups use it), sorted.
  std::vector<std::string> part_names() const;

 private:
  std::optional<uint64_t> find(std::string_view part) const;
  void index_entries();
  void check_inflated(std::string_view part, uint64_t inflated, uint64_t compressed, uint64_t earlier) const;
  [[noreturn]] void fail(const std::string& message) const;

  struct Discard {
    void operator()(zip_t* z) const;
  };
  // Owned here so that a constructor throwing after zip_open still closes it.
  std::unique_ptr<zip_t, Discard> zip_;
  ReadLimits limits_;
  std::string file_;
  std::unordered_map<std::string, uint64_t> index_;  // folded part name -> entry
  uint64_t total_inflated_ = 0;
  std::unordered_map<uint64_t, uint64_t> counted_;  // entry -> bytes it added to the total
};

// "xl\\Worksheets/Sheet1.xml" -> "xl/worksheets/sheet1.xml" (the lookup key).
std::string fold_part_name(std::string_view name);

}  // namespace tws::ingest::detail

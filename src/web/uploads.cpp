#include "web/uploads.h"

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "common/atomic_file.h"
#include "common/errors.h"
#include "common/sha256.h"
#include "common/strings.h"
#include "common/utf8.h"
#include "ingest/workbook.h"

namespace tws::web {
namespace fs = std::filesystem;

const std::vector<Slot>& slots() {
  static const std::vector<Slot> list = {{"applications", "申报材料"},
                                         {"reviews", "专家评分"},
                                         {"objections", "公示异议"},
                                         {"performance", "年度考核"}};
  return list;
}

const Slot* find_slot(const std::string& key) {
  for (auto& s : slots())
    if (s.key == key) return &s;
  return nullptr;
}

namespace {

const char* kIndex = "versions.tsv";

// A value kept in one field of the index: no tab or line break.
std::string field(std::string s) {
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

// .xlsx for a zip or an OLE2 file (the reader names an .xls or an encrypted workbook),
// .csv for anything else (the reader names what it is not).
std::string extension_by_content(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  char head[4] = {};
  in.read(head, 4);
  const std::string h(head, 4);
  if (h == std::string("PK\x03\x04", 4) || h == std::string("\xD0\xCF\x11\xE0", 4)) return ".xlsx";
  return ".csv";
}

bool in_slot(const fs::path& file, const std::string& slot) {
  const std::string ext = lower_ascii(file.extension().string());
  return lower_ascii(file.stem().string()) == slot && (ext == ".xlsx" || ext == ".csv" || ext == ".xls");
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t p = 0; (p = s.find(from, p)) != std::string::npos; p += to.size()) s.replace(p, from.size(), to);
}

// A folder of the check, removed with what it holds when the check ends.
struct CheckFolder {
  fs::path path;
  explicit CheckFolder(const fs::path& parent) {
    make_folders(parent);
    std::string pattern = (parent / "check-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw write_error(parent, errno);
    path = pattern;
  }
  ~CheckFolder() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

void link_or_copy(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::create_hard_link(from, to, ec);
  if (ec) fs::copy_file(from, to);
}

// A cell's text cut to `keep` characters and "…" (a long cell would make the row unreadable).
std::string shortened(const std::string& text, size_t keep) {
  size_t i = 0, chars = 0;
  while (i < text.size() && chars < keep) {
    bool ok = true;
    decode_utf8(text, i, ok);
    ++chars;
  }
  return i < text.size() ? text.substr(0, i) + "…" : text;
}

// The row a problem points at, as the reader saw it.
void attach_row(Problem& p, const ingest::Workbook* wb) {
  if (!wb || p.diag.where.row <= 0) return;
  const ingest::Sheet* sheet = wb->find_sheet(p.diag.where.sheet);
  if (!sheet && wb->sheets.size() == 1) sheet = &wb->sheets.front();  // a CSV: its one sheet
  if (!sheet) return;
  for (auto& row : sheet->rows)
    if (int(row.index) + 1 == p.diag.where.row) {
      for (size_t c = 0; c < row.cells.size(); ++c)
        p.row.push_back(shortened(mask_id_numbers(ingest::display(row.cells[c])), int(c) + 1 == p.diag.where.column ? 200 : 12));
      p.column = p.diag.where.column;
      if (p.column > int(p.row.size())) p.row.resize(p.column);
      return;
    }
}

}  // namespace

fs::path UploadStore::dir(int year) const { return base_.input / ".tws-web" / std::to_string(year); }

fs::path UploadStore::version_file(int year, const Version& v) const {
  return dir(year) / "versions" / (std::to_string(v.id) + v.ext);
}

fs::path UploadStore::temporary(int year) {
  const fs::path tmp = dir(year) / "tmp";
  make_folders(tmp);
  std::string pattern = (tmp / "upload-XXXXXX").string();
  int fd = ::mkstemp(pattern.data());
  if (fd < 0) throw write_error(tmp, errno);
  ::close(fd);
  return pattern;
}

std::vector<Version> UploadStore::read_index(int year) const {
  std::vector<Version> all;
  std::ifstream in(dir(year) / kIndex);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string x; std::getline(ss, x, '\t');) f.push_back(x);
    if (f.size() < 11) continue;
    Version v;
    v.id = std::stoi(f[0]);
    v.slot = f[1], v.ext = f[2], v.at = f[3], v.user = f[4], v.sha256 = f[5];
    v.size = std::stoull(f[6]);
    v.state = f[7];
    v.errors = std::stoi(f[8]), v.warnings = std::stoi(f[9]);
    v.original_name = f[10];
    all.push_back(v);
  }
  return all;
}

void UploadStore::write_index(int year, const std::vector<Version>& all) const {
  std::ostringstream out;
  for (auto& v : all)
    out << v.id << '\t' << v.slot << '\t' << v.ext << '\t' << v.at << '\t' << field(v.user) << '\t' << v.sha256 << '\t'
        << v.size << '\t' << v.state << '\t' << v.errors << '\t' << v.warnings << '\t' << field(v.original_name)
        << '\n';
  write_file_atomically(dir(year) / kIndex, out.str(), 0600);
}

Version UploadStore::add(int year, const std::string& slot, const fs::path& temp, const std::string& user,
                         const std::string& original_name, const std::string& now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto all = read_index(year);
  Version v;
  for (auto& o : all) v.id = std::max(v.id, o.id);
  ++v.id;
  v.slot = slot;
  v.ext = extension_by_content(temp);
  v.at = now;
  v.user = user;
  v.sha256 = sha256_file(temp);
  v.size = fs::file_size(temp);
  v.state = "检查中";
  v.original_name = original_name;
  make_folders(dir(year) / "versions");
  fs::rename(temp, version_file(year, v));
  all.push_back(v);
  write_index(year, all);
  return v;
}

CheckResult UploadStore::check(int year, const Version& v, const std::string& date) {
  CheckFolder root(dir(year));
  const fs::path year_dir = root.path / std::to_string(year);
  fs::create_directory(year_dir);
  const fs::path real_year = base_.input / std::to_string(year);
  if (fs::is_directory(real_year))
    for (auto& e : fs::directory_iterator(real_year))
      if (e.is_regular_file() && !in_slot(e.path(), v.slot) && e.path().filename().string()[0] != '.')
        link_or_copy(e.path(), year_dir / e.path().filename());
  link_or_copy(version_file(year, v), year_dir / (v.slot + v.ext));

  pipeline::RunOptions o = base_;
  o.input = root.path;
  o.year = year;
  o.date = date;
  o.forecast = true;
  CheckResult r;
  r.forecast = pipeline::check_year(o);
  // Messages name the year's folder, not the check's copy of it.
  const std::string from = root.path.string(), to = base_.input.string();
  for (auto& p : r.forecast.phases) replace_all(p.message, from, to);
  const std::string uploaded = (real_year / (v.slot + v.ext)).string();
  for (Diagnostic d : r.forecast.diags.items()) {
    replace_all(d.where.file, from, to);
    replace_all(d.message, from, to);
    if (d.where.file != uploaded) {
      r.others.push_back(std::move(d));
      continue;
    }
    (d.severity == Severity::Error ? r.errors : r.warnings) += 1;
    r.problems.push_back(Problem{std::move(d), {}, 0});
  }
  // The file is read again, as cells, only to show the rows its problems point at
  // (a second read of 1,000 applications costs a fifth of the check).
  if (std::none_of(r.problems.begin(), r.problems.end(), [](auto& p) { return p.diag.where.row > 0; })) return r;
  try {
    const ingest::Workbook wb = ingest::read_workbook(version_file(year, v));
    for (auto& p : r.problems) attach_row(p, &wb);
  } catch (const std::exception&) {  // the check reported why
  }
  return r;
}

bool UploadStore::settle(int year, int id, const CheckResult& r, const std::string& now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto all = read_index(year);
  auto it = std::find_if(all.begin(), all.end(), [&](auto& v) { return v.id == id; });
  if (it == all.end()) return false;
  it->errors = r.errors;
  it->warnings = r.warnings;
  const bool later = std::any_of(all.begin(), all.end(),
                                 [&](auto& o) { return o.slot == it->slot && o.id > id && o.state == "已安装"; });
  bool installed = false;
  if (r.errors > 0) {
    it->state = "有错误";
  } else if (later) {
    it->state = "未安装（已有更新的版本）";
  } else {
    install_locked(year, all, *it, now);
    installed = true;
  }
  write_index(year, all);
  return installed;
}

void UploadStore::install(int year, int id, const std::string& now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto all = read_index(year);
  auto it = std::find_if(all.begin(), all.end(), [&](auto& v) { return v.id == id; });
  if (it == all.end()) throw InputError({}, "没有编号为 " + std::to_string(id) + " 的上传版本");
  install_locked(year, all, *it, now);
  write_index(year, all);
}

// The slot's files now in the year's folder are kept in the history first (a file that
// is not the target is moved there, so one file of the slot remains), then the version
// is copied over the target atomically.
void UploadStore::install_locked(int year, std::vector<Version>& all, Version& v, const std::string& now) {
  const fs::path year_dir = base_.input / std::to_string(year);
  make_folders(year_dir);
  const fs::path target = year_dir / (v.slot + v.ext);
  const int vid = v.id;  // `v` lives in `all`, which grows below
  for (auto& e : fs::directory_iterator(year_dir)) {
    if (!e.is_regular_file() || !in_slot(e.path(), v.slot)) continue;
    const std::string sha = sha256_file(e.path());
    const bool known = std::any_of(all.begin(), all.end(), [&](auto& o) { return o.sha256 == sha; });
    if (known && e.path() == target) continue;
    Version old;
    old.id = 0;
    for (auto& o : all) old.id = std::max(old.id, o.id);
    ++old.id;
    old.slot = v.slot;
    old.ext = lower_ascii(e.path().extension().string());
    old.at = now;
    old.user = "（安装前已在目录中）";
    old.sha256 = sha;
    old.size = e.file_size();
    old.state = "原有文件";
    old.original_name = e.path().filename().string();
    make_folders(dir(year) / "versions");
    if (e.path() == target) fs::copy_file(e.path(), version_file(year, old));
    else fs::rename(e.path(), version_file(year, old));
    all.push_back(old);
  }
  Version& me = *std::find_if(all.begin(), all.end(), [&](auto& o) { return o.id == vid; });
  const fs::path from = version_file(year, me);
  write_atomically(target, [&](const fs::path& tmp) { fs::copy_file(from, tmp, fs::copy_options::overwrite_existing); },
                   0640);
  for (auto& o : all)
    if (o.slot == me.slot && o.state == "已安装") o.state = "被替换";
  me.state = "已安装";
}

std::vector<Version> UploadStore::history(int year) {
  std::lock_guard<std::mutex> lock(mu_);
  auto all = read_index(year);
  std::reverse(all.begin(), all.end());
  return all;
}

std::optional<Version> UploadStore::version(int year, int id) {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& v : read_index(year))
    if (v.id == id) return v;
  return std::nullopt;
}

}  // namespace tws::web

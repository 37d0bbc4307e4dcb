// notice_bench FILE N [--out DIR] [--fonts INI] [--templates DIR]
// Renders the reference notices of FILE (bench/run converts ../shared/bench/notices.jsonl
// into the line format below) through documents::Renderer::notice — the same template
// blocks, layout and PDF code as the real 认定通知 — N documents in one process, one
// worker, cycling through the file. Prints
//   notice docs=N ms_per_doc=… kb_median=… notice12_kb=… first_ms=…
// (ms_per_doc excludes the first document, which also loads the fonts; first_ms is it).
// Line format (fields separated by TAB, one notice per "notice" … "end" group):
//   notice | KEY<TAB>VALUE | body<TAB>p|h1<TAB>TEXT | header<TAB>c…| row<TAB>c… | end
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "config/settings.h"
#include "documents/documents.h"

namespace fs = std::filesystem;
using tws::documents::NoticeFields;

static std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    auto p = line.find('\t', start);
    out.push_back(line.substr(start, p == std::string::npos ? std::string::npos : p - start));
    if (p == std::string::npos) return out;
    start = p + 1;
  }
}

static std::vector<NoticeFields> read_notices(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::vector<NoticeFields> all;
  NoticeFields cur;
  std::string line;
  while (std::getline(in, line)) {
    auto f = split_tabs(line);
    const std::string& k = f[0];
    auto v = [&] { return f.size() > 1 ? f[1] : std::string(); };
    if (k == "notice") cur = NoticeFields{};
    else if (k == "end") all.push_back(cur);
    else if (k == "issuer") cur.issuer = v();
    else if (k == "docno") cur.docno = v();
    else if (k == "title") cur.title = v();
    else if (k == "addressee") cur.addressee = v();
    else if (k == "attachment_note") cur.attachment_note = v();
    else if (k == "signature") cur.signature = v();
    else if (k == "date") cur.date = v();
    else if (k == "attachment_label") cur.attachment_label = v();
    else if (k == "table_title") cur.table_title = v();
    else if (k == "body" && f.size() == 3) cur.body.emplace_back(f[1], f[2]);
    else if (k == "header") cur.table_header.assign(f.begin() + 1, f.end());
    else if (k == "row") cur.rows.emplace_back(f.begin() + 1, f.end());
    else if (!k.empty()) throw std::runtime_error("unknown line: " + k);
  }
  return all;
}

static tws::calendar::Day parse_date(const std::string& s) {
  static const std::regex re("^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日");
  std::smatch m;
  if (!std::regex_search(s, m, re)) return tws::calendar::Day{std::chrono::year(2026), std::chrono::month(1), std::chrono::day(1)};
  return tws::calendar::Day{std::chrono::year(std::stoi(m[1])), std::chrono::month(unsigned(std::stoi(m[2]))),
                            std::chrono::day(unsigned(std::stoi(m[3])))};
}

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: notice_bench FILE N [--out DIR] [--fonts INI] [--templates DIR]\n");
    return 2;
  }
  fs::path file = argv[1];
  int n = std::atoi(argv[2]);
  fs::path out, fonts = fs::path(TWS_SOURCE_DIR) / "fonts" / "fonts.ini",
                templates = fs::path(TWS_SOURCE_DIR) / "templates" / "documents";
  for (int i = 3; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--out") out = argv[i + 1];
    else if (a == "--fonts") fonts = argv[i + 1];
    else if (a == "--templates") templates = argv[i + 1];
    else return std::fprintf(stderr, "unknown option %s\n", a.c_str()), 2;
  }
  try {
    auto notices = read_notices(file);
    if (notices.empty() || n < 1) throw std::runtime_error("no notices");
    tws::documents::Options opt;
    opt.fonts_ini = fonts;
    opt.templates = templates;
    tws::documents::Renderer r(tws::config::default_settings(), opt);
    if (!out.empty()) fs::create_directories(out);
    std::vector<double> ms;
    std::vector<std::size_t> sizes;
    std::size_t size12 = 0;
    int pages12 = 0;
    for (int i = 0; i < n; ++i) {
      const std::size_t k = std::size_t(i) % notices.size();
      auto t0 = std::chrono::steady_clock::now();
      auto doc = r.notice(notices[k], parse_date(notices[k].date));
      ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      sizes.push_back(doc.bytes.size());
      if (k == 11) size12 = doc.bytes.size(), pages12 = doc.pages;
      if (!out.empty() && i < int(notices.size())) {
        char name[32];
        std::snprintf(name, sizeof name, "notice-%02zu.pdf", k + 1);
        std::ofstream(out / name, std::ios::binary).write(doc.bytes.data(), std::streamsize(doc.bytes.size()));
      }
    }
    double total = 0;
    for (std::size_t i = 1; i < ms.size(); ++i) total += ms[i];
    double per = ms.size() > 1 ? total / double(ms.size() - 1) : ms[0];
    std::vector<std::size_t> s = sizes;
    std::sort(s.begin(), s.end());
    double median = s.size() % 2 ? double(s[s.size() / 2]) : (double(s[s.size() / 2 - 1]) + double(s[s.size() / 2])) / 2;
    std::printf("notice docs=%d ms_per_doc=%.1f kb_median=%.1f notice12_kb=%s notice12_pages=%d first_ms=%.1f\n", n, per,
                median / 1024, size12 ? std::to_string(double(size12) / 1024).substr(0, std::to_string(double(size12) / 1024).find('.') + 2).c_str() : "na",
                pages12, ms[0]);
  } catch (const tws::documents::DocumentError& e) {
    for (auto& d : e.diags.items()) std::fprintf(stderr, "%s\n", tws::format_diagnostic(d).c_str());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "notice_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}

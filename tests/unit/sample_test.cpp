// The sample input years (input/2024 … input/2026) and their generator
// src/tools/tws_sample.cpp: deterministic, committed files equal to a fresh run,
// valid resident IDs (GB 11643-1999) checked by an independent reader (openpyxl),
// and accepted by our own input check with no errors.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "config/settings.h"
#include "records/records.h"

namespace fs = std::filesystem;

namespace {

const int kYears[] = {2024, 2025, 2026};
const char* kFiles[] = {"applications.xlsx", "reviews.xlsx", "objections.xlsx", "performance.xlsx"};

// The generator sits next to `tws` in the build tree (tests/ is one level down).
fs::path generator() {
  if (const char* p = std::getenv("TWS_SAMPLE_BIN")) return p;
  if (const char* p = std::getenv("TWS_BIN")) {
    fs::path candidate = fs::path(p).parent_path() / "tws_sample";
    if (fs::exists(candidate)) return candidate;
  }
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (fs::path dir = self.parent_path(); !dir.empty() && dir != dir.root_path(); dir = dir.parent_path())
      if (fs::exists(dir / "tws_sample")) return dir / "tws_sample";
  }
  return {};
}

struct TempDir {
  fs::path dir;
  TempDir() {
    dir = fs::temp_directory_path() / ("tws_sample_test_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~TempDir() { fs::remove_all(dir); }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  ::pclose(p);
  return out;
}

void generate(const fs::path& out) {
  fs::path gen = generator();
  ASSERT_FALSE(gen.empty()) << "tws_sample not found: build it (cmake --build) or set TWS_SAMPLE_BIN";
  ASSERT_EQ(std::system(("'" + gen.string() + "' '" + out.string() + "'").c_str()), 0);
}

std::string python() {
  static const std::string chosen = [] {
    for (std::string py : {"python3", "/usr/bin/python3"})
      if (std::system((py + " -c 'import openpyxl' >/dev/null 2>&1").c_str()) == 0) return py;
    return std::string();
  }();
  return chosen;
}

// Independent of src/: finds each sheet's header row by its text, then checks every
// ID cell and counts applications and reviews. Prints "ERR …" lines for problems.
const char* kCheckScript = R"PY(
import sys, re, os, collections, openpyxl
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
def gb11643_ok(s):
    if not re.fullmatch(r'\d{17}[\dX]', s): return False
    y, m, d = int(s[6:10]), int(s[10:12]), int(s[12:14])
    import datetime
    try: datetime.date(y, m, d)
    except ValueError: return False
    if not (1940 <= y <= 2010): return False
    return '10X98765432'[sum(int(c) * w for c, w in zip(s[:17], W)) % 11] == s[17]
def norm(v): return re.sub(r'\s', '', str(v)) if v is not None else ''
def header_row(ws, name):
    for r in range(1, 8):
        for c in range(1, ws.max_column + 1):
            if norm(ws.cell(r, c).value) == name: return r
    return None
root = sys.argv[1]
for year in sys.argv[2:]:
    d = os.path.join(root, year)
    ids, xs = 0, 0
    for f in ('applications.xlsx', 'reviews.xlsx', 'objections.xlsx', 'performance.xlsx'):
        wb = openpyxl.load_workbook(os.path.join(d, f))
        for ws in wb.worksheets:
            hr = header_row(ws, '申报编号')
            if hr is None: print('ERR', year, f, ws.title, 'no header'); continue
            # the lowest header row (two-row headers sit on hr and hr+1)
            while hr + 1 <= ws.max_row and not re.fullmatch(r'\d{4}-\d{2}', norm(ws.cell(hr + 1, 1).value)): hr += 1
            for c in range(1, ws.max_column + 1):
                head = ''.join(norm(ws.cell(r, c).value) for r in range(1, hr + 1))
                if '身份证' not in head: continue
                for r in range(hr + 1, ws.max_row + 1):
                    v = ws.cell(r, c).value
                    if v is None: continue
                    if not isinstance(v, str): print('ERR', year, f, ws.title, r, 'ID stored as', type(v).__name__); continue
                    ids += 1; xs += v.endswith('X')
                    if not gb11643_ok(v): print('ERR', year, f, ws.title, r, 'bad ID', v)
                    if not v.startswith('3714'): print('ERR', year, f, ws.title, r, 'not a Dezhou ID', v)
    wb = openpyxl.load_workbook(os.path.join(d, 'applications.xlsx'))
    ws = wb.worksheets[0]; hr = header_row(ws, '申报编号')
    apps = [norm(ws.cell(r, 1).value) for r in range(hr + 1, ws.max_row + 1) if ws.cell(r, 1).value]
    print('APPS', year, len(apps))
    ws = openpyxl.load_workbook(os.path.join(d, 'reviews.xlsx')).worksheets[0]; hr = header_row(ws, '申报编号')
    per = collections.Counter(norm(ws.cell(r, 1).value) for r in range(hr + 1, ws.max_row + 1) if ws.cell(r, 1).value)
    for a in apps:
        if per.get(a) != 5: print('ERR', year, 'reviews for', a, per.get(a))
    for a in per:
        if a not in apps: print('ERR', year, 'review of unknown application', a)
    print('IDS', year, ids, xs)
)PY";

}  // namespace

TEST(Sample, GeneratorIsDeterministic) {
  TempDir t;
  generate(t.dir / "a");
  sleep(1);  // anything stamped with the clock would now differ
  generate(t.dir / "b");
  for (int y : kYears)
    for (const char* f : kFiles) {
      fs::path a = t.dir / "a" / std::to_string(y) / f, b = t.dir / "b" / std::to_string(y) / f;
      ASSERT_TRUE(fs::exists(a)) << a;
      EXPECT_TRUE(slurp(a) == slurp(b)) << y << "/" << f << " differs between two runs";
    }
}

TEST(Sample, CommittedFilesEqualTheGenerator) {
  TempDir t;
  generate(t.dir);
  const fs::path committed = fs::path(TWS_SOURCE_DIR) / "input";
  for (int y : kYears)
    for (const char* f : kFiles) {
      fs::path mine = committed / std::to_string(y) / f;
      ASSERT_TRUE(fs::exists(mine)) << mine;
      EXPECT_TRUE(slurp(mine) == slurp(t.dir / std::to_string(y) / f))
          << "input/" << y << "/" << f << " drifted from tests/sample/*.tsv (src/tools/tws_sample.cpp): re-run "
          << "`tws_sample input` and commit the result";
    }
}

TEST(Sample, IdsAreValidAndEveryApplicationHasFiveReviews) {
  if (python().empty()) GTEST_SKIP() << "python3-openpyxl not installed";
  TempDir t;
  generate(t.dir / "gen");
  std::ofstream(t.dir / "check.py") << kCheckScript;
  std::string out = run(python() + " '" + (t.dir / "check.py").string() + "' '" + (t.dir / "gen").string() +
                        "' 2024 2025 2026 2>&1");
  std::istringstream in(out);
  int years_seen = 0, ids_total = 0, x_total = 0;
  for (std::string line; std::getline(in, line);) {
    std::istringstream ls(line);
    std::string tag, year;
    ls >> tag >> year;
    if (tag == "APPS") {
      int n = 0;
      ls >> n;
      EXPECT_GE(n, 10) << year;
      EXPECT_LE(n, 14) << year;
      ++years_seen;
    } else if (tag == "IDS") {
      int ids = 0, xs = 0;
      ls >> ids >> xs;
      ids_total += ids;
      x_total += xs;
    } else {
      ADD_FAILURE() << line;
    }
  }
  EXPECT_EQ(years_seen, 3) << out;
  EXPECT_GT(ids_total, 250);  // leaders in 申报汇总 + every member, three years
  EXPECT_GT(x_total, 0) << "some IDs should end in X";
}

// `tws check` on the sample: no errors (warnings such as area < 60 are by design).
TEST(Sample, InputCheckFindsNoErrors) {
  TempDir t;
  generate(t.dir);
  for (int y : kYears) {
    tws::Diagnostics diags;
    auto in = tws::records::load_year(t.dir, y, tws::config::Settings{}, diags);
    for (auto& d : diags.items())
      EXPECT_NE(d.severity, tws::Severity::Error) << tws::format_diagnostic(d);
    EXPECT_EQ(in.applications.size(), 12u) << y;
    EXPECT_EQ(in.reviews.size(), 60u) << y;
    EXPECT_EQ(in.objections.size(), 1u) << y;
    EXPECT_FALSE(in.performance.empty()) << y;
  }
}

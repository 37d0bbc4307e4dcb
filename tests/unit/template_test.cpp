// `tws template` (SPEC §3: "writes blank input workbooks with these headers,
// drop-down lists (data validation) and instructions"), read back with openpyxl,
// an independent reader, so the test does not trust our own xlsx code.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "config/settings.h"
#include "ingest/workbook.h"
#include "records/records.h"
#include "records/schema.h"
#include "input_template/input_template.h"

namespace fs = std::filesystem;

namespace {

// Dumps what openpyxl sees as tab-separated facts, one per line.
const char* kDumpScript = R"PY(
import sys, openpyxl
from openpyxl.utils import get_column_letter, range_boundaries
for path in sys.argv[1:]:
    name = path.rsplit('/', 1)[-1]
    wb = openpyxl.load_workbook(path)
    for i, ws in enumerate(wb.worksheets):
        print('SHEET', name, i, ws.title, ws.sheet_state, sep='\t')
        if ws.title in ('填写说明', '_lists'):
            continue
        print('FREEZE', name, ws.title, ws.freeze_panes, sep='\t')
        for c in range(1, ws.max_column + 1):
            h = ws.cell(1, c)
            print('HEADER', name, ws.title, c, h.value, h.font.b, h.font.name, sep='\t')
            for r in (2, 1001):
                print('FMT', name, ws.title, c, r, ws.cell(r, c).number_format, sep='\t')
        for dv in ws.data_validations.dataValidation:
            for rng in str(dv.sqref).split():
                c1, r1, c2, r2 = range_boundaries(rng)
                for c in range(c1, c2 + 1):
                    print('DV', name, ws.title, c, r1, r2, dv.type, dv.formula1, dv.errorStyle, sep='\t')
    if '_lists' in wb.sheetnames:
        ls = wb['_lists']
        for col in ls.iter_cols(values_only=True):
            print('LIST', name, '|'.join(v for v in col if v), sep='\t')
)PY";

struct Fixture {
  fs::path dir;
  Fixture() {
    dir = fs::temp_directory_path() / ("tws_template_test_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Fixture() { fs::remove_all(dir); }
};

fs::path templates_dir() { return fs::path(TWS_SOURCE_DIR) / "templates"; }

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

// The first python with openpyxl: a pyenv shim may shadow Debian's python3-openpyxl.
std::string python() {
  static const std::string chosen = [] {
    for (std::string py : {"python3", "/usr/bin/python3"})
      if (std::system((py + " -c 'import openpyxl' >/dev/null 2>&1").c_str()) == 0) return py;
    return std::string();
  }();
  return chosen;
}
bool have_openpyxl() { return !python().empty(); }

std::vector<std::vector<std::string>> dump(const fs::path& dir) {
  fs::path script = dir / "dump.py";
  std::ofstream(script) << kDumpScript;
  std::string cmd = python() + " '" + script.string() + "'";
  for (auto& f : tws::records::input_files()) cmd += " '" + (dir / f.file).string() + "'";
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(run(cmd + " 2>&1"));
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> fields;
    std::istringstream ls(line);
    for (std::string f; std::getline(ls, f, '\t');) fields.push_back(f);
    rows.push_back(fields);
  }
  return rows;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST(Template, WritesEveryInputWorkbook) {
  Fixture fx;
  tws::template_writer::write_input_templates(fx.dir, templates_dir());
  for (auto& f : tws::records::input_files()) EXPECT_TRUE(fs::exists(fx.dir / f.file)) << f.file;
  // Written atomically: no temporary file is left next to the targets.
  for (auto& e : fs::directory_iterator(fx.dir))
    EXPECT_EQ(e.path().filename().string().find(".tmp"), std::string::npos) << e.path();
}

TEST(Template, SameSchemaGivesSameBytes) {
  Fixture fx;
  tws::template_writer::write_input_templates(fx.dir / "a", templates_dir());
  sleep(1);  // a clock-stamped field (core.xml dates, zip times) would now differ
  tws::template_writer::write_input_templates(fx.dir / "b", templates_dir());
  for (auto& f : tws::records::input_files()) {
    std::string a = slurp(fx.dir / "a" / f.file), b = slurp(fx.dir / "b" / f.file);
    EXPECT_FALSE(a.empty()) << f.file;
    EXPECT_TRUE(a == b) << f.file << " differs between two runs";
  }
}

TEST(Template, MissingInstructionsTextIsAnError) {
  Fixture fx;
  EXPECT_THROW(tws::template_writer::write_input_templates(fx.dir / "out", fx.dir / "nowhere"),
               std::runtime_error);
  EXPECT_FALSE(fs::exists(fx.dir / "out" / "applications.xlsx"));
}

TEST(Template, OpenpyxlSeesHeadersValidationsAndFormats) {
  if (!have_openpyxl()) GTEST_SKIP() << "python3-openpyxl not installed";
  Fixture fx;
  tws::template_writer::write_input_templates(fx.dir, templates_dir());
  auto facts = dump(fx.dir);
  ASSERT_FALSE(facts.empty());
  ASSERT_EQ(facts[0][0], "SHEET") << facts[0][0];

  using Key = std::pair<std::string, std::string>;  // file, sheet
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> sheets;  // file → (name, state)
  std::map<Key, std::string> freeze;
  std::map<Key, std::vector<std::string>> headers;
  std::map<Key, std::map<int, std::string>> dv_type, dv_formula;
  std::map<std::tuple<std::string, std::string, int, int>, std::string> fmt;
  std::map<std::string, std::vector<std::string>> lists;
  for (auto& r : facts) {
    if (r[0] == "SHEET") sheets[r[1]].push_back({r[3], r[4]});
    else if (r[0] == "FREEZE") freeze[{r[1], r[2]}] = r[3];
    else if (r[0] == "HEADER") {
      headers[{r[1], r[2]}].push_back(r[4]);
      EXPECT_EQ(r[5], "True") << r[1] << " " << r[4] << " header not bold";
      EXPECT_EQ(r[6], "宋体") << r[1] << " " << r[4];
    } else if (r[0] == "FMT") fmt[{r[1], r[2], std::stoi(r[3]), std::stoi(r[4])}] = r[5];
    else if (r[0] == "DV") {
      EXPECT_EQ(r[4], "2") << "validation should start at row 2";
      EXPECT_EQ(r[5], "1001") << "validation should end at row 1001";
      dv_type[{r[1], r[2]}][std::stoi(r[3])] = r[6];
      dv_formula[{r[1], r[2]}][std::stoi(r[3])] = r[7];
    } else if (r[0] == "LIST") lists[r[1]].push_back(r[2]);
    else ADD_FAILURE() << "unexpected output: " << r[0];
  }

  for (auto& file : tws::records::input_files()) {
    auto& got = sheets[file.file];
    ASSERT_GE(got.size(), file.sheets.size() + 1) << file.file;
    EXPECT_EQ(got[0].first, "填写说明") << file.file << ": instructions come first";
    EXPECT_EQ(got[0].second, "visible");
    for (size_t i = 0; i < file.sheets.size(); ++i) {
      const auto& spec = file.sheets[i];
      EXPECT_EQ(got[i + 1].first, spec.name) << file.file;
      Key k{file.file, spec.name};
      EXPECT_EQ(freeze[k], "A2") << spec.name;
      std::vector<std::string> want;
      for (auto& c : spec.columns) want.push_back(c.name);
      EXPECT_EQ(headers[k], want) << file.file << " " << spec.name;
      for (size_t ci = 0; ci < spec.columns.size(); ++ci) {
        const auto& c = spec.columns[ci];
        int col = static_cast<int>(ci) + 1;
        using T = tws::records::FieldType;
        if (c.type == T::YesNo || c.type == T::Choice || c.type == T::Qualification) {
          EXPECT_EQ(dv_type[k][col], "list") << spec.name << "·" << c.name << " has no drop-down";
          if (c.type == T::YesNo) {
            EXPECT_EQ(dv_formula[k][col], "\"是,否\"") << c.name;
          }
        }
        if (c.type == T::IdNumber || c.type == T::Code || c.type == T::Phone) {
          EXPECT_EQ((fmt[{file.file, spec.name, col, 2}]), "@") << spec.name << "·" << c.name;
          EXPECT_EQ((fmt[{file.file, spec.name, col, 1001}]), "@") << spec.name << "·" << c.name;
        }
      }
    }
    // Any sheet beyond the data sheets is the hidden list sheet.
    for (size_t i = file.sheets.size() + 1; i < got.size(); ++i) {
      EXPECT_EQ(got[i].first, "_lists") << file.file;
      EXPECT_EQ(got[i].second, "hidden") << file.file;
    }
  }

  // applications.xlsx: the long lists (qualifications, honours, competition levels)
  // come from the hidden sheet, never inline (libxlsxwriter 1.1.4 aborts on them).
  auto& app_sheets = sheets["applications.xlsx"];
  ASSERT_EQ(app_sheets.back().first, "_lists");
  Key honours{"applications.xlsx", "荣誉与竞赛"};
  const auto* hs = tws::records::input_file("applications.xlsx").sheet("荣誉与竞赛");
  int name_col = 0, level_col = 0;
  for (size_t i = 0; i < hs->columns.size(); ++i) {
    if (hs->columns[i].name == "名称") name_col = static_cast<int>(i) + 1;
    if (hs->columns[i].name == "级别") level_col = static_cast<int>(i) + 1;
  }
  EXPECT_EQ(dv_type[honours][name_col], "list");
  EXPECT_EQ(dv_formula[honours][name_col].rfind("_lists!$", 0), 0u) << dv_formula[honours][name_col];
  EXPECT_EQ(dv_formula[honours][level_col].rfind("_lists!$", 0), 0u) << dv_formula[honours][level_col];
  std::set<std::string> app_lists(lists["applications.xlsx"].begin(), lists["applications.xlsx"].end());
  EXPECT_TRUE(app_lists.count("中华技能大奖|泰山产业领军人才（产业技能类）|齐鲁首席技师（山东省首席技师）|"
                              "山东省技术技能大师|山东省技术能手|德州市首席技师|德州市技术能手"));
  EXPECT_TRUE(app_lists.count("五级/初级工|四级/中级工|三级/高级工|二级/技师|一级/高级技师|特级技师|首席技师"));
}

TEST(Template, HonourNamesOffListAreOnlyNoted) {
  if (!have_openpyxl()) GTEST_SKIP() << "python3-openpyxl not installed";
  Fixture fx;
  tws::template_writer::write_input_templates(fx.dir, templates_dir());
  // 第二条 ends its list with 等: other honours and every competition name stay allowed.
  auto facts = dump(fx.dir);
  bool seen = false;
  for (auto& r : facts)
    if (r[0] == "DV" && r[1] == "applications.xlsx" && r[2] == "荣誉与竞赛" && r[6] == "list" &&
        r[7].find("_lists") != std::string::npos && r[8] != "stop")
      seen = true;
  EXPECT_TRUE(seen);
}

TEST(Template, ReviewsHaveTheVerificationSheetWithDropDowns) {
  // SPEC §2: reviews.xlsx 资格核实 (申报编号, 条款, 结论, 说明); 结论 only 通过/不通过, 条款
  // offered as the clauses the 资格审查汇总 prints (others allowed after a warning).
  if (!have_openpyxl()) GTEST_SKIP() << "python3-openpyxl not installed";
  Fixture fx;
  tws::template_writer::write_input_templates(fx.dir, templates_dir());
  std::vector<std::string> headers;
  std::string conclusion, clause, instructions;
  for (auto& r : dump(fx.dir)) {
    if (r.size() < 4 || r[1] != "reviews.xlsx" || r[2] != "资格核实") continue;
    if (r[0] == "HEADER") headers.push_back(r[4]);
    if (r[0] == "DV" && r[3] == "3") conclusion = r[7] + " " + r[8];
    if (r[0] == "DV" && r[3] == "2") clause = r[7] + " " + r[8];
  }
  EXPECT_EQ(headers, (std::vector<std::string>{"申报编号", "条款", "结论", "说明"}));
  EXPECT_EQ(conclusion, "\"通过,不通过\" None");  // no errorStyle: Excel's default, stop
  EXPECT_EQ(clause, "\"第二条,第三条,第四条（一）,第四条（二）\" warning");
  std::string text = run(python() + " -c \"import openpyxl,sys; ws=openpyxl.load_workbook(sys.argv[1])['填写说明'];"
                                    " print('\\n'.join(str(c.value) for r in ws.iter_rows() for c in r if c.value))\" '" +
                         (fx.dir / "reviews.xlsx").string() + "'");
  EXPECT_NE(text.find("三、资格核实（每项申报的每个待核实条款一行）"), std::string::npos) << text;
}

TEST(Template, InstructionsComeFromTheTextFileAndListEveryColumn) {
  if (!have_openpyxl()) GTEST_SKIP() << "python3-openpyxl not installed";
  Fixture fx;
  tws::template_writer::write_input_templates(fx.dir, templates_dir());
  fs::path script = fx.dir / "text.py";
  std::ofstream(script) << "import sys, openpyxl\n"
                           "ws = openpyxl.load_workbook(sys.argv[1])['填写说明']\n"
                           "for row in ws.iter_rows(values_only=True):\n"
                           "    print('\\t'.join('' if v is None else str(v) for v in row))\n";
  std::string text = run(python() + " '" + script.string() + "' '" + (fx.dir / "applications.xlsx").string() + "'");
  // Prose from templates/input/填写说明.txt, with its own workbook's section only.
  EXPECT_NE(text.find("技师工作站申报汇总填写说明（applications.xlsx）"), std::string::npos) << text;
  EXPECT_NE(text.find("2026年4月15日"), std::string::npos);
  EXPECT_NE(text.find("第四条（一）"), std::string::npos);
  EXPECT_EQ(text.find("考核委员会评定（0–10 分）"), std::string::npos) << "performance prose leaked";
  EXPECT_EQ(text.find("本文件是 tws template"), std::string::npos) << "maintainer comments leaked";
  // The generated table: one row per column with its hint and whether it is required.
  for (auto& sheet : tws::records::input_file("applications.xlsx").sheets)
    for (auto& c : sheet.columns) {
      std::string row = sheet.name + "\t" + c.name + "\t";
      EXPECT_NE(text.find(row), std::string::npos) << row;
      if (!c.hint.empty()) {
        EXPECT_NE(text.find(c.hint), std::string::npos) << c.hint;
      }
    }
  EXPECT_NE(text.find("入站人员\t身份证号\t必填\t身份证号（文本）"), std::string::npos);
}

// Our own reader (src/ingest) sees the same sheets and headers, and a blank template
// set passes the year's input check with no errors: what HR receives is what the
// program accepts.
TEST(Template, OwnReaderAcceptsTheBlankTemplates) {
  Fixture fx;
  const fs::path year_dir = fx.dir / "input" / "2030";
  tws::template_writer::write_input_templates(year_dir, templates_dir());
  for (auto& file : tws::records::input_files()) {
    auto wb = tws::ingest::read_workbook(year_dir / file.file);
    ASSERT_GE(wb.sheets.size(), file.sheets.size() + 1) << file.file;
    EXPECT_EQ(wb.sheets[0].name, "填写说明");
    EXPECT_FALSE(wb.sheets[0].hidden);
    for (size_t i = 0; i < file.sheets.size(); ++i) {
      const auto& sheet = wb.sheets[i + 1];
      EXPECT_EQ(sheet.name, file.sheets[i].name);
      ASSERT_FALSE(sheet.rows.empty()) << sheet.name;
      ASSERT_EQ(sheet.rows[0].index, 0u);
      std::vector<std::string> got, want;
      for (auto& c : sheet.rows[0].cells) got.push_back(c.text);
      for (auto& c : file.sheets[i].columns) want.push_back(c.name);
      EXPECT_EQ(got, want) << file.file << " " << sheet.name;
    }
    for (size_t i = file.sheets.size() + 1; i < wb.sheets.size(); ++i) {
      EXPECT_EQ(wb.sheets[i].name, "_lists");
      EXPECT_TRUE(wb.sheets[i].hidden);
    }
  }
  tws::Diagnostics diags;
  auto in = tws::records::load_year(fx.dir / "input", 2030, tws::config::Settings{}, diags);
  for (auto& d : diags.items())
    EXPECT_NE(d.severity, tws::Severity::Error) << tws::format_diagnostic(d);
  EXPECT_EQ(in.files.size(), tws::records::input_files().size());
  EXPECT_TRUE(in.applications.empty());
}

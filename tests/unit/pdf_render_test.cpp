// The layout engine and the libharu backend end to end, with the real role fonts of
// fonts/fonts.ini: a document with a title, paragraphs, headings of all four levels, a
// 40-row table that splits across pages with its header repeated, and page numbers,
// measured from the PDF with poppler (pdftotext -layout / -bbox, pdffonts, pdfinfo)
// against GB/T 9704-2012 (../shared/GBT9704.md) and TYPESETTING.md §1.
// Skipped only when the font files of fonts/fonts.ini are absent (scripts/prepare-fonts).
#include <gtest/gtest.h>

#include <hb.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <iterator>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "render/pdf/pdf.h"
#include "render/pdf/subset.h"
#include "typeset/typeset.h"

using namespace tws::typeset;
namespace pdf = tws::render::pdf;
namespace fs = std::filesystem;

namespace {

const fs::path kFontsIni = fs::path(TWS_SOURCE_DIR) / "fonts" / "fonts.ini";

// Shell command → stdout (stderr dropped; tests/cli/pdf_readers.sh checks poppler's warnings).
std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = popen((cmd + " 2>/dev/null").c_str(), "r");
  if (!p) return out;
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  pclose(p);
  return out;
}

// The PDF of the pages, written to `file` for poppler.
void write_pdf(const fs::path& file, const std::vector<Page>& pages, const FontSet& fonts,
               const pdf::DocumentInfo& info) {
  const std::string bytes = pdf::render(pages, fonts, info);
  std::ofstream(file, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
}

std::string strip_spaces(std::string s) {
  s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\n'; }), s.end());
  return s;
}

// The fixture document. The text is a realistic 认定通知 body, long enough that page 2 is
// a full page of body lines.
std::vector<Block> document(const PageStyle& st) {
  std::vector<Block> b;
  const std::string t = "德州职业技术学院关于公布2026年度技能大师工作室认定名单的通知";
  b.push_back(title(t, {t.find("关于"), t.find("技能大师"), t.find("的通知") + 3}));
  b.push_back(lines(1, st));
  Paragraph to = body("各系部，各单位：");
  to.first_indent = 0;
  b.push_back(to);
  b.push_back(body(
      "根据《德州职业技术学院技能大师工作室管理办法》（德职院政发〔2026〕12号）的规定，经个人申报、"
      "系部推荐、资格审查、专家评审和学校审批，并经公示无异议，学校决定认定张堃等40人领办的工作室为"
      "2026年度技能大师工作室，认定有效期三年，自2026年3月1日起计算。现将有关事项通知如下。"));
  b.push_back(heading(1, "一、总体要求"));
  b.push_back(body(
      "各工作室要围绕学校专业建设和人才培养的中心任务，充分发挥技能大师在技术攻关、技艺传承、"
      "带徒传技和成果推广等方面的引领作用——做到“传帮带”有计划、有措施、有成效，切实提高学生的"
      "职业技能水平和教师的实践教学能力，为区域经济社会发展提供有力的技能人才支撑。"));
  b.push_back(heading(2, "（一）工作任务"));
  b.push_back(heading(3, "1.技艺传承"));
  b.push_back(body(
      "每个工作室每年至少带徒三名，制定带徒计划，明确培养目标、培养内容和考核标准；"
      "徒弟应当在一年内取得高一级职业资格证书或者职业技能等级证书，并在校级以上技能竞赛中取得名次。"));
  b.push_back(heading(4, "（1）带徒计划于每年3月31日前报送备案。"));
  b.push_back(body(
      "工作室领办人应当按照计划组织开展带徒活动，做好过程记录，每学期末对徒弟进行考核，考核结果"
      "作为徒弟评先树优和职称评聘的重要依据；考核不合格的，应当分析原因，调整培养方案，并报系部审核。"));
  b.push_back(heading(3, "2.技术攻关"));
  b.push_back(body(
      "工作室应当主动对接行业企业，每年至少承担一项技术改造、工艺革新或者产品研发项目，形成专利、"
      "标准、工法或者技术报告等成果；成果转化收益按照学校有关规定分配，优先用于工作室建设和人才培养。"
      "项目实施情况纳入年度考核，考核结果分为优秀、合格和不合格三个等次，考核结果在校内公示五个工作日。"));
  b.push_back(heading(2, "（二）保障措施"));
  b.push_back(body(
      "学校按照每个工作室每年不超过5万元的标准安排建设经费，专款专用，主要用于设备购置、耗材、"
      "资料、培训、交流和成果推广等支出；所在系部应当提供不少于60平方米的场地，并配备必要的"
      "设施设备。组织人事处、教务处、财务处等部门按照职责分工做好指导、服务和监督工作。"));
  b.push_back(body(
      "工作室实行年度考核和期满验收制度。年度考核不合格的，限期整改；连续两年考核不合格或者"
      "期满验收不合格的，撤销其技能大师工作室称号，停止拨付经费，三年内不得再次申报。工作室领办人"
      "调离学校、退休或者因其他原因不能继续履行职责的，所在系部应当及时报告，由学校研究决定"
      "是否撤销。期满验收合格的，可以申请续期。"));
  b.push_back(heading(1, "二、认定名单"));
  Paragraph intro = body("2026年度技能大师工作室认定名单如下表（按所在部门排序）：");
  intro.keep_with_next = true;
  b.push_back(intro);

  Table tb;
  tb.size = 12;  // 小四
  tb.pad_y = mm(0.8);
  tb.columns = {{0, 0, Align::Centre}, {0, 0, Align::Left},   {0, 0, Align::Centre},
                {0, 0, Align::Centre}, {0, 0, Align::Centre}, {0, 0, Align::Centre}};
  tb.rows.push_back({{"序号"}, {"工作室名称"}, {"所在部门"}, {"职业（工种）"}, {"领办人"}, {"领办人称号"}});
  const char* stations[] = {"数控技能大师工作室", "汽车技能大师工作室", "网络技能大师工作室",
                            "电商技能大师工作室"};
  const char* depts[] = {"机电工程系", "汽车工程系", "信息工程系", "经济管理系"};
  const char* trades[] = {"数控车工", "汽车维修工", "网络与信息安全管理员", "电子商务师"};
  const char* names[] = {"张堃", "王喆", "李燊", "赵婧", "刘淼"};
  const char* honours[] = {"齐鲁首席技师", "全国技术能手", "山东省技术能手"};
  for (int i = 1; i <= 40; ++i)
    tb.rows.push_back({{std::to_string(i)},
                       {std::string(stations[i % 4]) + (i % 5 ? "" : "（校企共建）")},
                       {depts[i % 4]},
                       {trades[i % 4]},
                       {names[i % 5]},
                       {honours[i % 3]}});
  b.push_back(tb);
  b.push_back(lines(1, st));
  b.push_back(body("特此通知。"));
  return b;
}

struct Word {
  double x0, y0, x1, y1;
  std::string text;
};
struct TextLine {
  double left, top, right;
  std::string text;
};

// pdftotext -bbox words of one page grouped into lines by baseline (as pdf_grid.py does),
// body-sized text only (13–19 pt tall). mm.
std::vector<TextLine> bbox_lines(const fs::path& file, int page) {
  std::string x = run("pdftotext -bbox -f " + std::to_string(page) + " -l " + std::to_string(page) +
                      " '" + file.string() + "' -");
  std::regex re(R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re");
  std::map<long, std::vector<Word>> rows;
  for (auto it = std::sregex_iterator(x.begin(), x.end(), re); it != std::sregex_iterator(); ++it) {
    Word w{std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), std::stod((*it)[4]), (*it)[5]};
    if (w.y1 - w.y0 < 13 || w.y1 - w.y0 > 19) continue;
    if (w.y0 / kPtPerMm > 262) continue;  // below the 版心: the page number
    long key = std::lround(w.y1);
    for (auto& [k, v] : rows)
      if (std::abs(k - w.y1) < 3) key = k;
    rows[key].push_back(w);
  }
  std::vector<TextLine> out;
  for (auto& [k, ws] : rows) {
    std::sort(ws.begin(), ws.end(), [](const Word& a, const Word& b) { return a.x0 < b.x0; });
    TextLine l{ws.front().x0 / kPtPerMm, 1e9, 0, ""};
    for (const Word& w : ws) {
      l.top = std::min(l.top, w.y0 / kPtPerMm);
      l.right = std::max(l.right, w.x1 / kPtPerMm);
      l.text += w.text;
    }
    out.push_back(l);
  }
  return out;
}

// On a page without tables: each body-sized line's extent in the PDF (pdftotext -bbox)
// matches the frame's, within 0.3 mm (the frame sets full-width glyphs 0.21 pt tighter
// than their 16 pt boxes).
void expect_pdf_matches_frame(const fs::path& file, int page, const Page& fp) {
  std::map<long, std::pair<double, double>> frame;  // em top (0.1 mm) → left, right
  for (const Item& it : fp.items) {
    const auto* r = std::get_if<GlyphRun>(&it);
    if (!r || r->glyphs.empty() || r->size < 13 || r->size > 19 || r->role == kNumber) continue;
    long key = std::lround((r->baseline - 0.88 * r->size) / kPtPerMm * 10);
    auto& e = frame.try_emplace(key, 1e9, 0).first->second;
    e.first = std::min(e.first, r->glyphs.front().x / kPtPerMm);
    e.second = std::max(e.second, (r->glyphs.back().x + r->glyphs.back().advance) / kPtPerMm);
  }
  auto measured = bbox_lines(file, page);
  EXPECT_EQ(measured.size(), frame.size()) << "page " << page;
  for (const auto& ln : measured) {
    auto it = frame.find(std::lround(ln.top * 10));
    if (it == frame.end()) it = frame.find(std::lround(ln.top * 10) - 1);
    if (it == frame.end()) it = frame.find(std::lround(ln.top * 10) + 1);
    ASSERT_NE(it, frame.end()) << "page " << page << " line not in the frame: " << ln.text;
    EXPECT_NEAR(ln.left, it->second.first, 0.3) << ln.text;
    EXPECT_NEAR(ln.right, it->second.second, 0.3) << ln.text;
  }
}

class PdfRender : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kFontsIni)) GTEST_SKIP() << kFontsIni << " is absent (scripts/prepare-fonts)";
    try {
      fonts_ = FontSet::load(kFontsIni);
    } catch (const TypesetError& e) {
      GTEST_SKIP() << "fonts of fonts.ini absent: " << e.what();
    }
    dir_ = fs::temp_directory_path() /
           ("tws-pdf-render-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty() && !HasFailure()) fs::remove_all(dir_);
  }
  FontSet fonts_;
  fs::path dir_;
  PageStyle style_;
  pdf::DocumentInfo info_{"技能大师工作室认定名单的通知", "德州职业技术学院", "", "", "tws", 2026, 3, 1, 9, 0, 0};
};

}  // namespace

TEST_F(PdfRender, OfficialDocumentMeasuredFromThePdf) {
  const auto blocks = document(style_);
  Layout l = layout(blocks, fonts_, style_);
  for (const auto& w : l.warnings) ADD_FAILURE() << "layout warning: " << w;
  pdf::Stats stats;
  const std::string bytes = pdf::render(l.pages, fonts_, info_, &stats);
  const fs::path file = dir_ / "notice.pdf";
  write_pdf(file, l.pages, fonts_, info_);
  const int pages = int(l.pages.size());
  ASSERT_GE(pages, 3);

  // Deterministic: a second layout and render gives the same bytes (fixed dates, an /ID
  // derived from the bytes).
  EXPECT_EQ(pdf::render(layout(blocks, fonts_, style_).pages, fonts_, info_), bytes);
  EXPECT_NE(bytes.find("/ID ["), std::string::npos);

  // pdfinfo: A4, the page count, the document info.
  std::string info = run("pdfinfo '" + file.string() + "'");
  EXPECT_NE(info.find("(A4)"), std::string::npos) << info;
  EXPECT_NE(info.find("Pages:           " + std::to_string(pages)), std::string::npos) << info;
  EXPECT_NE(info.find("德州职业技术学院"), std::string::npos) << info;

  // pdffonts: every font embedded (and subset).
  std::string fonts = run("pdffonts '" + file.string() + "'");
  int rows = 0;
  std::istringstream fin(fonts);
  for (std::string line; std::getline(fin, line);) {
    if (line.find("CID TrueType") == std::string::npos) continue;
    ++rows;
    std::istringstream ls(line);
    std::vector<std::string> f{std::istream_iterator<std::string>(ls), {}};
    ASSERT_GE(f.size(), 7u) << line;
    EXPECT_EQ(f[4], "yes") << "not embedded: " << line;
    EXPECT_EQ(f[5], "yes") << "not subset: " << line;
  }
  EXPECT_GE(rows, 5) << fonts;  // title, body, heading1, heading2, number

  // pdftotext -layout: the text in reading order, the table header on every table page.
  std::string text = run("pdftotext -layout '" + file.string() + "' -");
  std::string flat = strip_spaces(text);
  const std::vector<std::string> order = {
      "德州职业技术学院关于公布", "技能大师工作室认定名单的通知", "各系部，各单位：",
      "德职院政发〔2026〕12号", "一、总体要求", "（一）工作任务", "1.技艺传承",
      "（1）带徒计划", "2.技术攻关", "二、认定名单", "序号工作室名称", "张堃", "特此通知。"};
  std::size_t at = 0;
  for (const auto& s : order) {
    std::size_t found = flat.find(s, at);
    EXPECT_NE(found, std::string::npos) << "missing or out of order: " << s;
    if (found != std::string::npos) at = found + s.size();
  }
  std::vector<std::string> page_text;
  for (std::size_t from = 0, ff; from < text.size(); from = ff + 1) {
    ff = text.find('\f', from);
    if (ff == std::string::npos) ff = text.size();
    page_text.push_back(strip_spaces(text.substr(from, ff - from)));
  }
  int table_pages = 0, last_row = 0;
  for (int p = 0; p < pages; ++p) {
    const std::string& pt = page_text[std::size_t(p)];
    EXPECT_NE(pt.find("—" + std::to_string(p + 1) + "—"), std::string::npos) << "page number " << p + 1;
    if (pt.find("技能大师工作室") == std::string::npos || pt.find("齐鲁首席技师") == std::string::npos) continue;
    ++table_pages;
    EXPECT_NE(pt.find("序号工作室名称所在部门"), std::string::npos) << "no header on page " << p + 1;
  }
  EXPECT_GE(table_pages, 2) << "the 40-row table should span pages";
  // Rows 1…40 in order, each number at the start of a row.
  std::istringstream tin(text);
  for (std::string line; std::getline(tin, line);) {
    std::smatch m;
    static const std::regex row(R"(^\s*(\d+)\s+\S)");
    if (std::regex_search(line, m, row) && line.find("—") == std::string::npos &&
        std::stoi(m[1]) == last_row + 1)
      ++last_row;
  }
  EXPECT_EQ(last_row, 40);

  // pdftotext -bbox on page 2, a full body page: GB/T 9704 grid.
  auto lines2 = bbox_lines(file, 2);
  EXPECT_EQ(lines2.size(), 22u) << "22 lines on a full body page";
  ASSERT_FALSE(lines2.empty());
  EXPECT_NEAR(lines2.front().top, 37.0, 1.0) << "天头 37 mm";
  double left = 1e9;
  int justified = 0;
  for (std::size_t i = 0; i < lines2.size(); ++i) {
    const auto& ln = lines2[i];
    left = std::min(left, ln.left);
    if (i > 0) {
      EXPECT_NEAR(ln.top - lines2[i - 1].top, 225.0 / 22, 0.05) << ln.text;
    }
    if (ln.right > 175) {  // a full (justified) line: flush with the 184 mm edge
      ++justified;
      EXPECT_NEAR(ln.right, 184.0, 0.5) << ln.text;
    }
  }
  EXPECT_NEAR(left, 28.0, 1.0) << "订口 28 mm";
  EXPECT_GE(justified, 14);

  // The backend draws every glyph where the frame puts it.
  for (int p = 1; p <= 2; ++p) expect_pdf_matches_frame(file, p, l.pages[std::size_t(p - 1)]);

  // TYPESETTING.md §1 on every page: no line starts with a closing mark or ends with an
  // opening one.
  const std::u32string closing = U"，。、；：？！）》」』〕】〉”’…";
  const std::u32string opening = U"（《「『〔【〈“‘";
  for (int p = 1; p <= pages; ++p)
    for (const auto& ln : bbox_lines(file, p)) {
      std::u32string u;
      for (std::size_t i = 0; i < ln.text.size();) {
        unsigned char c = uint8_t(ln.text[i]);
        int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
        for (int k = 1; k < n; ++k) cp = (cp << 6) | (uint8_t(ln.text[i + k]) & 0x3F);
        u += cp;
        i += std::size_t(n);
      }
      ASSERT_FALSE(u.empty());
      EXPECT_EQ(closing.find(u.front()), std::u32string::npos) << "page " << p << ": " << ln.text;
      EXPECT_EQ(opening.find(u.back()), std::u32string::npos) << "page " << p << ": " << ln.text;
    }

  // The shared grid tool's figures, for the record.
  std::string grid = run("python3 '" TWS_SHARED_DIR "/tools/pdf_grid.py' '" + file.string() + "'");
  std::cout << grid << "pdf bytes=" << stats.bytes << " fonts=" << stats.embedded_fonts
            << " font bytes=" << stats.font_bytes << " pages=" << pages << "\n";
  RecordProperty("pdf_grid", grid);
  EXPECT_NE(grid.find("over_184.5mm=0"), std::string::npos) << grid;
  EXPECT_NE(grid.find("kinsoku=0"), std::string::npos) << grid;
}

// A rare name character missing from FangSong is drawn from the next font of the chain
// (fonts.ini: body = FandolFang, Noto Serif CJK, …); one no font has is an error naming
// the text, never a blank.
TEST_F(PdfRender, FallbackAlongTheChainAndMissingCharacterReported) {
  Layout l = layout({body("领办人张堃")}, fonts_, style_);
  std::map<std::string, std::string> face_of;
  for (const Item& it : l.pages[0].items)
    if (const auto* r = std::get_if<GlyphRun>(&it); r && r->role == kBody)
      face_of[r->text()] = fonts_.face(r->face).postscript_name;
  ASSERT_EQ(face_of.size(), 2u);
  EXPECT_NE(face_of.at("领办人张"), face_of.at("堃"));
  ASSERT_EQ(l.fallbacks.size(), 1u);
  EXPECT_EQ(l.fallbacks[0].role, kBody);
  EXPECT_EQ(l.fallbacks[0].cp, U'堃');
  EXPECT_EQ(fonts_.face(l.fallbacks[0].face).postscript_name, face_of.at("堃"));

  // FandolFang draws U+FFE5 ￥ as a dollar sign: taken from the next font instead.
  l = layout({body("价格￥100元")}, fonts_, style_);
  for (const Item& it : l.pages[0].items) {
    if (const auto* r = std::get_if<GlyphRun>(&it); r && r->text() == "￥") {
      EXPECT_NE(fonts_.face(r->face).postscript_name, "FandolFang-Regular");
    }
  }

  Paragraph p = body("备注：\uE000");
  p.origin = "申报汇总!K9";
  try {
    layout({p}, fonts_, style_);
    FAIL() << "no error for U+E000";
  } catch (const TypesetError& e) {
    ASSERT_EQ(e.problems.size(), 1u);
    EXPECT_NE(e.problems[0].find("申报汇总!K9：“备注：\uE000”中的“\uE000”（U+E000）在字体角色 body 的字体"),
              std::string::npos)
        << e.problems[0];
  }
}

// Subsetting keeps the file small: a one-line document.
TEST_F(PdfRender, OneLineDocumentIsSmall) {
  Layout l = layout({body("特此通知。")}, fonts_, style_);
  pdf::Stats stats;
  std::string bytes = pdf::render(l.pages, fonts_, info_, &stats);
  EXPECT_LT(bytes.size(), 40u * 1024) << "subset fonts expected";
  std::cout << "one-line pdf bytes=" << bytes.size() << "\n";
}

// The red header of GB/T 9704 §7.2 from the engine's blocks: a red 发文机关标志 condensed
// to the block width (horizontal scaling must not leak into the text after it), the
// 发文字号 and the red rule.
TEST_F(PdfRender, RedHeaderCondensedBannerAndRule) {
  std::vector<Block> b;
  b.push_back(Space{mm(35)});
  Paragraph banner;
  banner.text = "德州职业技术学院人力资源和社会保障处文件";
  banner.role = kTitle;
  banner.size = 36;
  banner.color = kRed;
  banner.align = Align::Centre;
  banner.first_indent = 0;
  banner.shrink_to_fit = true;
  banner.line_pitch = 36 * 1.2;
  b.push_back(banner);
  b.push_back(lines(2, style_));
  Paragraph no = body("德职院政发〔2026〕12号");
  no.align = Align::Centre;
  no.first_indent = 0;
  b.push_back(no);
  b.push_back(Rule{mm(0.5), kRed, mm(4), 0, 0, 0});
  b.push_back(lines(2, style_));
  b.push_back(body("经学校研究决定，现将2026年度技能大师工作室认定名单予以公布，请各系部认真组织实施。"));
  Layout l = layout(b, fonts_, style_);
  const GlyphRun* red = nullptr;
  for (const Item& it : l.pages[0].items)
    if (const auto* r = std::get_if<GlyphRun>(&it); r && r->role == kTitle) red = r;
  ASSERT_TRUE(red);
  EXPECT_LT(red->hscale, 1.0);
  EXPECT_EQ(red->color, kRed);
  EXPECT_NEAR(red->glyphs.front().x, mm(28), 1e-6);
  EXPECT_NEAR(red->baseline - fonts_.face(red->face).ascender_em * 36, mm(37 + 35), 1e-6);
  const fs::path file = dir_ / "red.pdf";
  write_pdf(file, l.pages, fonts_, info_);
  expect_pdf_matches_frame(file, 1, l.pages[0]);
  std::string text = strip_spaces(run("pdftotext -layout '" + file.string() + "' -"));
  EXPECT_NE(text.find("德州职业技术学院人力资源和社会保障处文件德职院政发〔2026〕12号经学校研究决定"),
            std::string::npos)
      << text;
}

// Layout regressions: the frame dump of the fixture document against
// tests/golden/typeset_notice.frame.txt (checked by eye as rendered PNGs when it was
// made). Regenerate with TWS_UPDATE_GOLDEN=1 after an intended layout change. The first
// line records the role fonts; with other fonts in fonts.ini the test is skipped.
TEST_F(PdfRender, LayoutMatchesGoldenFrame) {
  const fs::path golden = fs::path(TWS_TESTS_DIR) / "golden" / "typeset_notice.frame.txt";
  std::string fonts_line = "fonts:";
  for (auto role : {kTitle, kBody, kHeading1, kHeading2, kNumber})
    fonts_line += " " + std::string(role) + "=" + fonts_.face(fonts_.chain(role).front()).postscript_name;
  const std::string got = fonts_line + "\n" + dump(layout(document(style_), fonts_, style_).pages, fonts_);
  if (std::getenv("TWS_UPDATE_GOLDEN")) {
    std::ofstream(golden, std::ios::binary) << got;
    GTEST_SKIP() << "wrote " << golden;
  }
  std::ifstream in(golden, std::ios::binary);
  ASSERT_TRUE(in) << golden << " is missing (TWS_UPDATE_GOLDEN=1 writes it)";
  std::string want((std::istreambuf_iterator<char>(in)), {});
  if (want.substr(0, want.find('\n')) != fonts_line) GTEST_SKIP() << "other fonts than the golden's";
  std::istringstream a(want), b(got);
  std::string la, lb;
  for (int line = 1;; ++line) {
    bool more_a = bool(std::getline(a, la)), more_b = bool(std::getline(b, lb));
    if (!more_a && !more_b) break;
    if (!more_a) la = "(end)";
    if (!more_b) lb = "(end)";
    ASSERT_EQ(la, lb) << golden << ":" << line << " differs (TWS_UPDATE_GOLDEN=1 to accept)";
  }
}

// The subset's cmap (subset.cpp) maps each character's code (kFirstCode, …) to the
// glyph the face draws for that character, each narrow form's code to a copy of that
// glyph with the narrow advance, and no other code to a glyph.
TEST_F(PdfRender, SubsetCmapMapsEachCodeToItsCharactersGlyph) {
  pdf::SubsetRequest req;
  req.face = fonts_.hb_face(0);
  req.font = fonts_.face(0).path;
  req.postscript_name = "Probe";
  for (char32_t cp : U"技师工作站认定通知，。、（）ABCxyz0123《》：；—…年月日")
    if (cp) req.code_points.insert(cp);
  for (char32_t cp = 0x4E00; cp < 0x4E00 + 400; cp += 3) req.code_points.insert(cp);
  std::map<char32_t, char32_t> character;  // code → character
  char32_t next = pdf::kFirstCode;
  for (char32_t cp : req.code_points) character[next] = cp, req.codes[cp] = next++;
  for (char32_t cp : U"，。（") character[next] = cp, req.narrow[cp] = {next++, 500};
  const std::string bytes = pdf::subset_font(req);
  hb_blob_t* blob = hb_blob_create(bytes.data(), unsigned(bytes.size()), HB_MEMORY_MODE_READONLY, nullptr, nullptr);
  hb_face_t* sub_face = hb_face_create(blob, 0);
  hb_font_t* sub = hb_font_create(sub_face);
  hb_font_t* whole = hb_font_create(fonts_.hb_face(0));
  auto outline = [](hb_font_t* font, hb_codepoint_t gid) {
    hb_glyph_extents_t e{};
    hb_font_get_glyph_extents(font, gid, &e);
    return std::vector<int>{e.x_bearing, e.y_bearing, e.width, e.height};
  };
  int narrow_seen = 0;
  for (unsigned u = 1; u < 0x10000; ++u) {
    hb_codepoint_t want = 0, got = 0;
    const bool mapped = hb_font_get_nominal_glyph(sub, u, &got) && got != 0;
    auto it = character.find(char32_t(u));
    if (it == character.end()) {
      ASSERT_FALSE(mapped) << "code " << std::hex << u << " was not assigned";
      continue;
    }
    if (!hb_font_get_nominal_glyph(whole, it->second, &want)) continue;
    ASSERT_TRUE(mapped) << "code " << std::hex << u;
    EXPECT_EQ(outline(sub, got), outline(whole, want)) << "code " << std::hex << u;
    const bool narrow = req.narrow.count(it->second) && req.narrow.at(it->second).code == u;
    const int advance = int(hb_font_get_glyph_h_advance(sub, got));
    if (narrow) {
      ++narrow_seen;
      EXPECT_EQ(advance, 500) << "narrow code " << std::hex << u;
    } else {
      EXPECT_EQ(advance, int(hb_font_get_glyph_h_advance(whole, want))) << "code " << std::hex << u;
    }
  }
  EXPECT_EQ(narrow_seen, 3);
  hb_font_destroy(whole);
  hb_font_destroy(sub);
  hb_face_destroy(sub_face);
  hb_blob_destroy(blob);
}

// The retry for libharu's 4,096-byte save bug (pdf.cpp, SaveSeekBug) changes a subset's
// size by padding its 'post' table, and nothing else.
TEST_F(PdfRender, PostPaddingChangesOnlyThePostTable) {
  pdf::SubsetRequest req;
  req.face = fonts_.hb_face(0);
  req.font = fonts_.face(0).path;
  req.postscript_name = "Probe";
  char32_t next = pdf::kFirstCode;
  for (char32_t cp : U"技师工作站，。") {
    if (!cp) continue;
    req.code_points.insert(cp);
    req.codes[cp] = next++;
  }
  const std::string plain = pdf::subset_font(req);
  req.post_padding = 8;
  const std::string padded = pdf::subset_font(req);
  EXPECT_EQ(padded.size(), plain.size() + 8);
  auto table_length = [](const std::string& font, hb_tag_t tag) {
    hb_blob_t* blob = hb_blob_create(font.data(), unsigned(font.size()), HB_MEMORY_MODE_READONLY, nullptr, nullptr);
    hb_face_t* face = hb_face_create(blob, 0);
    hb_blob_t* t = hb_face_reference_table(face, tag);
    const unsigned n = hb_blob_get_length(t);
    hb_blob_destroy(t);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    return n;
  };
  EXPECT_EQ(table_length(padded, HB_TAG('p', 'o', 's', 't')), table_length(plain, HB_TAG('p', 'o', 's', 't')) + 8);
  for (hb_tag_t tag : {HB_TAG('g', 'l', 'y', 'f'), HB_TAG('c', 'm', 'a', 'p'), HB_TAG('h', 'm', 't', 'x')})
    EXPECT_EQ(table_length(padded, tag), table_length(plain, tag));
}

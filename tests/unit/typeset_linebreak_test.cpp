// The line breaker on the cases of ../shared/TYPESETTING.md §1–§5, with the synthetic
// fixed-width face (FontSet::fixed_width: wide characters 1 em = 16 pt, Latin and digits
// ½ em; ，。、；：！？ and closing marks inked in the left half, opening marks in the right
// half), so every expected break can be checked by counting characters. Each test names
// the rule it proves.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "typeset/typeset.h"

using namespace tws::typeset;

namespace {

constexpr double kEm = 16;  // one character cell: pitch = block width / chars per line

struct Line {
  std::u32string text;
  std::vector<PlacedGlyph> glyphs;
  std::string utf8;
};

PageStyle narrow_page(int chars, int lines = 22) {
  PageStyle st;
  st.block_width = chars * kEm;
  st.chars_per_line = chars;
  st.lines_per_page = lines;
  st.block_height = lines * 29.0;
  st.page_numbers = false;
  return st;
}

// The lines of every page, glyphs in order (runs grouped by baseline).
std::vector<Line> lines_of(const Layout& l) {
  std::vector<Line> out;
  for (const Page& p : l.pages) {
    std::map<long, Line> rows;
    for (const Item& it : p.items)
      if (const auto* r = std::get_if<GlyphRun>(&it))
        for (const auto& g : r->glyphs) rows[std::lround(r->baseline * 100)].glyphs.push_back(g);
    for (auto& [k, line] : rows) {
      std::sort(line.glyphs.begin(), line.glyphs.end(),
                [](const PlacedGlyph& a, const PlacedGlyph& b) { return a.x < b.x; });
      for (const auto& g : line.glyphs) line.text += g.cp;
      out.push_back(line);
    }
  }
  for (auto& line : out) {
    GlyphRun r;
    r.glyphs = line.glyphs;
    line.utf8 = r.text();
  }
  return out;
}

std::vector<Line> set(const std::string& text, int chars, double indent = 0) {
  Paragraph p = body(text);
  p.first_indent = indent;
  return lines_of(layout({p}, FontSet::fixed_width(), narrow_page(chars)));
}

std::vector<std::string> texts(const std::vector<Line>& lines) {
  std::vector<std::string> t;
  for (const auto& l : lines) t.push_back(l.utf8);
  return t;
}

double right_edge(const Line& l) { return l.glyphs.back().x + l.glyphs.back().advance; }
double left_edge(const Line& l) { return l.glyphs.front().x; }

const std::u32string kClosing = U"，。、；：？！）》」』〕】〉”’…—·／";
const std::u32string kOpening = U"（《「『〔【〈“‘";

// Every line of `lines` obeys §1 (and the strict level's —— …… rule).
void expect_kinsoku(const std::vector<Line>& lines, const std::string& what) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& t = lines[i].text;
    ASSERT_FALSE(t.empty());
    EXPECT_EQ(kClosing.find(t.front()), std::u32string::npos)
        << what << ": line " << i << " starts with a closing mark: " << lines[i].utf8;
    if (i + 1 < lines.size()) {
      EXPECT_EQ(kOpening.find(t.back()), std::u32string::npos)
          << what << ": line " << i << " ends with an opening mark: " << lines[i].utf8;
    }
  }
}

}  // namespace

// §1 "never at line start: 、，。：；！？ ”’ ）》〉」』】〕〗］｝": the 。 that would open line 2
// cannot be squeezed in (no other mark on the line), so 十 is pushed down with it (后推出).
TEST(Typesetting1_Kinsoku, FullStopNeverStartsALinePushesPreviousCharacter) {
  auto l = set("一二三四五六七八九十。甲乙", 10);
  EXPECT_EQ(texts(l), (std::vector<std::string>{"一二三四五六七八九", "十。甲乙"}));
  // …and the pushed line is justified to the full width (§5).
  EXPECT_NEAR(right_edge(l[0]), 28 * tws::typeset::kPtPerMm + 10 * kEm, 1e-6);
}

// §5 "If a forbidden mark still would start the next line: first try to squeeze it back
// onto this line (先挤进)": the four ， share the ½ em (⅛ em each, issue 18 §4: a squeeze
// spread thin rather than a line spread by 1½ em), the 。 at the line end takes ½ em.
TEST(Typesetting5_Adjust, SqueezeInBeforePushOut) {
  auto l = set("甲，乙丙，丁，戊，己。子丑寅卯辰巳午", 10);
  ASSERT_EQ(l.size(), 2u);
  EXPECT_EQ(l[0].utf8, "甲，乙丙，丁，戊，己。");
  for (std::size_t i : {1u, 4u, 6u, 8u}) EXPECT_DOUBLE_EQ(l[0].glyphs[i].advance, kEm * 7 / 8);
  EXPECT_DOUBLE_EQ(l[0].glyphs[10].advance, kEm / 2);  // 。
  EXPECT_TRUE(l[0].glyphs[10].narrow);
  EXPECT_NEAR(right_edge(l[0]) - left_edge(l[0]), 10 * kEm, 1e-6);
}

// §1 "never at line end: “‘（《〈「『【〔〖［｛".
TEST(Typesetting1_Kinsoku, OpeningBracketNeverEndsALine) {
  auto l = set("一二三四五六七八九（十一）", 10);
  EXPECT_EQ(texts(l), (std::vector<std::string>{"一二三四五六七八九", "（十一）"}));
}

// §1 + §3: "—— (two U+2014) … one 2-em unit", "clreq strict adds: —— and …… not at line
// start": 九 goes down with the dash rather than leave it at a line start or split it.
TEST(Typesetting3_NeverSplit, DashPairNeitherSplitNorAtLineStart) {
  auto l = set("一二三四五六七八九——十一二三", 10);
  EXPECT_EQ(texts(l), (std::vector<std::string>{"一二三四五六七八", "九——十一二三"}));
  l = set("一二三四五六七八九十——十一二三", 10);
  EXPECT_EQ(texts(l), (std::vector<std::string>{"一二三四五六七八九", "十——十一二三"}));
}

TEST(Typesetting3_NeverSplit, EllipsisPairNeitherSplitNorAtLineStart) {
  for (int chars = 6; chars <= 14; ++chars) {
    auto l = set("他说道甲乙丙丁戊己庚辛壬癸……子丑寅卯辰巳午未申酉……戌亥", chars);
    expect_kinsoku(l, "width " + std::to_string(chars));
    for (const auto& line : l) {
      auto n = std::count(line.text.begin(), line.text.end(), U'…');
      EXPECT_EQ(n % 2, 0) << "…… split at width " << chars << ": " << line.utf8;
    }
  }
}

// §4 "A full-width mark at line end takes ½ em (GB/T 15834 §5.1.10)", and the line is
// still flush with the right edge: the mark's ink ends the line.
TEST(Typesetting4_Compression, LineEndMarkTakesHalfEm) {
  auto l = set("一二三四五六七八九，十一", 10);
  ASSERT_EQ(l.size(), 2u);
  EXPECT_EQ(l[0].utf8, "一二三四五六七八九，");
  const PlacedGlyph& comma = l[0].glyphs.back();
  EXPECT_DOUBLE_EQ(comma.advance, kEm / 2);
  EXPECT_TRUE(comma.narrow);
  EXPECT_NEAR(right_edge(l[0]) - left_edge(l[0]), 10 * kEm, 1e-6);
}

// §4 "Two adjacent marks (e.g. 。” or ）。) take 1.5 em together".
TEST(Typesetting4_Compression, AdjacentMarksTakeOneAndAHalfEm) {
  auto l = set("他说：“好。”我们走（快）。", 20);
  ASSERT_EQ(l.size(), 1u);
  auto& g = l[0].glyphs;
  auto width_of = [&](std::size_t i) { return g[i].advance; };
  // 他说：“好。”我们走（快）。  — ：“ and 。” and ）。 are pairs
  EXPECT_DOUBLE_EQ(width_of(2) + width_of(3), 1.5 * kEm);    // ：“
  EXPECT_DOUBLE_EQ(width_of(5) + width_of(6), 1.5 * kEm);    // 。”
  EXPECT_DOUBLE_EQ(width_of(12) + width_of(13), 1.0 * kEm);  // ）。 at the paragraph end: ½ + ½
}

// §5 "spread the space equally between Han characters — but not after an opening
// bracket, not before a closing bracket, not around ，。？！·".
TEST(Typesetting5_Adjust, NoJustificationSpaceInsideBrackets) {
  auto l = set("甲（乙）丙丁戊己庚辛——子", 10);
  ASSERT_EQ(l.size(), 2u);
  ASSERT_EQ(l[0].utf8, "甲（乙）丙丁戊己庚");  // 9 em, 1 em to spread
  auto& g = l[0].glyphs;
  EXPECT_NEAR(g[2].x - g[1].x, kEm, 1e-9);  // （乙: no space after the opening bracket
  EXPECT_NEAR(g[3].x - g[2].x, kEm, 1e-9);  // 乙）: none before the closing bracket
  const double gap = kEm / 6;              // 6 eligible gaps share 1 em
  EXPECT_NEAR(g[1].x - g[0].x, kEm + gap, 1e-9);  // 甲（
  EXPECT_NEAR(g[4].x - g[3].x, kEm + gap, 1e-9);  // ）丙
  EXPECT_NEAR(right_edge(l[0]) - left_edge(l[0]), 10 * kEm, 1e-6);
}

TEST(Typesetting5_Adjust, NoJustificationSpaceAroundCommaAndFullStop) {
  auto l = set("甲乙，丙丁。戊己庚辛——子", 10);
  ASSERT_GE(l.size(), 2u);
  ASSERT_EQ(l[0].utf8, "甲乙，丙丁。戊己庚");  // 辛 went down with ——
  auto& g = l[0].glyphs;
  EXPECT_NEAR(g[2].x - g[1].x, kEm, 1e-9);  // 乙，
  EXPECT_NEAR(g[3].x - g[2].x, kEm, 1e-9);  // ，丙
  EXPECT_NEAR(g[5].x - g[4].x, kEm, 1e-9);  // 丁。
  EXPECT_NEAR(g[6].x - g[5].x, kEm, 1e-9);  // 。戊
  EXPECT_GT(g[1].x - g[0].x, kEm);         // 甲乙 takes the space
}

// §5 "The last line of a paragraph is not justified. First-line indent 2 em."
TEST(Typesetting5_Adjust, LastLineLeftAlignedFirstLineIndented) {
  auto l = set("一二三四五六七八九十一二三四五六七八九十一二三", 10, 2);
  ASSERT_EQ(l.size(), 3u);
  const double left = 28 * kPtPerMm;
  EXPECT_DOUBLE_EQ(left_edge(l[0]), left + 2 * kEm);
  EXPECT_DOUBLE_EQ(left_edge(l[1]), left);
  EXPECT_EQ(l[2].utf8, "九十一二三");
  for (std::size_t i = 1; i < l[2].glyphs.size(); ++i)
    EXPECT_NEAR(l[2].glyphs[i].x - l[2].glyphs[i - 1].x, kEm, 1e-9);
}

// Book practice (段末不留孤字): a paragraph does not end with a line of one character;
// the line before gives up its last character.
TEST(Typesetting5_Adjust, NoLoneCharacterOnTheLastLine) {
  auto l = set("一二三四五六七八九十甲。", 10);
  EXPECT_EQ(texts(l), (std::vector<std::string>{"一二三四五六七八九", "十甲。"}));
  EXPECT_NEAR(right_edge(l[0]) - left_edge(l[0]), 10 * kEm, 1e-6);  // still justified
}

// §2 "2024|年, 〕|5|号 … are break opportunities: a 发文字号 or a date that must stay on
// one line needs the engine's own no-break spans". At every position in the line.
TEST(Typesetting2_NoBreakSpans, DocumentNumberNeverSplit) {
  const std::string number = "德职院政发〔2026〕12号";
  for (int pad = 0; pad < 28; ++pad) {
    std::string text = "根据";
    for (int i = 0; i < pad; ++i) text += "甲";
    text += number + "文件精神，现将有关事项通知如下。";
    auto l = set(text, 28);
    bool whole = false;
    for (const auto& line : l) whole |= line.utf8.find(number) != std::string::npos;
    EXPECT_TRUE(whole) << "split with " << pad << " characters before it";
    expect_kinsoku(l, "pad " + std::to_string(pad));
  }
}

// The 成文日期 is passed as keep_whole (template.cpp): it never splits, while a date in
// body text may break after 年 or 月 (issue 18 §3, below).
TEST(Typesetting2_NoBreakSpans, KeptDateNeverSplit) {
  const std::string date = "2026年3月1日";
  for (int pad = 0; pad < 28; ++pad) {
    std::string text;
    for (int i = 0; i < pad; ++i) text += "乙";
    Paragraph p = body(text + "定于" + date + "起施行，有效期三年。");
    p.keep_whole = {date};
    auto l = lines_of(layout({p}, FontSet::fixed_width(), narrow_page(28)));
    bool whole = false;
    for (const auto& line : l) whole |= line.utf8.find(date) != std::string::npos;
    EXPECT_TRUE(whole) << "split with " << pad << " characters before it";
  }
}

// §3 "Also whole: Latin words and unit symbols, a number with its decimal point and
// thousands separators, a currency sign with its number, a number with %/‰."
TEST(Typesetting3_NeverSplit, LatinWordsAndDigitGroupsWhole) {
  const std::vector<std::string> whole = {"Microsoft", "Excel", "12.5%", "1,234,567.89", "￥100",
                                          "3.5kg"};
  for (int pad = 0; pad < 20; ++pad) {
    std::string text;
    for (int i = 0; i < pad; ++i) text += "丙";
    text += "用Microsoft Excel统计，增长12.5%，共1,234,567.89元，单价￥100，重3.5kg。";
    auto l = set(text, 12);
    std::string all;
    for (const auto& line : l) all += line.utf8 + "\n";
    for (const auto& w : whole) EXPECT_NE(all.find(w), std::string::npos) << w << " split:\n" << all;
  }
}

// §1 over many widths and a text rich in marks: no line starts with a closing mark or
// ends with an opening one, whatever the width.
TEST(Typesetting1_Kinsoku, NoViolationAtAnyWidth) {
  const std::string text =
      "根据《德州职业技术学院技能大师工作室管理办法》（以下简称《办法》）第五条的规定，"
      "经个人申报、系部推荐、专家评审——学校审批……现予公布：“三个结合”！是否？"
      "（一）申报条件；（二）认定程序。";
  for (int chars = 5; chars <= 30; ++chars) expect_kinsoku(set(text, chars), "width " + std::to_string(chars));
}

// GB/T 9704 §7.3.1 (title): "when it breaks, keep words whole … e.g. break after 关于…的".
TEST(Typesetting_Title, BreaksAtThePhraseHintAndCentresLines) {
  std::string t = "关于公布2026年度技能大师工作室认定名单的通知";
  Paragraph p = title(t, {t.find("技能"), t.find("的通知") + std::string("的").size()});
  p.size = 16;  // on the fixed-width grid
  auto l = lines_of(layout({p}, FontSet::fixed_width(), narrow_page(16)));
  ASSERT_EQ(l.size(), 2u);
  EXPECT_EQ(l[0].utf8, "关于公布2026年度");
  EXPECT_EQ(l[1].utf8, "技能大师工作室认定名单的通知");
  const double centre = 28 * kPtPerMm + 8 * kEm;
  for (const auto& line : l) EXPECT_NEAR((left_edge(line) + right_edge(line)) / 2, centre, 1e-6);
}

TEST(Typesetting_Title, WithoutHintsLinesAreBalanced) {
  Paragraph p = title("德州职业技术学院关于做好技能大师工作室年度考核工作的通知");
  p.size = 16;
  auto l = lines_of(layout({p}, FontSet::fixed_width(), narrow_page(20)));
  ASSERT_EQ(l.size(), 2u);  // 28 characters: 14 + 14, not 20 + 8
  EXPECT_EQ(l[0].text.size(), 14u);
  EXPECT_EQ(l[1].text.size(), 14u);
}

// The issue: "a character no font has is a reported error naming the record and the
// character" (the fixed-width face has none outside the BMP).
TEST(Typesetting_Errors, CharacterNoFontHasIsReportedWithItsText) {
  Paragraph p = body("领办人：张𠮷明");
  p.origin = "applications.xlsx:申报汇总!C7";
  try {
    layout({p}, FontSet::fixed_width(), narrow_page(28));
    FAIL() << "no error";
  } catch (const TypesetError& e) {
    ASSERT_EQ(e.problems.size(), 1u);
    EXPECT_EQ(e.problems[0],
              "applications.xlsx:申报汇总!C7：“领办人：张𠮷明”中的“𠮷”（U+20BB7）在字体角色 body 的字体（FixedWidth）中都没有，无法显示");
  }
  EXPECT_EQ(FontSet::fixed_width().check(kBody, "张𠮷明与𠀀").size(), 2u);
}

// Pagination: "never leaves a heading alone at a page bottom (keep-with-next)".
TEST(Typesetting_Pagination, HeadingKeptWithNextLine) {
  PageStyle st = narrow_page(10, 5);
  std::vector<Block> b;
  for (int i = 0; i < 4; ++i) b.push_back(body("正文一行"));
  b.push_back(heading(1, "一、标题"));
  b.push_back(body("标题后的正文"));
  auto L = layout(b, FontSet::fixed_width(), st);
  ASSERT_EQ(L.pages.size(), 2u);
  EXPECT_EQ(page_lines(L.pages[1]).front(), "一、标题");
  EXPECT_EQ(page_lines(L.pages[0]).size(), 4u);
}

TEST(Typesetting_Pagination, TableHeaderRepeatedOnEveryPage) {
  PageStyle st = narrow_page(20, 10);
  Table t;
  t.size = 16;
  t.rows.push_back({{"序号"}, {"姓名"}});
  for (int i = 1; i <= 40; ++i) t.rows.push_back({{std::to_string(i)}, {"张三"}});
  auto L = layout({t}, FontSet::fixed_width(), st);
  ASSERT_GT(L.pages.size(), 2u);
  int rows = 0;
  for (const Page& p : L.pages) {
    auto lines = page_lines(p);
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines.front(), "序号 姓名");
    rows += int(lines.size()) - 1;
  }
  EXPECT_EQ(rows, 40);
}

// GB/T 9704 §7.5: "odd pages one character in from the right, even pages one character
// in from the left", the number's top 7 mm below the 版心.
TEST(Typesetting_Grid, PageNumbersAlternateSides) {
  PageStyle st;
  std::vector<Block> b{body("第一页"), PageBreak{}, body("第二页")};
  auto L = layout(b, FontSet::fixed_width(), st);
  ASSERT_EQ(L.pages.size(), 2u);
  auto number_run = [](const Page& p) {
    const GlyphRun* last = nullptr;
    for (const Item& it : p.items)
      if (const auto* r = std::get_if<GlyphRun>(&it); r && r->role == kNumber) last = r;
    return last;
  };
  const GlyphRun* odd = number_run(L.pages[0]);
  const GlyphRun* even = number_run(L.pages[1]);
  ASSERT_TRUE(odd && even);
  EXPECT_EQ(odd->text(), "— 1 —");
  EXPECT_NEAR(odd->glyphs.back().x + odd->glyphs.back().advance, mm(28 + 156) - 14, 1e-6);
  EXPECT_NEAR(even->glyphs.front().x, mm(28) + 14, 1e-6);
  // GB/T 9704 §7.5: the top of the 一字线's ink 7 mm below the 版心 (the synthetic face's dash: 0.4 em).
  EXPECT_NEAR(odd->baseline - 0.4 * 14, mm(37 + 225 + 7), 1e-6);
  st.unnumbered_pages = {2};
  L = layout(b, FontSet::fixed_width(), st);
  EXPECT_EQ(L.pages[1].number, 0);
  EXPECT_EQ(number_run(L.pages[1]), nullptr);
}

// GB/T 9704 §5.2.2: 28 characters fill the 156 mm line, 22 lines the 225 mm block.
TEST(Typesetting_Grid, TwentyEightByTwentyTwo) {
  PageStyle st;
  st.page_numbers = false;
  EXPECT_NEAR(st.char_pitch() * 28, mm(156), 1e-9);
  EXPECT_NEAR(st.line_pitch() * 22, mm(225), 1e-9);
  std::string text;
  for (int i = 0; i < 28 * 24; ++i) text += "国";
  Paragraph p = body(text);
  p.first_indent = 0;
  auto l = lines_of(layout({p}, FontSet::fixed_width(), st));
  ASSERT_EQ(l.size(), 24u);
  for (const auto& line : l) EXPECT_EQ(line.text.size(), 28u);
  auto L = layout({p}, FontSet::fixed_width(), st);
  EXPECT_EQ(page_lines(L.pages[0]).size(), 22u);
  EXPECT_EQ(page_lines(L.pages[1]).size(), 2u);
}

// 孤行控制 (PageStyle::widow_control, on by default as in Word): a paragraph's last line
// does not start a page alone, nor its first line end one.
TEST(Typesetting_Pagination, WidowAndOrphanControl) {
  PageStyle st = narrow_page(10, 5);
  auto text = [](int chars) {
    std::string t;
    for (int i = 0; i < chars; ++i) t += "字";
    return t;
  };
  Paragraph p = body(text(60));  // 6 lines of 10
  p.first_indent = 0;
  auto L = layout({p}, FontSet::fixed_width(), st);
  ASSERT_EQ(L.pages.size(), 2u);
  EXPECT_EQ(page_lines(L.pages[0]).size(), 4u);  // not 5 + a widow
  EXPECT_EQ(page_lines(L.pages[1]).size(), 2u);
  std::vector<Block> b{body(text(8)), body(text(8)), body(text(8)), body(text(8)), p};
  L = layout(b, FontSet::fixed_width(), st);
  EXPECT_EQ(page_lines(L.pages[0]).size(), 4u);  // not 4 + an orphan
  st.widow_control = false;
  L = layout(b, FontSet::fixed_width(), st);
  EXPECT_EQ(page_lines(L.pages[0]).size(), 5u);
}

// The frame dump: one line per item, positions in mm.
TEST(Typesetting_Frame, DumpIsReadable) {
  Paragraph p = body("一二三");
  p.first_indent = 0;
  PageStyle st;
  st.page_numbers = false;
  auto L = layout({p, Rule{mm(0.35), kRed, 0, 0, 0, 0}}, FontSet::fixed_width(), st);
  EXPECT_EQ(dump(L.pages, FontSet::fixed_width()),
            "page 210.00x297.00mm\n"
            "run body FixedWidth 16pt y=41.97 x=28.00..44.71 \"一二三\"\n"
            "rule (28.00,47.40)-(184.00,47.40) w=0.35mm rgb(1,0,0)\n");
}

// Titles and table cells break between words, not inside them (issue 18 §7, §8): ICU's
// dictionary word break finds the words of a name.
#include "typeset/stages.h"
TEST(Typesetting_Words, WordBoundariesFollowTheDictionary) {
  namespace detail = tws::typeset::detail;
  using detail::itemize; using detail::word_boundaries; using detail::append_utf8;
  auto words = [](const std::string& text) {
    detail::Run r = itemize(text, kBody, 16, 16, FontSet::fixed_width());
    std::vector<bool> at = word_boundaries(r.chars);
    std::string out;
    for (std::size_t i = 0; i < r.chars.size(); ++i) {
      if (i > 0 && at[i]) out += "|";
      append_utf8(out, r.chars[i].cp);
    }
    return out;
  };
  EXPECT_EQ(words("德州职业技术学院"), "德州|职业|技术|学院");
  EXPECT_EQ(words("药物制剂技师工作站"), "药物|制剂|技师|工作站");
  EXPECT_EQ(words("关于认定2026年度技师工作站的通知"), "关于|认定|2026|年度|技师|工作站|的|通知");
}

// ------------------------------------------------------------ issue 18: paragraphs
namespace {

constexpr double kMaxGapEm = 0.15;  // issue 18 §3
bool han(char32_t c) { return c >= 0x4E00 && c <= 0x9FFF; }

// The largest space (em) justification put between two adjacent Han characters.
double max_gap(const Line& l) {
  double g = 0;
  for (std::size_t i = 1; i < l.glyphs.size(); ++i)
    if (han(l.glyphs[i - 1].cp) && han(l.glyphs[i].cp))
      g = std::max(g, (l.glyphs[i].x - l.glyphs[i - 1].x - kEm) / kEm);
  return g;
}

// Full-width marks ，、；： set narrower than 1 em inside a line (not at its end).
int squeezed_inside(const Line& l) {
  int n = 0;
  for (std::size_t i = 0; i + 1 < l.glyphs.size(); ++i)
    if (std::u32string_view(U"，、；：").find(l.glyphs[i].cp) != std::u32string_view::npos &&
        l.glyphs[i].advance < kEm - 1e-6)
      ++n;
  return n;
}

std::string joined(const std::vector<Line>& lines) {
  std::string s;
  for (const auto& l : lines) s += (s.empty() ? "" : "|") + l.utf8;
  return s;
}

}  // namespace

// Issue 18 §3: "办人田俊杰）2026年度考核不合格，依据第七条，" had 0.34 em between every two
// characters: the paragraph's breaks are chosen together, and a date may break after 年
// or 月, so no line of these sample paragraphs is spread by more than 0.15 em.
TEST(Issue18_Paragraphs, NoLooseLinesInTheSampleParagraphs) {
  const std::vector<std::string> texts = {
      "无人机装调检修技师工作站（JS202502，机电工程系，领办人田俊杰）2026年度考核不合格，"
      "依据第七条，自2026年12月31日起撤销其“技师工作站”资格，不再予以经费支持。",
      "依据管理办法第三条、第八条，各工作站聘期为2年，自2026年5月28日至2028年5月27日；"
      "资助期为2年，资助期内学校根据年度考核结果，以项目经费方式每年给予2万元的经费支持，专款专用。",
      "公示期间，经核查，对模具制造技师工作站（申报编号SB2025-03）的举报不属实，"
      "维持原评审结论。",
      "根据《德州职业技术学院“技师工作站”管理办法（试行）》（德职院政发〔2022〕42号）"
      "第五条的规定，经个人申报、组织人事处资格审查、专家评审，2026年度“技师工作站”建议名单"
      "于2026年5月25日至2026年5月27日在全校范围内进行了公示（3个工作日）。"};
  for (const auto& text : texts)
    for (int chars : {26, 27, 28}) {
      auto l = set(text, chars, 2);
      expect_kinsoku(l, text);
      for (std::size_t i = 0; i + 1 < l.size(); ++i)
        EXPECT_LE(max_gap(l[i]), kMaxGapEm + 1e-9) << chars << " chars: " << joined(l);
    }
}

// Issue 18 §3: a date in body text may break before it or after 年 or 月, never
// inside a number or between a number and its unit.
TEST(Issue18_Paragraphs, DatesBreakOnlyAfterYearOrMonth) {
  int split = 0;
  for (int pad = 0; pad < 28; ++pad) {
    std::string text;
    for (int i = 0; i < pad; ++i) text += "乙";
    text += "依据第七条，自2026年12月31日起撤销其资格，不再予以经费支持。";
    auto l = set(text, 28, 0);
    for (std::size_t i = 0; i + 1 < l.size(); ++i) {
      const auto& a = l[i].text;
      const auto& b = l[i + 1].text;
      bool digit = b.front() >= U'0' && b.front() <= U'9';
      if (digit && (a.back() == U'年' || a.back() == U'月')) ++split;
      EXPECT_FALSE(a.back() >= U'0' && a.back() <= U'9') << joined(l);
    }
  }
  EXPECT_GT(split, 0);  // the date did break after 年 or 月 somewhere
}

// Issue 18 §2: a number stays with its measure word (12人, 3个工作日, 4万元, 第2名),
// typed with spaces around the number or not, at every position in the line.
TEST(Issue18_Paragraphs, NumberNeverSeparatedFromItsMeasureWord) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"年培养目标12人，公示3个工作日，资助4万元，排名第2名。", {"12人", "3个工作日", "4万元", "第2名"}},
      {"年培养目标 12 人，公示 3 个工作日，资助 4 万元，排名第 2 名。",
       {"12 人", "3 个工作日", "4 万元", "第 2 名"}}};
  for (const auto& [body_text, whole] : cases)
    for (int pad = 0; pad < 14; ++pad) {
      std::string text;
      for (int i = 0; i < pad; ++i) text += "丙";
      auto l = set(text + body_text, 14, 0);
      expect_kinsoku(l, body_text);
      for (const auto& w : whole) {
        bool found = false;
        for (const auto& line : l) found |= line.utf8.find(w) != std::string::npos;
        EXPECT_TRUE(found) << w << " split: " << joined(l);
      }
    }
}

// Issue 18 §4: a mark is squeezed inside a line only when no looser-by-less choice
// exists. Squeezing ， to ½ em would keep 九。 on line 1; pushing 九 down spreads line 1
// by 1/6 em a gap, the smaller distortion.
TEST(Issue18_Paragraphs, NoHalfEmSqueezeWhenALooserLineIsBetter) {
  auto l = set("一二，三四五六七八九。甲乙丙丁戊己庚辛", 10);
  ASSERT_EQ(l.size(), 2u);
  EXPECT_EQ(l[0].utf8, "一二，三四五六七八");
  EXPECT_EQ(squeezed_inside(l[0]), 0);
}

// Issue 18 §5: no last line of one or two characters when the paragraph can avoid it:
// the lines before give up characters (line 2 is spread by 1/8 em).
TEST(Issue18_Paragraphs, NoTwoCharacterLastLine) {
  auto l = set("一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑", 10);
  ASSERT_EQ(l.size(), 3u);
  EXPECT_GE(l[2].text.size(), 3u) << joined(l);
  for (std::size_t i = 0; i + 1 < l.size(); ++i) EXPECT_LE(max_gap(l[i]), kMaxGapEm + 1e-9);
}

// Issue 18 §5: the 附件说明 (left-aligned) that overflows its line by 0.7 pt squeezes
// its colon rather than leave "名单" alone on a second line.
TEST(Issue18_Paragraphs, SlightOverflowSqueezedNotOrphaned) {
  Paragraph p = body("附件：德州职业技术学院认定名单");
  p.align = Align::Left;
  p.first_indent = 0;
  p.char_pitch = kEm;
  PageStyle st = narrow_page(15);
  st.block_width -= 0.7;
  auto l = lines_of(layout({p}, FontSet::fixed_width(), st));
  ASSERT_EQ(l.size(), 1u) << joined(l);
  EXPECT_NEAR(l[0].glyphs[2].advance, kEm - 0.7, 1e-9);  // ：
}

// Issue 18 §7: without hints a title breaks between words, outside quotes, in balanced
// lines — not "…认定2026年/度…" nor "德州职业技术/学院…".
TEST(Issue18_Titles, BreakBetweenWordsOutsideQuotes) {
  PageStyle st;  // 156 mm: 20 characters of 二号
  st.page_numbers = false;
  auto l = lines_of(layout({title("德州职业技术学院关于认定2026年度“技师工作站”的通知")},
                           FontSet::fixed_width(), st));
  EXPECT_EQ(texts(l), (std::vector<std::string>{"德州职业技术学院关于认定", "2026年度“技师工作站”的通知"}));
  l = lines_of(layout({title("德州职业技术学院2026年度“技师工作站”认定名单")}, FontSet::fixed_width(), st));
  EXPECT_EQ(texts(l), (std::vector<std::string>{"德州职业技术学院2026年度", "“技师工作站”认定名单"}));
  l = lines_of(layout({title("2026年度德州职业技术学院“技师工作站”名单")}, FontSet::fixed_width(), st));
  EXPECT_EQ(texts(l), (std::vector<std::string>{"2026年度德州职业技术学院", "“技师工作站”名单"}));
  // A hint still decides.
  std::string t = "德州职业技术学院关于认定2026年度“技师工作站”的通知";
  l = lines_of(layout({title(t, {t.find("关于")})}, FontSet::fixed_width(), st));
  EXPECT_EQ(texts(l), (std::vector<std::string>{"德州职业技术学院", "关于认定2026年度“技师工作站”的通知"}));
}

// Table cells (Breaking::Cell, for table.cpp): breaks between words, never one character
// alone on the last line when a word break exists, never a squeezed mark inside a line.
TEST(Issue18_Cells, CellsBreakBetweenWords) {
  namespace detail = tws::typeset::detail;
  auto cell = [](const std::string& text, double em) {
    Paragraph p;
    p.text = text;
    p.first_indent = 0;
    p.align = Align::Centre;
    p.char_pitch = kEm;
    detail::SetParagraph sp = detail::set_paragraph(p, FontSet::fixed_width(), PageStyle{}, em * kEm,
                                                    detail::Breaking::Cell);
    std::vector<std::string> out;
    for (const auto& line : sp.lines) {
      std::string s;
      for (const auto& run : line.runs) s += run.text();
      out.push_back(s);
    }
    return out;
  };
  EXPECT_EQ(cell("钳工技师工作站", 6), (std::vector<std::string>{"钳工技师", "工作站"}));
  EXPECT_EQ(cell("药物制剂技师工作站", 7), (std::vector<std::string>{"药物制剂技师", "工作站"}));
  EXPECT_EQ(cell("智能网联汽车技师工作站", 9), (std::vector<std::string>{"智能网联汽车技师", "工作站"}));
  // In body text the four 、 would give ⅛ em each to keep this on one line; not in a cell.
  EXPECT_EQ(cell("甲、乙、丙、丁、戊", 8.5).size(), 2u);
  Paragraph text = body("甲、乙、丙、丁、戊");
  text.first_indent = 0;
  text.char_pitch = kEm;
  PageStyle st = narrow_page(8);
  st.block_width += kEm / 2;
  EXPECT_EQ(lines_of(layout({text}, FontSet::fixed_width(), st)).size(), 1u);
}

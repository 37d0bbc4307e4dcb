// write_draft: the parsed template's blocks (template.h) → a docx::Document.
//   paragraph of directive K → a paragraph of K's style (the style takes its face, size,
//                     alignment and indents from the first block of K; a block that
//                     differs keeps its own indents)
//   Space            → empty grid lines (a whole number of lines), else space before the
//                     next paragraph
//   PageBreak        → page break before the next paragraph; the one after which the
//                     PDF prints no page numbers (duplex blank page) → a new section
//                     with empty footers
//   Rule             → a border: under the paragraph before (the red rule under the
//                     发文字号), above or under the table beside it (the 版记's rules)
//   fill + Table     → a table floating at the foot of the text area (the 版记)
//   Table            → a table with the PDF's column widths, header rows repeated
#include "documents/draft.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "common/utf8.h"
#include "docx/docx.h"

namespace tws::documents {
namespace {
using namespace typeset;

// The standard face of each role (GB/T 9704: 小标宋体, 仿宋体, 黑体, 楷体, 宋体) as Word
// and WPS name them, with what Word substitutes from when the face is not installed.
struct Standard {
  std::string_view role;
  docx::FontFace face;
};
const Standard kStandard[] = {
    {kTitle, {"方正小标宋简体", "宋体", "02010600030101010101", "auto", true, "86"}},
    {kBody, {"仿宋_GB2312", "仿宋", "02010609030101010101", "modern", true, "86"}},
    {kHeading1, {"黑体", "SimHei", "02010609060101010101", "modern", true, "86"}},
    {kHeading2, {"楷体_GB2312", "楷体", "02010609030101010101", "modern", true, "86"}},
    {kNumber, {"宋体", "SimSun", "02010600030101010101", "auto", false, "86"}},
};

const std::string& face_of(std::string_view role) {
  for (auto& s : kStandard)
    if (s.role == role) return s.face.name;
  return kStandard[1].face.name;  // the body face
}

// Paragraph styles by directive: id, name shown in Word, outline level (导航窗格).
struct Role {
  const char* kind;
  const char* id;
  const char* name;
  int outline;
};
const Role kRoles[] = {
    {"p", "Normal", "Normal", -1},  // Word shows Normal as 正文
    {"banner", "Banner", "发文机关标志", -1},
    {"docno", "DocNumber", "发文字号", -1},
    {"title", "DocTitle", "公文标题", -1},
    {"to", "Addressee", "主送机关", -1},
    {"h1", "Heading1", "一级标题", 0},
    {"h2", "Heading2", "二级标题", 1},
    {"h3", "Heading3", "三级标题", 2},
    {"h4", "Heading4", "四级标题", 3},
    {"note", "AttachmentNote", "附件说明", -1},
    {"signature", "Signature", "发文机关署名", -1},
    {"date", "DocDate", "成文日期", -1},
    {"right", "RightAligned", "右对齐", -1},
    {"centre", "Centred", "居中", -1},
    {"label", "AttachmentLabel", "附件标识", -1},
    {"atitle", "AttachmentTitle", "附件标题", -1},
    {"heading", "CentredHeading", "居中标题", -1},
    {"table", "TableText", "表格文字", -1},
    {"colophon", "Colophon", "版记", -1},
};

const Role& role_of(const std::string& kind) {
  for (auto& r : kRoles)
    if (kind == r.kind) return r;
  return kRoles[0];
}

docx::Align align_of(Align a) {
  switch (a) {
    case Align::Left: return docx::Align::Left;
    case Align::Centre: return docx::Align::Centre;
    case Align::Right: return docx::Align::Right;
    case Align::Justify: break;
  }
  return docx::Align::Both;
}

std::string hex(const Rgb& c) {
  char b[8];
  std::snprintf(b, sizeof b, "%02X%02X%02X", int(std::lround(c.r * 255)), int(std::lround(c.g * 255)),
                int(std::lround(c.b * 255)));
  return b;
}

// Natural width (pt) of `text` set in `role` at `size`, from the PDF's fonts.
double width_of(const std::string& text, std::string_view role, double size, const FontSet& fonts) {
  double w = 0;
  for (std::size_t i = 0; i < text.size();) {
    bool ok;
    char32_t cp = decode_utf8(text, i, ok);
    int f = fonts.face_for(role, cp);
    w += (f < 0 ? 1 : fonts.advance_em(f, cp)) * size;
  }
  return w;
}

class Builder {
 public:
  Builder(const FontSet& fonts, const PageStyle& style, docx::Document& out) : fonts_(fonts), style_(style), out_(out) {
    // Word's exact line spacing is counted in twips: the grid pitch rounded down, so 22
    // lines still fit the 版心 (28.95 pt for 225 mm / 22).
    line_ = std::floor(style.line_pitch() * 20 + 1e-6) / 20;
    Paragraph normal = body("");
    style_for("p", normal);
  }

  void add(const Block& b, const std::string& kind, bool section_break) {
    if (auto* p = std::get_if<Paragraph>(&b)) paragraph(*p, kind);
    else if (auto* t = std::get_if<Table>(&b)) table(*t, kind);
    else if (auto* s = std::get_if<Space>(&b)) space(*s);
    else if (auto* r = std::get_if<Rule>(&b)) rule(*r);
    else page_break(section_break);
  }

  void finish() {
    flush_space();
    if (out_.body.empty() || std::holds_alternative<docx::Table>(out_.body.back()) || pending_break_) {
      docx::Paragraph p = empty(1);
      p.page_break_before = pending_break_;
      out_.body.push_back(p);
    }
  }

  double line() const { return line_; }

 private:
  // The style of directive `kind`, made from its first block.
  const docx::Style& style_for(const std::string& kind, const Paragraph& p) {
    const Role& r = role_of(kind);
    for (auto& s : out_.styles)
      if (s.id == r.id) return s;
    docx::Style s;
    s.id = r.id;
    s.name = r.name;
    s.is_default = s.id == "Normal";
    if (!s.is_default) s.based_on = "Normal";
    s.font = {face_of(p.role), p.size, p.color == kBlack ? "" : hex(p.color)};
    s.align = align_of(p.align);
    s.first_line = p.first_indent;
    s.left = p.left_indent;
    s.right = p.right_indent;
    s.line_exact = p.line_pitch > 0 ? p.line_pitch : line_;
    s.keep_next = p.keep_with_next;
    s.outline_level = r.outline;
    out_.styles.push_back(s);
    return out_.styles.back();
  }

  docx::Paragraph empty(double height) {
    docx::Paragraph p;
    p.first_line = 0;
    p.line_exact = height;
    return p;
  }

  void push(docx::Paragraph p) {
    if (pending_space_ > 0) p.space_before += pending_space_;
    if (pending_break_) p.page_break_before = true;
    pending_space_ = 0;
    pending_break_ = false;
    out_.body.push_back(std::move(p));
  }

  void flush_space() {
    if (pending_space_ <= 0) return;
    const double h = pending_space_;
    pending_space_ = 0;
    push(empty(h));
  }

  void paragraph(const Paragraph& b, std::string kind) {
    if (kind == "signature" && !b.keep_with_next) kind = "date";  // the second line
    const docx::Style& s = style_for(kind, b);
    docx::Paragraph p;
    p.style = s.id == "Normal" ? "" : s.id;
    std::string text = b.text;
    docx::Font font;
    if (b.shrink_to_fit) {  // the 发文机关标志: condensed to the block width, as in the PDF
      const double w = width_of(text, b.role, b.size, fonts_);
      if (w > style_.block_width) font.scale = int(std::floor(100 * style_.block_width / w));
    }
    if (b.balance && !b.break_hints.empty() && width_of(text, b.role, b.size, fonts_) > style_.block_width) {
      // A title on two lines breaks at its phrase boundary nearest the middle.
      std::size_t best = b.break_hints.front();
      for (std::size_t h : b.break_hints)
        if (std::abs(double(h) - text.size() / 2.0) < std::abs(double(best) - text.size() / 2.0)) best = h;
      text.insert(best, "\n");
    }
    p.runs.push_back({text, font});
    if (b.first_indent != s.first_line) p.first_line = b.first_indent;
    if (b.left_indent != s.left) p.left = b.left_indent;
    if (b.right_indent != s.right) p.right = b.right_indent;
    if (align_of(b.align) != s.align) p.align = align_of(b.align);
    p.keep_next = b.keep_with_next && !s.keep_next;
    push(std::move(p));
  }

  void table(const Table& t, const std::string& kind) {
    flush_space();
    if (pending_break_) push(empty(1));
    docx::Table d;
    d.widths = column_widths(t, fonts_, style_);
    const std::size_t ncols = t.columns.size();
    if (d.widths.size() != ncols) d.widths.assign(ncols, (t.width > 0 ? t.width : style_.block_width) / double(ncols));
    d.header_rows = t.header_rows;
    Paragraph cell_text = body("");
    cell_text.role = t.role;
    cell_text.size = t.size;
    cell_text.align = Align::Centre;
    cell_text.first_indent = 0;
    cell_text.line_pitch = t.line_pitch > 0 ? t.line_pitch : 1.4 * t.size;
    const docx::Style& s = style_for(kind == "colophon" ? "colophon" : "table", cell_text);
    d.style = s.id;
    d.header = {face_of(t.header_role)};
    d.pad_x = t.pad_x;
    d.pad_y = t.pad_y;
    d.ruled = t.ruled;
    d.rule_width = t.rule_width;
    d.frame_width = t.frame_width;
    d.cant_split_rows = !t.split_rows;
    d.border_top = pending_top_;
    d.bottom = pending_bottom_;
    pending_top_.reset();
    pending_bottom_ = false;
    for (auto& row : t.rows) {
      std::vector<docx::Cell> cells;
      std::size_t col = 0;
      for (auto& c : row) {
        docx::Cell dc;
        dc.runs.push_back({c.text, {}});
        dc.span = std::max(1, c.colspan);
        dc.align = align_of(c.align ? *c.align : col < ncols ? t.columns[col].align : Align::Centre);
        dc.header_font = c.role == kHeading1;
        col += std::size_t(dc.span);
        cells.push_back(std::move(dc));
      }
      d.rows.push_back(std::move(cells));
    }
    out_.body.push_back(std::move(d));
  }

  void space(const Space& s) {
    if (s.fill) {
      pending_bottom_ = true;
      return;
    }
    const double lines = s.height / style_.line_pitch();
    if (lines >= 0.99 && std::fabs(lines - std::round(lines)) < 0.01) {
      flush_space();
      for (int i = 0; i < int(std::round(lines)); ++i) push(empty(line_));
    } else {
      pending_space_ += s.height;
    }
  }

  void rule(const Rule& r) {
    docx::Border b{r.thickness, hex(r.color), r.space_before};
    if (pending_bottom_ || pending_space_ > 0 || out_.body.empty()) {
      pending_top_ = b;  // above the table that follows
    } else if (auto* t = std::get_if<docx::Table>(&out_.body.back())) {
      t->border_bottom = b;
    } else {
      std::get<docx::Paragraph>(out_.body.back()).border_bottom = b;
    }
  }

  void page_break(bool section_break) {
    flush_space();
    if (!section_break) {
      pending_break_ = true;
      return;
    }
    // The pages from here on carry no number: the numbered section ends here.
    if (out_.body.empty() || std::holds_alternative<docx::Table>(out_.body.back())) push(empty(1));
    std::get<docx::Paragraph>(out_.body.back()).section_end_numbered = true;
    out_.numbered_end = false;
  }

  const FontSet& fonts_;
  const PageStyle& style_;
  docx::Document& out_;
  double line_ = 0;
  double pending_space_ = 0;
  bool pending_break_ = false, pending_bottom_ = false;
  std::optional<docx::Border> pending_top_;
};

// "标题 NotoSerifCJKsc-Bold；正文 FandolFang-Regular；…": the faces the PDF was set in.
std::string pdf_faces(const FontSet& fonts) {
  const std::pair<std::string_view, const char*> labels[] = {
      {kTitle, "标题"}, {kBody, "正文"}, {kHeading1, "一级标题"}, {kHeading2, "二级标题"}, {kNumber, "页码"}};
  std::string s = "PDF 所用字体：";
  for (std::size_t i = 0; i < std::size(labels); ++i)
    s += std::string(i ? "；" : "") + labels[i].second + " " +
         fonts.face(fonts.chain(labels[i].first).front()).postscript_name;
  return s;
}

}  // namespace

bool has_draft(const std::string& name) {
  return name == "认定通知" || name == "考核结果通报" || name == "经费下达通知" || name == "启动申报通知";
}

std::string write_draft(const DraftBlocks& d, const FontSet& fonts, const PageStyle& style, const DraftInfo& info) {
  docx::Document out;
  out.page.width = style.page_width;
  out.page.height = style.page_height;
  out.page.top = style.top;
  out.page.left = style.left;
  out.page.right = style.page_width - style.left - style.block_width;
  out.page.bottom = style.page_height - style.top - style.block_height;
  out.page.grid_lines = style.lines_per_page;
  out.page.grid_chars = style.chars_per_line;
  out.page.grid_font_size = style.body_size;
  out.numbers.face = face_of(kNumber);
  out.numbers.size = style.number_size;
  out.numbers.inset = style.number_inset / style.number_size;
  const double number_line = style.number_size * 1.2;
  out.page.footer = out.page.bottom - style.number_drop - number_line;
  for (auto& s : kStandard) out.fonts.push_back(s.face);
  out.properties = {info.title, info.subject, info.author, pdf_faces(fonts), info.year, info.month, info.day};

  Builder b(fonts, style, out);
  out.page.line_pitch = b.line();
  for (std::size_t i = 0; i < d.blocks.size(); ++i)
    b.add(d.blocks[i], i < d.kinds.size() ? d.kinds[i] : "p", int(i) == d.unnumbered_from);
  b.finish();
  return docx::write(out);
}

}  // namespace tws::documents

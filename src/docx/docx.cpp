#include "docx/docx.h"

#include <zip.h>

#include <cmath>
#include <cstdio>
#include <memory>

namespace tws::docx {
namespace {

const char* const kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const char* const kR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const char* const kXmlDecl = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

std::string num(long v) { return std::to_string(v); }
long twips(double pt) { return std::lround(pt * 20); }
long half_points(double pt) { return std::lround(pt * 2); }
long eighths(double pt) { return std::max(2L, std::min(96L, std::lround(pt * 8))); }

std::string attr(const char* name, const std::string& value) { return std::string(" ") + name + "=\"" + value + "\""; }
std::string attr(const char* name, long value) { return attr(name, num(value)); }

// Text for an element or attribute: markup characters escaped; control characters
// (not allowed in XML 1.0) left out.
std::string escape(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '"') out += "&quot;";
    else if (c < 0x20 && c != '\t' && c != '\n') continue;
    else out += char(c);
  }
  return out;
}

const char* jc(Align a) {
  switch (a) {
    case Align::Left: return "left";
    case Align::Centre: return "center";
    case Align::Right: return "right";
    case Align::Both: return "both";
    case Align::Inherit: break;
  }
  return nullptr;
}

// Grid character pitch in points: the text block's width over the characters per line.
double char_pitch(const PageSetup& p) { return (p.width - p.left - p.right) / p.grid_chars; }

std::string run_properties(const Font& f) {
  std::string x;
  if (!f.face.empty()) {
    const std::string n = escape(f.face);
    x += "<w:rFonts" + attr("w:ascii", n) + attr("w:eastAsia", n) + attr("w:hAnsi", n) + attr("w:cs", n) +
         attr("w:hint", "eastAsia") + "/>";
  }
  if (f.bold) x += "<w:b/><w:bCs/>";
  if (!f.color.empty()) x += "<w:color" + attr("w:val", f.color) + "/>";
  if (f.spacing != 0) x += "<w:spacing" + attr("w:val", twips(f.spacing)) + "/>";
  if (f.scale > 0 && f.scale != 100) x += "<w:w" + attr("w:val", f.scale) + "/>";
  if (f.size > 0) x += "<w:sz" + attr("w:val", half_points(f.size)) + "/><w:szCs" + attr("w:val", half_points(f.size)) + "/>";
  return x.empty() ? x : "<w:rPr>" + x + "</w:rPr>";
}

std::string border(const char* side, const Border& b) {
  return std::string("<w:") + side + attr("w:val", "single") + attr("w:sz", eighths(b.width)) +
         attr("w:space", std::lround(std::max(0.0, b.space))) + attr("w:color", b.color) + "/>";
}

// w:ind from indents in characters: the character count (Word, WPS) and its length on
// the grid (readers that do not count characters).
std::string indent(const PageSetup& page, std::optional<double> first, std::optional<double> left,
                   std::optional<double> right) {
  if (!first && !left && !right) return {};
  const double pitch = char_pitch(page);
  auto hundredths = [](double chars) { return std::lround(chars * 100); };
  std::string x = "<w:ind";
  if (left) x += attr("w:left", twips(*left * pitch)) + attr("w:leftChars", hundredths(*left));
  if (right) x += attr("w:right", twips(*right * pitch)) + attr("w:rightChars", hundredths(*right));
  if (first && *first < 0)
    x += attr("w:hanging", twips(-*first * pitch)) + attr("w:hangingChars", hundredths(-*first));
  else if (first)
    x += attr("w:firstLine", twips(*first * pitch)) + attr("w:firstLineChars", hundredths(*first));
  return x + "/>";
}

std::string spacing(double before, double line_exact) {
  if (before <= 0 && line_exact <= 0) return {};
  std::string x = "<w:spacing" + attr("w:before", twips(before)) + attr("w:after", 0L);
  if (line_exact > 0) x += attr("w:line", twips(line_exact)) + attr("w:lineRule", "exact");
  return x + "/>";
}

std::string runs_xml(const std::vector<Run>& runs) {
  std::string x;
  for (const Run& r : runs) {
    x += "<w:r>" + run_properties(r.font);
    std::string text;
    auto flush = [&] {
      if (!text.empty()) x += "<w:t xml:space=\"preserve\">" + escape(text) + "</w:t>";
      text.clear();
    };
    for (char c : r.text) {
      if (c == '\n' || c == '\t') {
        flush();
        x += c == '\n' ? "<w:br/>" : "<w:tab/>";
      } else {
        text += c;
      }
    }
    flush();
    x += "</w:r>";
  }
  return x;
}

// The page set-up and footers of a section (sectPr): numbered sections point at the
// odd (default) and even page-number footers, the others at the empty footer.
std::string section(const PageSetup& p, bool numbered) {
  const char* odd = numbered ? "rIdFooterOdd" : "rIdFooterNone";
  const char* even = numbered ? "rIdFooterEven" : "rIdFooterNone";
  const long grid_space = std::lround((char_pitch(p) - p.grid_font_size) * 4096);
  return std::string("<w:sectPr>") + "<w:footerReference" + attr("w:type", "even") + attr("r:id", even) + "/>" +
         "<w:footerReference" + attr("w:type", "default") + attr("r:id", odd) + "/>" + "<w:type w:val=\"nextPage\"/>" +
         "<w:pgSz" + attr("w:w", twips(p.width)) + attr("w:h", twips(p.height)) + "/>" + "<w:pgMar" +
         attr("w:top", twips(p.top)) + attr("w:right", twips(p.right)) + attr("w:bottom", twips(p.bottom)) +
         attr("w:left", twips(p.left)) + attr("w:header", twips(p.top / 2)) + attr("w:footer", twips(p.footer)) +
         attr("w:gutter", 0L) + "/>" + "<w:pgNumType w:start=\"1\"/>" + "<w:cols w:space=\"425\"/>" +
         "<w:docGrid" + attr("w:type", "linesAndChars") + attr("w:linePitch", twips(p.line_pitch)) +
         attr("w:charSpace", grid_space) + "/>" + "</w:sectPr>";
}

std::string paragraph_xml(const Paragraph& p, const PageSetup& page) {
  std::string pr;
  if (!p.style.empty()) pr += "<w:pStyle" + attr("w:val", p.style) + "/>";
  if (p.keep_next) pr += "<w:keepNext/>";
  if (p.page_break_before) pr += "<w:pageBreakBefore/>";
  if (p.frame_width > 0)
    pr += "<w:framePr" + attr("w:w", twips(p.frame_width)) + attr("w:wrap", "notBeside") + attr("w:vAnchor", "margin") +
          attr("w:hAnchor", "margin") + attr("w:xAlign", "center") + attr("w:yAlign", "bottom") + "/>";
  if (p.border_top || p.border_bottom) {
    pr += "<w:pBdr>";
    if (p.border_top) pr += border("top", *p.border_top);
    if (p.border_bottom) pr += border("bottom", *p.border_bottom);
    pr += "</w:pBdr>";
  }
  if (!p.tabs.empty()) {
    pr += "<w:tabs>";
    for (auto& [pos, a] : p.tabs) pr += "<w:tab" + attr("w:val", a == Align::Right ? "right" : a == Align::Centre ? "center" : "left") + attr("w:pos", twips(pos)) + "/>";
    pr += "</w:tabs>";
  }
  pr += spacing(p.space_before, p.line_exact);
  pr += indent(page, p.first_line, p.left, p.right);
  if (const char* a = jc(p.align)) pr += "<w:jc" + attr("w:val", a) + "/>";
  if (p.section_end_numbered) pr += section(page, *p.section_end_numbered);
  return "<w:p>" + (pr.empty() ? "" : "<w:pPr>" + pr + "</w:pPr>") + runs_xml(p.runs) + "</w:p>";
}

std::string cell_borders(const Table& t) {
  if (!t.ruled) return {};
  auto line = [](const char* side, double w) {
    return std::string("<w:") + side + attr("w:val", "single") + attr("w:sz", eighths(w)) + attr("w:space", 0L) +
           attr("w:color", "000000") + "/>";
  };
  return "<w:tblBorders>" + line("top", t.frame_width) + line("left", t.frame_width) + line("bottom", t.frame_width) +
         line("right", t.frame_width) + line("insideH", t.rule_width) + line("insideV", t.rule_width) + "</w:tblBorders>";
}

// A table at the foot of the page: a framed paragraph per row, the cells apart at tab
// stops (left-aligned cells at their left edge, right-aligned at their right edge), the
// table's rules as the first paragraph's top and the last one's bottom border.
std::string foot_xml(const Table& t, const PageSetup& page) {
  double total = 0;
  for (double w : t.widths) total += w;
  const double pitch = char_pitch(page);
  std::string x;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    Paragraph p;
    p.style = t.style;
    p.frame_width = total;
    p.first_line = 0;
    p.left = t.pad_x / pitch;
    p.right = t.pad_x / pitch;
    p.align = Align::Left;
    p.line_exact = t.line_exact;
    if (r == 0 && t.border_top) p.border_top = Border{t.border_top->width, t.border_top->color, t.pad_y};
    if (r + 1 == t.rows.size() && t.border_bottom)
      p.border_bottom = Border{t.border_bottom->width, t.border_bottom->color, t.pad_y};
    double x0 = 0;
    std::size_t col = 0;
    for (std::size_t c = 0; c < t.rows[r].size(); ++c) {
      const Cell& cell = t.rows[r][c];
      double w = 0;
      for (int k = 0; k < cell.span && col < t.widths.size(); ++k) w += t.widths[col++];
      if (c > 0) {
        // Tab positions count from the frame's left edge.
        if (cell.align == Align::Right) p.tabs.push_back({x0 + w - t.pad_x, Align::Right});
        else if (cell.align == Align::Centre) p.tabs.push_back({x0 + w / 2, Align::Centre});
        else p.tabs.push_back({x0 + t.pad_x, Align::Left});
        p.runs.push_back({"\t", {}});
      }
      p.runs.insert(p.runs.end(), cell.runs.begin(), cell.runs.end());
      x0 += w;
    }
    x += paragraph_xml(p, page);
  }
  return x;
}

std::string table_xml(const Table& t, const PageSetup& page) {
  if (t.bottom) return foot_xml(t, page);
  long total = 0;
  for (double w : t.widths) total += twips(w);
  std::string x = "<w:tbl><w:tblPr>";
  x += "<w:tblW" + attr("w:w", total) + attr("w:type", "dxa") + "/><w:jc w:val=\"center\"/>";
  if (t.ruled) {
    x += cell_borders(t);
  } else if (t.border_top || t.border_bottom) {
    x += "<w:tblBorders>";
    if (t.border_top) x += border("top", *t.border_top);
    if (t.border_bottom) x += border("bottom", *t.border_bottom);
    x += "</w:tblBorders>";
  }
  x += "<w:tblLayout w:type=\"fixed\"/><w:tblCellMar>" + std::string("<w:top") + attr("w:w", twips(t.pad_y)) +
       attr("w:type", "dxa") + "/><w:left" + attr("w:w", twips(t.pad_x)) + attr("w:type", "dxa") + "/><w:bottom" +
       attr("w:w", twips(t.pad_y)) + attr("w:type", "dxa") + "/><w:right" + attr("w:w", twips(t.pad_x)) +
       attr("w:type", "dxa") + "/></w:tblCellMar>" +
       "<w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>" +
       "</w:tblPr><w:tblGrid>";
  for (double w : t.widths) x += "<w:gridCol" + attr("w:w", twips(w)) + "/>";
  x += "</w:tblGrid>";
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const bool header = int(r) < t.header_rows;
    x += "<w:tr>";
    if (header || t.cant_split_rows)
      x += std::string("<w:trPr>") + (t.cant_split_rows ? "<w:cantSplit/>" : "") + (header ? "<w:tblHeader/>" : "") +
           "</w:trPr>";
    std::size_t col = 0;
    for (const Cell& c : t.rows[r]) {
      long w = 0;
      for (int k = 0; k < c.span && col < t.widths.size(); ++k) w += twips(t.widths[col++]);
      Paragraph p;
      p.style = t.style;
      p.runs = c.runs;
      if (header || c.header_font)
        for (Run& run : p.runs) run.font = t.header;
      p.align = c.align;
      p.first_line = 0;
      p.left = 0;
      p.right = 0;
      p.line_exact = t.line_exact;
      x += "<w:tc><w:tcPr><w:tcW" + attr("w:w", w) + attr("w:type", "dxa") + "/>" +
           (c.span > 1 ? "<w:gridSpan" + attr("w:val", long(c.span)) + "/>" : "") + "<w:vAlign w:val=\"center\"/></w:tcPr>" +
           paragraph_xml(p, page) + "</w:tc>";
    }
    x += "</w:tr>";
  }
  return x + "</w:tbl>";
}

std::string document_xml(const Document& d) {
  std::string x = std::string(kXmlDecl) + "<w:document" + attr("xmlns:w", kW) + attr("xmlns:r", kR) + "><w:body>";
  for (const Block& b : d.body) {
    if (auto* p = std::get_if<Paragraph>(&b)) x += paragraph_xml(*p, d.page);
    else x += table_xml(std::get<Table>(b), d.page);
  }
  return x + section(d.page, d.numbered_end) + "</w:body></w:document>";
}

// No snapping to the character grid, no extra space between Chinese and Latin or
// digits (the PDF has none); on the default and on each style, as LibreOffice reads
// the styles' and Word the defaults'.
const std::string no_grid =
    "<w:autoSpaceDE w:val=\"0\"/><w:autoSpaceDN w:val=\"0\"/><w:snapToGrid w:val=\"0\"/>";

std::string style_xml(const Style& s, const PageSetup& page) {
  std::string x = "<w:style w:type=\"paragraph\"" + std::string(s.is_default ? " w:default=\"1\"" : "") +
                  attr("w:styleId", s.id) + "><w:name" + attr("w:val", escape(s.name)) + "/>";
  if (!s.based_on.empty()) x += "<w:basedOn" + attr("w:val", s.based_on) + "/>";
  x += "<w:qFormat/><w:pPr>";
  if (s.keep_next) x += "<w:keepNext/>";
  x += "<w:widowControl/>" + no_grid + spacing(0, s.line_exact) + indent(page, s.first_line, s.left, s.right);
  if (const char* a = jc(s.align)) x += "<w:jc" + attr("w:val", a) + "/>";
  if (s.outline_level >= 0) x += "<w:outlineLvl" + attr("w:val", long(s.outline_level)) + "/>";
  Font f = s.font;
  if (std::fabs(f.size - page.grid_font_size) < 0.01 && f.spacing == 0)
    f.spacing = std::floor((char_pitch(page) - f.size) * 20) / 20;
  return x + "</w:pPr>" + run_properties(f) + "</w:style>";
}

std::string styles_xml(const Document& d) {
  std::string face;
  double size = d.page.grid_font_size;
  for (const Style& s : d.styles)
    if (s.is_default) face = s.font.face, size = s.font.size > 0 ? s.font.size : size;
  Font defaults{face, size, "000000"};
  std::string x = std::string(kXmlDecl) + "<w:styles" + attr("xmlns:w", kW) + "><w:docDefaults><w:rPrDefault>" +
                  run_properties(defaults) + "</w:rPrDefault><w:pPrDefault><w:pPr>" + no_grid +
                  spacing(0, d.page.line_pitch) + "</w:pPr></w:pPrDefault></w:docDefaults>";
  // Word's lang goes inside the default run properties, after the size.
  const std::string lang = "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>";
  x.insert(x.find("</w:rPr></w:rPrDefault>"), lang);
  for (const Style& s : d.styles) x += style_xml(s, d.page);
  x += "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
       "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>"
       "<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
       "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>";
  return x + "</w:styles>";
}

std::string settings_xml() {
  return std::string(kXmlDecl) + "<w:settings" + attr("xmlns:w", kW) + ">" +
         "<w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"420\"/><w:evenAndOddHeaders/>"
         "<w:characterSpacingControl w:val=\"compressPunctuation\"/>"
         "<w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/>"
         "<w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/>"
         "<w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/>"
         "</w:compat><w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>"
         "<w:decimalSymbol w:val=\".\"/><w:listSeparator w:val=\",\"/></w:settings>";
}

std::string font_table_xml(const Document& d) {
  std::string x = std::string(kXmlDecl) + "<w:fonts" + attr("xmlns:w", kW) + ">";
  for (const FontFace& f : d.fonts) {
    x += "<w:font" + attr("w:name", escape(f.name)) + ">";
    if (!f.alt_name.empty()) x += "<w:altName" + attr("w:val", escape(f.alt_name)) + "/>";
    if (!f.panose.empty()) x += "<w:panose1" + attr("w:val", f.panose) + "/>";
    x += "<w:charset" + attr("w:val", f.charset) + "/><w:family" + attr("w:val", f.family) + "/><w:pitch" +
         attr("w:val", f.fixed_pitch ? "fixed" : "variable") + "/></w:font>";
  }
  return x + "</w:fonts>";
}

// A footer: the page number "— N —" (a PAGE field) at the outer side, `inset`
// characters in; or nothing.
std::string footer_xml(const Document& d, const char* side) {
  std::string x = std::string(kXmlDecl) + "<w:ftr" + attr("xmlns:w", kW) + attr("xmlns:r", kR) + "><w:p><w:pPr>";
  const PageNumbers& n = d.numbers;
  if (side) {
    const long in = twips(n.inset * n.size);
    x += "<w:snapToGrid w:val=\"0\"/>" + spacing(0, n.size * 1.2) + "<w:ind" +
         attr(side[0] == 'r' ? "w:right" : "w:left", in) + "/><w:jc" + attr("w:val", side) + "/>";
  }
  x += "</w:pPr>";
  if (side) {
    const std::string rpr = run_properties(Font{n.face, n.size});
    x += "<w:r>" + rpr + "<w:t xml:space=\"preserve\">" + escape(n.before) + "</w:t></w:r>" +
         "<w:fldSimple w:instr=\" PAGE \\* MERGEFORMAT \"><w:r>" + rpr + "<w:t>1</w:t></w:r></w:fldSimple>" + "<w:r>" +
         rpr + "<w:t xml:space=\"preserve\">" + escape(n.after) + "</w:t></w:r>";
  }
  return x + "</w:p></w:ftr>";
}

std::string two(int v) {
  char b[8];
  std::snprintf(b, sizeof b, "%02d", v);
  return b;
}

std::string core_xml(const Properties& p) {
  const std::string when = std::to_string(p.year) + "-" + two(p.month) + "-" + two(p.day) + "T00:00:00Z";
  return std::string(kXmlDecl) +
         "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
         "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">" +
         "<dc:title>" + escape(p.title) + "</dc:title><dc:subject>" + escape(p.subject) + "</dc:subject><dc:creator>" +
         escape(p.creator) + "</dc:creator><dc:description>" + escape(p.description) + "</dc:description>" +
         "<cp:lastModifiedBy>" + escape(p.creator) + "</cp:lastModifiedBy><cp:revision>1</cp:revision>" +
         "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + when + "</dcterms:created>" +
         "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + when + "</dcterms:modified></cp:coreProperties>";
}

std::string app_xml() {
  return std::string(kXmlDecl) +
         "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
         "<Application>tws</Application></Properties>";
}

std::string content_types_xml() {
  const std::string wml = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
  auto over = [](const std::string& part, const std::string& type) {
    return "<Override PartName=\"" + part + "\" ContentType=\"" + type + "\"/>";
  };
  return std::string(kXmlDecl) + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
         "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
         "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
         over("/word/document.xml", wml + "document.main+xml") + over("/word/styles.xml", wml + "styles+xml") +
         over("/word/settings.xml", wml + "settings+xml") + over("/word/fontTable.xml", wml + "fontTable+xml") +
         over("/word/footer1.xml", wml + "footer+xml") + over("/word/footer2.xml", wml + "footer+xml") +
         over("/word/footer3.xml", wml + "footer+xml") +
         over("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml") +
         over("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml") + "</Types>";
}

std::string relationships(const std::vector<std::pair<std::string, std::string>>& rels) {
  std::string x = std::string(kXmlDecl) + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  for (auto& [id, rest] : rels) x += "<Relationship Id=\"" + id + "\" " + rest + "/>";
  return x + "</Relationships>";
}

std::string rel(const std::string& type, const std::string& target) {
  return "Type=\"" + type + "\" Target=\"" + target + "\"";
}

}  // namespace

std::vector<std::pair<std::string, std::string>> parts(const Document& d) {
  const std::string office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  return {
      {"[Content_Types].xml", content_types_xml()},
      {"_rels/.rels", relationships({{"rId1", rel(office + "officeDocument", "word/document.xml")},
                                     {"rId2", rel("http://schemas.openxmlformats.org/package/2006/relationships/"
                                                  "metadata/core-properties",
                                                  "docProps/core.xml")},
                                     {"rId3", rel(office + "extended-properties", "docProps/app.xml")}})},
      {"word/document.xml", document_xml(d)},
      {"word/_rels/document.xml.rels",
       relationships({{"rIdStyles", rel(office + "styles", "styles.xml")},
                      {"rIdSettings", rel(office + "settings", "settings.xml")},
                      {"rIdFonts", rel(office + "fontTable", "fontTable.xml")},
                      {"rIdFooterOdd", rel(office + "footer", "footer1.xml")},
                      {"rIdFooterEven", rel(office + "footer", "footer2.xml")},
                      {"rIdFooterNone", rel(office + "footer", "footer3.xml")}})},
      {"word/styles.xml", styles_xml(d)},
      {"word/settings.xml", settings_xml()},
      {"word/fontTable.xml", font_table_xml(d)},
      {"word/footer1.xml", footer_xml(d, "right")},
      {"word/footer2.xml", footer_xml(d, "left")},
      {"word/footer3.xml", footer_xml(d, nullptr)},
      {"docProps/core.xml", core_xml(d.properties)},
      {"docProps/app.xml", app_xml()},
  };
}

std::string write(const Document& d) {
  auto fail = [](const std::string& what) { throw std::runtime_error("无法生成 Word 文档（libzip）：" + what); };
  const auto content = parts(d);
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!buffer) fail(zip_error_strerror(&error));
  zip_source_keep(buffer);  // read back after zip_close()
  std::unique_ptr<zip_source_t, void (*)(zip_source_t*)> keep(buffer, zip_source_free);
  zip_t* z = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (!z) fail(zip_error_strerror(&error));
  // Every entry dated the document's day, 00:00 (MS-DOS date and time fields).
  const auto dos_date = zip_uint16_t(((std::max(d.properties.year, 1980) - 1980) << 9) | (d.properties.month << 5) |
                                     d.properties.day);
  for (auto& [name, xml] : content) {
    zip_source_t* s = zip_source_buffer(z, xml.data(), xml.size(), 0);
    zip_int64_t i = s ? zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8) : -1;
    if (i < 0) {
      if (s) zip_source_free(s);
      std::string why = zip_strerror(z);
      zip_discard(z);
      fail(why);
    }
    zip_file_set_dostime(z, zip_uint64_t(i), 0, dos_date, 0);
    zip_set_file_compression(z, zip_uint64_t(i), ZIP_CM_DEFLATE, 9);
  }
  if (zip_close(z) != 0) {
    std::string why = zip_strerror(z);
    zip_discard(z);
    fail(why);
  }
  std::string bytes;
  if (zip_source_open(buffer) != 0) fail("zip_source_open");
  char chunk[65536];
  for (zip_int64_t n; (n = zip_source_read(buffer, chunk, sizeof chunk)) > 0;) bytes.append(chunk, std::size_t(n));
  zip_source_close(buffer);
  return bytes;
}

}  // namespace tws::docx

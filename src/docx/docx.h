// A small WordprocessingML (.docx, ECMA-376 transitional) writer: paragraphs of runs,
// one kind of table, sections with odd/even page-number footers, a style sheet and a
// font table. Enough for an editable draft of a GB/T 9704 公文 that Word, WPS and
// LibreOffice open as it was laid out; nothing more (no images, lists or comments).
//
// The package is written with libzip in a fixed order, every entry dated the
// document's date at 00:00 and the core properties taken from that date, so the same
// Document gives the same bytes.
//
// Units: lengths in points unless the name says otherwise; indents in characters
// (hundredths of a character in the XML, w:firstLineChars and friends, so they follow
// the document grid).
//
// The section's document grid (w:docGrid linesAndChars) sets the lines and characters
// of a page, but paragraphs do not snap to its characters: LibreOffice puts a full-width
// character wider than the grid pitch (三号 16 pt against 15.79 pt) into two cells.
// Styles at the grid's font size get the character spacing (-0.25 pt) that puts the
// grid's characters on a line instead, the same in Word, WPS and LibreOffice.
#pragma once
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace tws::docx {

enum class Align { Inherit, Left, Centre, Right, Both };

struct Border {
  double width = 0.5;           // pt
  std::string color = "000000";  // RRGGBB
  double space = 0;             // pt between the text and the line
};

// Character formatting a run or a style may set; empty / zero: inherited.
struct Font {
  std::string face;        // w:rFonts (ascii, hAnsi, eastAsia and cs alike)
  double size = 0;         // pt
  std::string color;       // RRGGBB
  int scale = 0;           // w:w, horizontal scaling in percent
  double spacing = 0;      // pt added after each character (w:spacing), may be < 0
  bool bold = false;
};

struct Run {
  std::string text;  // UTF-8; "\n" a line break, "\t" a tab
  Font font;
};

struct Paragraph {
  std::string style;  // a Style's id; empty: the default paragraph style
  std::vector<Run> runs;
  Align align = Align::Inherit;
  // In characters; nullopt: the style's. first_line < 0 is a hanging indent.
  std::optional<double> first_line, left, right;
  double line_exact = 0;  // pt, 0: the style's
  double space_before = 0;
  bool keep_next = false;
  bool page_break_before = false;
  std::optional<Border> border_top, border_bottom;
  std::vector<std::pair<double, Align>> tabs;  // tab stops: position (pt), alignment
  double frame_width = 0;  // > 0: in a frame this wide at the foot of the text area
  // Ends a section here (w:sectPr in this paragraph): the section these paragraphs
  // belong to has page numbers when `numbered`.
  std::optional<bool> section_end_numbered;
};

struct Cell {
  std::vector<Run> runs;
  int span = 1;
  Align align = Align::Centre;
  bool header_font = false;  // the table's header face
};

// A table of fixed column widths. Ruled: single lines around every cell; else no
// lines but border_top / border_bottom above and below the table (the 版记's rules).
// At the foot of the page (bottom): written as one framed paragraph per row, cells
// apart at tab stops, in a frame at the foot of the text area (a floating table would
// do in Word, but LibreOffice 7.4 sets it in the text flow).
struct Table {
  std::vector<double> widths;     // pt per column
  std::vector<std::vector<Cell>> rows;
  int header_rows = 0;            // repeated at the top of every page (w:tblHeader)
  std::string style;              // the cells' paragraph style
  Font header;                    // header rows and header_font cells
  double line_exact = 0;          // pt
  double pad_x = 0, pad_y = 0;    // cell margins, pt
  bool ruled = true;
  double rule_width = 0.5, frame_width = 0.75;
  std::optional<Border> border_top, border_bottom;
  bool bottom = false;
  bool cant_split_rows = true;
};

using Block = std::variant<Paragraph, Table>;

struct Style {
  std::string id, name;      // name: shown in Word's style list
  std::string based_on;      // id; empty for the default paragraph style
  bool is_default = false;   // the default paragraph style (Normal)
  Font font;
  Align align = Align::Inherit;
  std::optional<double> first_line, left, right;  // characters
  double line_exact = 0;     // pt
  bool keep_next = false;
  int outline_level = -1;    // 0 = 一级 (Word's navigation pane), -1: body text
};

// A face of the font table, with what Word uses to find a substitute when the face is
// not installed (w:altName, w:panose1, w:charset, w:family, w:pitch).
struct FontFace {
  std::string name, alt_name;
  std::string panose;        // 20 hex digits
  std::string family = "auto";
  bool fixed_pitch = true;
  std::string charset = "86";  // GB2312
};

struct PageSetup {
  double width = 595.3, height = 841.9;                    // A4
  double top = 104.9, bottom = 99.2, left = 79.4, right = 73.7;  // 37/35/28/26 mm
  double footer = 65.2;      // page edge to the bottom of the footer
  int grid_lines = 22, grid_chars = 28;  // w:docGrid linesAndChars
  double line_pitch = 28.95;
  double grid_font_size = 16;  // the size the grid's character pitch is counted from
};

struct PageNumbers {
  std::string face;
  double size = 14;
  double inset = 1;            // characters in from the text block's edge
  std::string before = "— ", after = " —";
};

struct Properties {
  std::string title, subject, creator, description;
  int year = 2000, month = 1, day = 1;
};

struct Document {
  PageSetup page;
  PageNumbers numbers;
  std::vector<Style> styles;
  std::vector<FontFace> fonts;
  std::vector<Block> body;
  bool numbered_end = true;  // the last section has page numbers
  Properties properties;
};

// The .docx bytes. Throws std::runtime_error when libzip fails (out of memory).
std::string write(const Document& doc);

// The XML parts by name (word/document.xml, …), as write() packages them; for tests.
std::vector<std::pair<std::string, std::string>> parts(const Document& doc);

}  // namespace tws::docx

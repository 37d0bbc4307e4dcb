// Document templates (templates/documents/*.txt): the words and the structure of each
// PDF live in a text file; C++ supplies only data. Two steps:
//
// 1. expand(): a small Mustache subset over the whole text —
//      {{name}}                 the value (user text is marked so that it can never be
//                               read as template structure: a “|” or “{” in a station's
//                               name stays text)
//      {{#list}}…{{/list}}      repeated for each item of a list (items see their own
//                               names first, then the enclosing ones); for a text value:
//                               shown when it is not empty
//      {{^name}}…{{/name}}      shown when the list or text is empty / absent
//    A tag alone on its line takes the line with it. Lines starting with “#” are
//    comments. An unknown name is an error (a typo in a template must not print blank).
// 2. parse(): one block per line starting with “@”; a line not starting with “@”
//    continues the text of the line before (so long paragraphs can be wrapped):
//      @banner TEXT      发文机关标志: red, heavy Song, condensed to the block width
//      @docno TEXT       发文字号, centred (checked: 〔YYYY〕, no leading zero, no 第)
//      @redrule          the red separator line 4 mm below the 发文字号
//      @title TEXT       2号 title, centred, balanced; “|” marks a preferred break
//      @to TEXT          主送机关, flush left
//      @p TEXT           body paragraph (2-character indent)
//      @h1 … @h4 TEXT    headings 一、 （一） 1. （1）
//      @note TEXT        附件说明: “附件：name”, continuation lines under the name;
//                        “附件：1．A|2．B” for several
//      @signature NAME | DATE   发文机关署名 and 成文日期 (GB/T 9704 §7.3.5.2, no seal)
//      @right TEXT       a right-aligned line, two characters in
//      @centre TEXT      a centred line
//      @p, @centre, @right, @to and @title may start their text with the paragraph's
//                        own type: {size=PT line=PT indent=N role=title|body|heading1|
//                        heading2 red} (a certificate's display lines)
//      @label TEXT       附件 label: 3号 黑体, flush left, no indent
//      @atitle TEXT      attachment title: 2号, centred
//      @heading TEXT     a centred 3号 黑体 line (form sections)
//      @space N | @fill | @pagebreak
//      @colophon OFFICE | DATE   版记: 印发机关 and 印发日期 between rules, page foot
//      @table [size=PT] [align=c,l,r…] [minw=MM,… | w=MM,…] [split] [plain] [keep]
//                        starts a table (keep: on one page when it fits); then
//      @th a | b …       header rows (repeated on every page)
//      @tr a | b …       body rows; a cell may start with {span=N left right bold
//                        h=MM bottom top} options; “\n” in a cell's text breaks the line
//      @masthead TEXT    简报 报头: 初号, red, title face, centred
//      @distribution A | B …   简报 版记 at the page foot: one line per part between rules
//      @chart [height=MM] | TITLE | Y TITLE   a bar chart (typeset::Chart); then
//      @cat X TITLE | a | b …          the category axis's title and the categories
//      @series NAME | v | v …          a series (stacked when several): its legend name
//                        and one value per category, printed as written (12,000.00)
#pragma once
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "typeset/typeset.h"
#include "common/errors.h"

namespace tws::documents {

// A template that cannot be read or uses an unknown name: a fault of the installation
// (exit 3), not of the user's input.
using tws::TemplateError;

struct Context {
  std::map<std::string, std::string> text;
  std::map<std::string, std::vector<Context>> lists;
  Context& set(const std::string& name, std::string value) {
    text[name] = std::move(value);
    return *this;
  }
  std::vector<Context>& list(const std::string& name) { return lists[name]; }
};

// Markers around substituted values (stripped by parse()).
inline constexpr char kValueOpen = '\x01', kValueClose = '\x02';

std::string expand(const std::string& tmpl, const Context& ctx, const std::string& template_name);

struct ParseOptions {
  bool preprinted = false;  // --letterhead preprinted: 版头 left blank
  std::string origin;       // prefixed to typesetting errors
};

struct Parsed {
  std::vector<typeset::Block> blocks;
  std::vector<std::string> kinds;   // the directive each block came from ("banner", "p", …)
  std::vector<std::string> docnos;  // texts of @docno lines, for the checks
  std::vector<std::string> dates;   // 成文日期 and 印发日期 texts, for the checks
  int colophon_block = -1;          // index of the first block of the 版记, -1 if none
  std::string title;                // @title text without break marks (PDF info)
};

Parsed parse(const std::string& expanded, const typeset::FontSet& fonts, const typeset::PageStyle& style,
             const ParseOptions& opt, const std::string& template_name);

// Reads templates/documents/<name>.txt (TemplateError when absent).
std::string load_template(const std::filesystem::path& dir, const std::string& name);

}  // namespace tws::documents

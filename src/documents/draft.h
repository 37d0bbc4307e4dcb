// The editable Word draft (.docx) of a red-header notice, written beside its PDF from
// the same parsed template: the blocks the PDF is laid out from, with the directive
// each came from (the role of the paragraph: 发文机关标志, 发文字号, 标题, 一级标题, …),
// mapped onto paragraph styles of those names (src/docx writes the package).
#pragma once
#include <string>
#include <vector>

#include "typeset/typeset.h"

namespace tws::documents {

// The blocks as laid out for the PDF, the page breaks of duplex printing included.
struct DraftBlocks {
  std::vector<typeset::Block> blocks;
  std::vector<std::string> kinds;  // template.h Parsed::kinds, parallel to blocks
  int unnumbered_from = -1;        // the PageBreak after which pages carry no number
};

struct DraftInfo {
  std::string title, subject, author;
  int year = 2000, month = 1, day = 1;  // the document's date
};

// The templates that get a draft beside their PDF.
bool has_draft(const std::string& template_name);

// The .docx bytes.
std::string write_draft(const DraftBlocks& d, const typeset::FontSet& fonts, const typeset::PageStyle& style,
                        const DraftInfo& info);

}  // namespace tws::documents

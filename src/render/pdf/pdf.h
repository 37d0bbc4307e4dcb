// PDF backend: draws typeset frames with libharu 2.3–2.4 through its public API
// (hpdf.h). Thin by design — every position comes from the frame; this layer only
// subsets the fonts, loads them and emits operators. Deterministic: the same frames,
// fonts and info give the same bytes.
#pragma once
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "typeset/typeset.h"
#include "common/errors.h"

namespace tws::render::pdf {

struct DocumentInfo {
  std::string title;
  std::string author;            // the institution
  std::string subject, keywords;
  std::string creator = "tws";
  // Creation and modification date, fixed by the caller (the run's --date), so that
  // renders are byte-identical. Local time, no zone.
  int year = 2026, month = 1, day = 1, hour = 0, minute = 0, second = 0;
};

using tws::RenderError;

struct Stats {
  std::size_t bytes = 0;        // the whole PDF
  int embedded_fonts = 0;       // subsets (a face with narrow punctuation counts twice)
  std::size_t font_bytes = 0;   // subset TrueType files before compression
};

// Renders the pages to PDF bytes; the caller writes them. Every used face is subset
// (HarfBuzz hb-subset) to the characters the pages draw and embedded once. Glyphs marked
// narrow (compressed punctuation) are drawn from a second subset whose advance is
// FontSet::narrow_advance_em, so text extraction sees the width the layout gave them.
// Throws RenderError.
std::string render(const std::vector<typeset::Page>& pages, const typeset::FontSet& fonts,
                   const DocumentInfo& info, Stats* stats = nullptr);

}  // namespace tws::render::pdf

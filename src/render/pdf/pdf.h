// PDF backend: draws typeset frames with libharu 2.3.0. Thin by design — every position
// comes from the frame; this layer only subsets the fonts, loads them and emits
// operators. Deterministic: the same frames, fonts and info give the same bytes.
#pragma once
#include <cstddef>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "typeset/typeset.h"

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

struct RenderError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Stats {
  std::size_t bytes = 0;        // the whole PDF
  int embedded_fonts = 0;       // subsets (a face with narrow punctuation counts twice)
  std::size_t font_bytes = 0;   // subset TrueType files before compression
};

// Renders the pages to PDF bytes. Every used face is subset (HarfBuzz hb-subset) to the
// characters the pages draw and embedded once. Glyphs marked narrow (compressed
// punctuation) are drawn from a second subset whose advance is
// FontSet::narrow_advance_em, so text extraction sees the width the layout gave them.
// Throws RenderError.
std::string render(const std::vector<typeset::Page>& pages, const typeset::FontSet& fonts,
                   const DocumentInfo& info, Stats* stats = nullptr);

// render() for pages made one at a time (typeset::Typesetter::paginate), so that a long
// document's pages need not all exist at once: `used` holds every glyph they draw (the
// fonts are subset and loaded before the first page), `pages(draw)` calls draw(page)
// for each page in order. `pages` may be called a second time, with fonts padded for
// libharu's save bug (pdf.cpp, SaveSeekBug); it must then give the same pages again.
using PageSource = std::function<void(const std::function<void(const typeset::Page&)>&)>;
std::string render(const typeset::GlyphUse& used, const PageSource& pages, const typeset::FontSet& fonts,
                   const DocumentInfo& info, Stats* stats = nullptr);

// render() with the PDF saved by libharu straight into the file at `path` (created or
// truncated; a plain write, so give it a temporary path): the same bytes, but a long
// document's are never held in memory — render() holds them twice while it copies them
// out of libharu, 4 MB for the 685 pages of a 10,000-application 公示名单. Returns the
// number of bytes written.
std::size_t render_to_file(const std::filesystem::path& path, const typeset::GlyphUse& used,
                           const PageSource& pages, const typeset::FontSet& fonts,
                           const DocumentInfo& info, Stats* stats = nullptr);

// Every glyph the pages draw.
typeset::GlyphUse glyphs_used(const std::vector<typeset::Page>& pages);

// render() written to `path` (a plain write; wrap it in tws::write_atomically).
void write(const std::filesystem::path& path, const std::vector<typeset::Page>& pages,
           const typeset::FontSet& fonts, const DocumentInfo& info, Stats* stats = nullptr);

}  // namespace tws::render::pdf

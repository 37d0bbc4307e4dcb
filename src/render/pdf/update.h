// What PDF readers and validators need beyond what libharu 2.3.0 writes through its
// public API, added to the saved bytes as a standard incremental update (PDF 32000-1
// §7.5.6): a ToUnicode CMap per font listing the codes the pages use (libharu writes
// an empty stub), the document information dictionary (UTF-16 text strings, characters
// outside the BMP included), and a trailer /ID. The header says PDF-1.4.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "render/pdf/pdf.h"

namespace tws::render::pdf {

struct FontCodes {
  std::string base_font;                // the subset's PostScript name (without libharu's tag)
  std::map<std::uint16_t, char32_t> codes;  // code drawn in the content → its character
};

// The ToUnicode CMap of one font (bfrange for runs of codes that are their own code
// points, bfchar for the rest, surrogate pairs for characters outside the BMP).
std::string to_unicode_cmap(const std::map<std::uint16_t, char32_t>& codes);

// `pdf` (libharu's bytes) with the update appended. Deterministic: the /ID is a hash
// of libharu's cross-reference table and of the update's objects. Throws RenderError when the file is not laid out as libharu writes it.
std::string add_reader_update(std::string pdf, const std::vector<FontCodes>& fonts,
                              const DocumentInfo& info);

}  // namespace tws::render::pdf

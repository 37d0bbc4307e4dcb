// Font subsetting for the PDF backend (HarfBuzz hb-subset), shaped for libharu 2.3.0:
// it maps text through the font's (3,1) format-4 cmap (BMP codes only: tws draws
// each character under a code of its own, see kFirstCode), reads the PostScript name from
// the 'name' table (two fonts with one name collapse into one), takes the descriptor's
// Ascent/Descent from 'hhea', and widths from 'hmtx'.
#pragma once
#include <filesystem>
#include <map>
#include <set>
#include <string>

struct hb_face_t;

namespace tws::render::pdf {

// The codes a subset's characters are drawn with: kFirstCode, kFirstCode + 1, … in code
// point order, whatever the characters are (the ToUnicode CMap maps them back). They
// start above U+00FF so that their UTF-8 for libharu holds no control byte, and they
// are kept low because libharu writes a /W entry and a CIDToGIDMap of two bytes per
// code up to the highest one it finds in the font's cmap.
constexpr char32_t kFirstCode = 0x100, kLastCode = 0xD7FF;

struct SubsetRequest {
  std::filesystem::path font;           // TrueType (glyf) file
  hb_face_t* face = nullptr;            // the file already parsed (FontSet::hb_face);
                                        // when set, the file is not read again
  std::set<char32_t> code_points;       // the characters the subset keeps
  std::map<char32_t, char32_t> codes;   // each drawn at full width → its code (kFirstCode, …)
  struct NarrowForm {
    char32_t code = 0;                  // the code of the copy (after the full-width codes)
    int advance = 0;                    // its advance in font units
  };
  std::map<char32_t, NarrowForm> narrow;  // each drawn narrow → a copy of its glyph
  std::string postscript_name;          // written into 'name' (IDs 1, 3, 4, 6)
  double ascender_em = 0.88;            // hhea ascender/descender set to the em box
  int post_padding = 0;                 // unused bytes after the 'post' table's data
                                        // (changes the file's size only; libharu rebuilds
                                        // 'name', 'glyf' and 'loca'; see pdf.cpp, SaveSeekBug)
};

// The subset font file's bytes. Throws RenderError.
std::string subset_font(const SubsetRequest& req);

}  // namespace tws::render::pdf

// Subsets one TrueType face to the characters a document draws, then rebuilds three
// tables for libharu (see subset.h): 'name' (a unique PostScript name, subfamily
// "Regular" so libharu neither appends ",Bold" nor sets ForceBold), 'hhea' (ascender
// and descender = the ideographic em box, so text extraction boxes are one em tall and
// start at the em top, where the layout puts the grid line), 'cmap' (one format-4
// subtable mapping each character's code, see cmap_table) and, when asked, 'hmtx' (narrow advances of
// compressed punctuation). A one-line document's PDF drops from
// about 90 KB with libharu's own embedding to about 20 KB.
#include "render/pdf/subset.h"

#include <hb-subset.h>
#include <hb.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include "render/pdf/pdf.h"

namespace tws::render::pdf {

namespace {

template <class T, void (*F)(T*)>
struct Deleter {
  void operator()(T* p) const { F(p); }
};
using Blob = std::unique_ptr<hb_blob_t, Deleter<hb_blob_t, hb_blob_destroy>>;
using Face = std::unique_ptr<hb_face_t, Deleter<hb_face_t, hb_face_destroy>>;
using Font = std::unique_ptr<hb_font_t, Deleter<hb_font_t, hb_font_destroy>>;
using Input = std::unique_ptr<hb_subset_input_t, Deleter<hb_subset_input_t, hb_subset_input_destroy>>;

std::string bytes(hb_blob_t* b) {
  unsigned len = 0;
  const char* d = hb_blob_get_data(b, &len);
  return std::string(d ? d : "", len);
}
Blob make_blob(std::string s) {
  auto* holder = new std::string(std::move(s));
  return Blob(hb_blob_create(holder->data(), unsigned(holder->size()), HB_MEMORY_MODE_READONLY,
                             holder, [](void* p) { delete static_cast<std::string*>(p); }));
}

uint16_t get16(const std::string& s, std::size_t at) {
  return uint16_t((uint8_t(s.at(at)) << 8) | uint8_t(s.at(at + 1)));
}
void put16(std::string& s, std::size_t at, int v) {
  s.at(at) = char((v >> 8) & 0xFF);
  s.at(at + 1) = char(v & 0xFF);
}
void append16(std::string& s, int v) {
  s += char((v >> 8) & 0xFF);
  s += char(v & 0xFF);
}

// 'name' format 0 with Windows Unicode BMP (3,1,0x409) records only.
std::string name_table(const std::string& ps) {
  const std::vector<std::pair<int, std::string>> recs = {
      {1, ps}, {2, "Regular"}, {3, ps}, {4, ps}, {6, ps}};
  std::string strings, out;
  append16(out, 0);
  append16(out, int(recs.size()));
  append16(out, int(6 + 12 * recs.size()));
  for (const auto& [id, text] : recs) {
    std::string utf16;
    for (char ch : text) append16(utf16, uint8_t(ch));  // ASCII names
    append16(out, 3);
    append16(out, 1);
    append16(out, 0x409);
    append16(out, id);
    append16(out, int(utf16.size()));
    append16(out, int(strings.size()));
    strings += utf16;
  }
  return out + strings;
}

// A (3,1) format-4 cmap for the codes kFirstCode, kFirstCode + 1, …: one
// segment whose glyphIdArray lists each code's glyph, and the closing 0xFFFF segment.
// libharu's HPDF_GetFont scans the segments for each of the 65,536 BMP codes, so two
// segments keep that scan short.
std::string cmap_table(const std::vector<int>& gids) {
  const int first = int(kFirstCode), last = first + int(gids.size()) - 1;
  std::string sub;
  append16(sub, 4);                                   // format
  append16(sub, int(16 + 2 * 8 + 2 * gids.size()));  // length
  append16(sub, 0);                                   // language
  for (int v : {4, 4, 1, 0}) append16(sub, v);        // segCountX2, searchRange, entrySelector, rangeShift
  for (int v : {last, 0xFFFF, 0, first, 0xFFFF, 0, 1, 4, 0}) append16(sub, v);
  // endCode ×2, reservedPad, startCode ×2, idDelta ×2, idRangeOffset ×2 (the array
  // starts 4 bytes after the first segment's idRangeOffset)
  for (int gid : gids) append16(sub, gid);
  std::string table;
  append16(table, 0);   // version
  append16(table, 1);   // one encoding record
  append16(table, 3);   // Windows
  append16(table, 1);   // Unicode BMP
  table += std::string("\0\0\0\x0c", 4);
  return table + sub;
}

}  // namespace

std::string subset_font(const SubsetRequest& req) {
  Face face;
  if (req.face) {
    face.reset(hb_face_reference(req.face));
  } else {
    Blob src(hb_blob_create_from_file_or_fail(req.font.c_str()));
    if (!src) throw RenderError("无法读取字体文件 " + req.font.string());
    face.reset(hb_face_create(src.get(), 0));
  }
  Input in(hb_subset_input_create_or_fail());
  if (!in) throw RenderError("hb_subset_input_create_or_fail failed");
  hb_set_t* unicodes = hb_subset_input_unicode_set(in.get());
  for (char32_t cp : req.code_points) hb_set_add(unicodes, cp);
  // Hinting instructions are useless in a PDF and the layout tables are never read by
  // libharu.
  hb_subset_input_set_flags(in.get(), HB_SUBSET_FLAGS_NO_HINTING);
  hb_set_t* drop = hb_subset_input_set(in.get(), HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (const char* t : {"GSUB", "GPOS", "GDEF", "BASE", "vhea", "vmtx", "VORG", "DSIG", "gasp",
                        "kern", "JSTF", "MATH", "meta"})
    hb_set_add(drop, hb_tag_from_string(t, 4));
  Face built(hb_subset_or_fail(face.get(), in.get()));
  if (!built) throw RenderError("字体子集化失败：" + req.font.string());
  // The subset is a builder face, which cannot list its tables (HarfBuzz 6.0):
  // serialize it and read it back.
  Blob sub_blob(hb_face_reference_blob(built.get()));
  Face sub(hb_face_create(sub_blob.get(), 0));

  const int upem = int(hb_face_get_upem(sub.get()));
  const int num_glyphs = int(hb_face_get_glyph_count(sub.get()));
  Font font(hb_font_create(sub.get()));

  auto table = [&](const char* tag) {
    Blob b(hb_face_reference_table(sub.get(), hb_tag_from_string(tag, 4)));
    return bytes(b.get());
  };
  std::string hhea = table("hhea"), hmtx = table("hmtx");
  std::vector<int> gids;  // by code, from U+E000
  for (auto [cp, code] : req.codes) {
    hb_codepoint_t gid = 0;
    if (code != kFirstCode + gids.size()) throw RenderError("字体子集的字符编码不连续：" + req.font.string());
    gids.push_back(hb_font_get_nominal_glyph(font.get(), cp, &gid) ? int(gid) : 0);
  }
  const std::string cmap = cmap_table(gids);
  if (hhea.size() < 36) throw RenderError("字体缺少 hhea 表：" + req.font.string());
  const int asc = int(std::lround(req.ascender_em * upem));
  put16(hhea, 4, asc);
  put16(hhea, 6, asc - upem);
  put16(hhea, 8, 0);

  if (!req.advances.empty()) {
    // Expand hmtx to one (advance, lsb) pair per glyph, then override.
    const int n_metrics = get16(hhea, 34);
    std::vector<int> adv(static_cast<std::size_t>(num_glyphs)), lsb(adv.size());
    for (int g = 0; g < num_glyphs; ++g) {
      int m = std::min(g, n_metrics - 1);
      adv[std::size_t(g)] = get16(hmtx, std::size_t(4 * m));
      lsb[std::size_t(g)] = g < n_metrics ? get16(hmtx, std::size_t(4 * g + 2))
                                          : get16(hmtx, std::size_t(4 * n_metrics + 2 * (g - n_metrics)));
    }
    for (auto [cp, a] : req.advances) {
      hb_codepoint_t gid = 0;
      if (hb_font_get_nominal_glyph(font.get(), cp, &gid)) adv[gid] = a;
    }
    hmtx.clear();
    for (int g = 0; g < num_glyphs; ++g) {
      append16(hmtx, adv[std::size_t(g)]);
      append16(hmtx, lsb[std::size_t(g)]);
    }
    put16(hhea, 34, num_glyphs);
  }

  Face builder(hb_face_builder_create());
  unsigned count = 64;
  hb_tag_t tags[64];
  hb_face_get_table_tags(sub.get(), 0, &count, tags);
  bool had_name = false;
  for (unsigned i = 0; i < count; ++i) {
    Blob b;
    had_name = had_name || tags[i] == HB_TAG('n', 'a', 'm', 'e');
    if (tags[i] == HB_TAG('n', 'a', 'm', 'e')) b = make_blob(name_table(req.postscript_name));
    else if (tags[i] == HB_TAG('h', 'h', 'e', 'a')) b = make_blob(hhea);
    else if (tags[i] == HB_TAG('h', 'm', 't', 'x')) b = make_blob(hmtx);
    else if (tags[i] == HB_TAG('c', 'm', 'a', 'p')) b = make_blob(cmap);
    else if (tags[i] == HB_TAG('p', 'o', 's', 't') && req.post_padding > 0) {
      Blob t(hb_face_reference_table(sub.get(), tags[i]));
      b = make_blob(bytes(t.get()) + std::string(std::size_t(req.post_padding), '\0'));
    } else b.reset(hb_face_reference_table(sub.get(), tags[i]));
    hb_face_builder_add_table(builder.get(), tags[i], b.get());
  }
  if (!had_name)
    hb_face_builder_add_table(builder.get(), HB_TAG('n', 'a', 'm', 'e'),
                              make_blob(name_table(req.postscript_name)).get());
  Blob out(hb_face_reference_blob(builder.get()));
  return bytes(out.get());
}

}  // namespace tws::render::pdf

// Subsets one TrueType face to the characters a document draws, then rebuilds three
// tables for libharu (see subset.h): 'name' (a unique PostScript name, subfamily
// "Regular" so libharu neither appends ",Bold" nor sets ForceBold), 'hhea' (ascender
// and descender = the ideographic em box, so text extraction boxes are one em tall and
// start at the em top, where the layout puts the grid line), 'cmap' (one format-4
// subtable mapping each character's code, see cmap_table) and, for compressed
// punctuation, copies of glyphs with narrower advances (add_narrow_copies). A one-line
// document's PDF drops from about 90 KB with libharu's own embedding to about 20 KB.
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
uint32_t get32(const std::string& s, std::size_t at) { return uint32_t(get16(s, at)) << 16 | get16(s, at + 2); }
void append32(std::string& s, uint32_t v) {
  append16(s, int(v >> 16));
  append16(s, int(v & 0xFFFF));
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

// The tables a subset rewrites, by tag.
using Tables = std::map<std::string, std::string>;

// Appends to the subset a copy of each glyph in `copies` (glyph id, advance), as glyph
// ids num_glyphs, num_glyphs + 1, …: the narrow forms of compressed punctuation, which
// then share one embedded font (and one ToUnicode) with the full-width forms. Rewrites
// 'glyf', 'loca' (long offsets), 'head' (indexToLocFormat), 'hmtx' (one pair per glyph),
// 'hhea' (numberOfHMetrics) and 'maxp' (numGlyphs).
void add_narrow_copies(Tables& t, int num_glyphs, const std::vector<std::pair<int, int>>& copies) {
  std::string &head = t["head"], &hhea = t["hhea"], &hmtx = t["hmtx"], &maxp = t["maxp"];
  std::string &loca = t["loca"], &glyf = t["glyf"];
  if (head.size() < 54 || maxp.size() < 6) throw RenderError("字体缺少 head 或 maxp 表");
  const bool long_loca = get16(head, 50) == 1;
  std::vector<uint32_t> at(std::size_t(num_glyphs) + 1);
  for (std::size_t g = 0; g < at.size(); ++g) at[g] = long_loca ? get32(loca, 4 * g) : 2u * get16(loca, 2 * g);
  const int n_metrics = get16(hhea, 34);
  std::vector<int> adv, lsb;
  for (int g = 0; g < num_glyphs; ++g) {
    const int m = std::min(g, n_metrics - 1);
    adv.push_back(get16(hmtx, std::size_t(4 * m)));
    lsb.push_back(g < n_metrics ? get16(hmtx, std::size_t(4 * g + 2))
                                : get16(hmtx, std::size_t(4 * n_metrics + 2 * (g - n_metrics))));
  }
  glyf.resize(at.back());
  for (auto [gid, advance] : copies) {
    const auto g = std::size_t(gid);
    glyf += glyf.substr(at[g], at[g + 1] - at[g]);
    at.push_back(uint32_t(glyf.size()));
    adv.push_back(advance);
    lsb.push_back(lsb[g]);
  }
  loca.clear();
  for (uint32_t a : at) append32(loca, a);
  hmtx.clear();
  for (std::size_t g = 0; g < adv.size(); ++g) append16(hmtx, adv[g]), append16(hmtx, lsb[g]);
  put16(head, 50, 1);
  put16(hhea, 34, int(adv.size()));
  put16(maxp, 4, int(adv.size()));
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
  // (hdmx, LTSH and VDMX list each glyph: they would not cover the narrow copies.)
  for (const char* t : {"GSUB", "GPOS", "GDEF", "BASE", "vhea", "vmtx", "VORG", "DSIG", "gasp",
                        "kern", "JSTF", "MATH", "meta", "hdmx", "LTSH", "VDMX"})
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

  Tables tables;
  for (const char* tag : {"head", "hhea", "hmtx", "maxp", "loca", "glyf"}) {
    Blob b(hb_face_reference_table(sub.get(), hb_tag_from_string(tag, 4)));
    tables[tag] = bytes(b.get());
  }
  // Glyph ids by code: the full-width characters' glyphs, then their narrow copies.
  std::vector<int> gids(req.codes.size() + req.narrow.size(), -1);
  std::vector<std::pair<int, int>> copies;
  auto gid_of = [&](char32_t cp) {
    hb_codepoint_t gid = 0;
    return hb_font_get_nominal_glyph(font.get(), cp, &gid) ? int(gid) : 0;
  };
  auto place = [&](char32_t code, int gid) {
    if (code < kFirstCode || code - kFirstCode >= gids.size() || gids[code - kFirstCode] != -1)
      throw RenderError("字体子集的字符编码不连续：" + req.font.string());
    gids[code - kFirstCode] = gid;
  };
  for (auto [cp, code] : req.codes) place(code, gid_of(cp));
  for (auto [cp, form] : req.narrow) {
    place(form.code, num_glyphs + int(copies.size()));
    copies.emplace_back(gid_of(cp), form.advance);
  }
  std::string& hhea = tables["hhea"];
  if (hhea.size() < 36) throw RenderError("字体缺少 hhea 表：" + req.font.string());
  const int asc = int(std::lround(req.ascender_em * upem));
  put16(hhea, 4, asc);
  put16(hhea, 6, asc - upem);
  put16(hhea, 8, 0);
  if (!copies.empty()) add_narrow_copies(tables, num_glyphs, copies);
  tables["cmap"] = cmap_table(gids);
  tables["name"] = name_table(req.postscript_name);
  if (req.post_padding > 0) {
    Blob post(hb_face_reference_table(sub.get(), HB_TAG('p', 'o', 's', 't')));
    tables["post"] = bytes(post.get()) + std::string(std::size_t(req.post_padding), '\0');
  }

  Face builder(hb_face_builder_create());
  unsigned count = 64;
  hb_tag_t tags[64];
  hb_face_get_table_tags(sub.get(), 0, &count, tags);
  for (unsigned i = 0; i < count; ++i) {
    char tag[5] = {};
    hb_tag_to_string(tags[i], tag);
    if (tables.count(tag)) continue;
    Blob b(hb_face_reference_table(sub.get(), tags[i]));
    hb_face_builder_add_table(builder.get(), tags[i], b.get());
  }
  for (const auto& [tag, data] : tables)
    if (!data.empty()) hb_face_builder_add_table(builder.get(), hb_tag_from_string(tag.c_str(), 4), make_blob(data).get());
  Blob out(hb_face_reference_blob(builder.get()));
  return bytes(out.get());
}

}  // namespace tws::render::pdf

// The libharu backend: frames → PDF operators. Glyph runs are drawn in segments that
// share a font and an inter-glyph spacing (Tc, HPDF_Page_SetCharSpace; libharu's word
// spacing does not work for CID fonts), each placed absolutely with TextOut, so every
// glyph lands where the frame puts it. libharu 2.3–2.4 facts this relies on (public
// API, measured on 2.3.0): TrueType fonts load only from a file (so subsets go through a
// memfd), text is UTF-8 through HPDF_UseUTFEncodings, every stream is deflated at the
// save (HPDF_COMP_ALL, zlib's default level), and no /ID is written unless encryption
// is on. So text codes in the content are Unicode code points (Identity-H, with a
// CIDToGIDMap built from the subset's format-4 cmap); a character outside the BMP,
// which libharu's UTF-8 reader turns into a space, is drawn with a Private Use Area
// code of its own (U+E000…) that its subset maps to its glyph. What libharu cannot
// write (ToUnicode CMaps, the Info strings beyond the BMP, /ID) is added afterwards by
// add_reader_update (update.h).
#include "render/pdf/pdf.h"

#include <cerrno>
#include <hpdf.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

#include "common/stage_timer.h"
#include "render/pdf/subset.h"
#include "render/pdf/update.h"

namespace tws::render::pdf {

namespace {

using typeset::FontSet;
using typeset::GlyphRun;
using typeset::Page;

struct ErrorState {
  HPDF_STATUS code = 0, detail = 0;
};

void on_error(HPDF_STATUS code, HPDF_STATUS detail, void* user) {
  auto* s = static_cast<ErrorState*>(user);
  if (!s->code) s->code = code, s->detail = detail;
}

class Doc {
 public:
  Doc() : pdf_(HPDF_New(on_error, &err_)) {
    if (!pdf_) throw RenderError("HPDF_New failed");
  }
  ~Doc() { HPDF_Free(pdf_); }
  Doc(const Doc&) = delete;
  Doc& operator=(const Doc&) = delete;
  HPDF_Doc get() const { return pdf_; }
  HPDF_STATUS code() const { return err_.code; }
  void check(const char* what) {
    if (!err_.code) return;
    char buf[128];
    std::snprintf(buf, sizeof buf, "libharu: %s failed (error 0x%04X, detail %u)", what,
                  unsigned(err_.code), unsigned(err_.detail));
    throw RenderError(buf);
  }

 private:
  ErrorState err_;
  HPDF_Doc pdf_;
};

// A font file libharu can open by path; it keeps its own descriptor open until
// HPDF_Free, so ours can be closed right after loading.
class TempFile {
 public:
  explicit TempFile(const std::string& data) {
    fd_ = memfd_create("tws-font", MFD_CLOEXEC);
    if (fd_ >= 0) {
      path_ = "/proc/self/fd/" + std::to_string(fd_);
    } else {
      char tmpl[] = "/tmp/tws-font-XXXXXX";
      fd_ = mkstemp(tmpl);
      if (fd_ < 0) throw RenderError(std::string("无法创建临时字体文件 /tmp/tws-font-*：") + io_cause(errno));
      path_ = tmpl;
      unlink_ = true;
    }
    for (std::size_t off = 0; off < data.size();) {
      ssize_t n = ::write(fd_, data.data() + off, data.size() - off);
      if (n <= 0) {
        const int err = n < 0 ? errno : ENOSPC;
        if (unlink_) ::unlink(path_.c_str());
        ::close(fd_);
        throw RenderError("无法写入临时字体文件 " + path_ + "：" + io_cause(err));
      }
      off += std::size_t(n);
    }
  }
  ~TempFile() {
    if (unlink_) ::unlink(path_.c_str());
    ::close(fd_);
  }
  const std::string& path() const { return path_; }

 private:
  int fd_ = -1;
  std::string path_;
  bool unlink_ = false;
};

std::string utf8(char32_t cp) {
  std::string s;
  if (cp < 0x80) s += char(cp);
  else if (cp < 0x800) s += char(0xC0 | (cp >> 6)), s += char(0x80 | (cp & 0x3F));
  else s += char(0xE0 | (cp >> 12)), s += char(0x80 | ((cp >> 6) & 0x3F)), s += char(0x80 | (cp & 0x3F));
  return s;
}

// The PostScript name of a face's subset: the face's own, made unique within the set.
std::string ps_name(const FontSet& fonts, int face) {
  std::string n;
  for (char c : fonts.face(face).postscript_name)
    if (c > 32 && c < 127 && c != '/' && c != '(' && c != ')' && c != '[' && c != ']') n += c;
  if (n.empty()) n = "Face";
  for (int other = 0; other < face; ++other)
    if (fonts.face(other).postscript_name == fonts.face(face).postscript_name)
      n += "-F" + std::to_string(face);
  return n;
}

// The characters one face draws at full width and narrow (compressed punctuation):
// what its subset embeds.
struct FaceUse {
  std::set<char32_t> full, narrow;
};
using GlyphUse = std::map<int, FaceUse>;

GlyphUse glyphs_used(const std::vector<Page>& pages) {
  GlyphUse used;
  for (const Page& p : pages)
    for (const auto& item : p.items)
      if (const auto* r = std::get_if<GlyphRun>(&item))
        for (const auto& g : r->glyphs) (g.narrow ? used[r->face].narrow : used[r->face].full).insert(g.cp);
  return used;
}

// The code each character is drawn with in one subset: kFirstCode, … for the full-width
// characters in code point order, then the narrow ones. The ToUnicode CMap maps each
// back to its character (outside the BMP included). Contiguous codes give the subset's
// cmap a single segment, which libharu scans for each of the 65,536 BMP codes when it
// loads a font.
FontCodes font_codes(const std::string& name, const FaceUse& use, SubsetRequest& req) {
  if (use.full.size() + use.narrow.size() > kLastCode - kFirstCode + 1)
    throw RenderError("一份文书中同一字体的不同字符过多（超过 55,000 个）");
  FontCodes fc{name, {}};
  char32_t next = kFirstCode;
  for (char32_t cp : use.full) fc.codes[uint16_t(next)] = cp, req.codes[cp] = next++;
  for (char32_t cp : use.narrow) fc.codes[uint16_t(next)] = cp, req.narrow[cp].code = next++;
  return fc;
}

// libharu 2.3.0 bug: HPDF_SaveToStream fails with HPDF_INVALID_OBJECT when an embedded
// font's data is an exact multiple of its memory stream's 4,096-byte buffers (its
// HPDF_MemStream_SeekFunc finds no buffer at the end position; about one 申报表 in
// 2,000). render() retries with a few bytes of padding after each subset's 'post'
// table, which changes the sizes and nothing else.
struct SaveSeekBug : RenderError {
  using RenderError::RenderError;
};

class Renderer {
 public:
  Renderer(const FontSet& fonts, Stats& stats, int post_padding = 0)
      : fonts_(fonts), stats_(stats), post_padding_(post_padding) {}

  // The PDF's bytes.
  std::string run(const std::vector<Page>& pages, const DocumentInfo& info) {
    HPDF_Doc pdf = doc_.get();
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCurrentEncoder(pdf, "UTF-8");
    doc_.check("setup");
    load_fonts(glyphs_used(pages));
    {
      StageTimer t("pdf.draw");
      for (const Page& page : pages) draw(page);
    }
    {
      StageTimer t("pdf.save");
      HPDF_SaveToStream(pdf);
    }
    if (doc_.code() == HPDF_INVALID_OBJECT) throw SaveSeekBug("libharu: HPDF_SaveToStream failed (font data size)");
    doc_.check("HPDF_SaveToStream");
    std::string out(HPDF_GetStreamSize(pdf), '\0');
    HPDF_UINT32 len = HPDF_UINT32(out.size());
    HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE*>(out.data()), &len);
    out.resize(len);
    doc_.check("HPDF_ReadFromStream");
    {
      StageTimer t("pdf.update");
      out = add_reader_update(std::move(out), codes_, info);
    }
    stats_.bytes = out.size();
    return out;
  }

 private:
  const FontSet& fonts_;
  Stats& stats_;
  int post_padding_ = 0;
  Doc doc_;
  std::map<int, HPDF_Font> loaded_;  // face → its subset
  // (face, narrow) → character → the code it is drawn with
  std::map<std::pair<int, bool>, std::map<char32_t, char32_t>> code_of_;
  std::vector<FontCodes> codes_;  // what each font's ToUnicode lists

  // One subset per used face, holding its narrow punctuation as copies of the glyphs
  // with narrower advances, loaded in face order so that libharu's subset tags
  // (HPDFAA+, HPDFAB+, …) are stable.
  void load_fonts(const GlyphUse& used) {
    for (const auto& [face, use] : used) {
      if (fonts_.synthetic(face)) throw RenderError("the fixed-width test face cannot be rendered");
      SubsetRequest req;
      req.font = fonts_.face(face).path;
      req.face = fonts_.hb_face(face);
      req.code_points = use.full;
      req.code_points.insert(use.narrow.begin(), use.narrow.end());
      req.postscript_name = ps_name(fonts_, face);
      req.ascender_em = fonts_.face(face).ascender_em;
      req.post_padding = post_padding_;
      codes_.push_back(font_codes(req.postscript_name, use, req));
      const int upem = fonts_.face(face).units_per_em;
      for (auto& [cp, form] : req.narrow) form.advance = int(std::lround(fonts_.narrow_advance_em(face, cp) * upem));
      code_of_[{face, false}] = req.codes;
      for (const auto& [cp, form] : req.narrow) code_of_[{face, true}][cp] = form.code;
      std::string bytes;
      {
        StageTimer t("pdf.subset");
        bytes = subset_font(req);
      }
      StageTimer t("pdf.load");
      stats_.font_bytes += bytes.size();
      ++stats_.embedded_fonts;
      TempFile tmp(bytes);
      const char* name = HPDF_LoadTTFontFromFile(doc_.get(), tmp.path().c_str(), HPDF_TRUE);
      doc_.check("HPDF_LoadTTFontFromFile");
      loaded_[face] = HPDF_GetFont(doc_.get(), name, "UTF-8");
      doc_.check("HPDF_GetFont");
    }
  }

  double pdf_width(const GlyphRun& r, const typeset::PlacedGlyph& g) const {
    double em = g.narrow ? fonts_.narrow_advance_em(r.face, g.cp) : fonts_.advance_em(r.face, g.cp);
    // libharu writes widths rounded to 1/1000 em (the /W array)
    const int upem = fonts_.face(r.face).units_per_em;
    return std::lround(std::lround(em * upem) * 1000.0 / upem) / 1000.0 * r.size;
  }

  void draw(const Page& page) {
    HPDF_Page p = HPDF_AddPage(doc_.get());
    HPDF_Page_SetWidth(p, HPDF_REAL(page.width));
    HPDF_Page_SetHeight(p, HPDF_REAL(page.height));
    st_ = State{};  // a new page starts with the default graphics state (butt caps)
    for (const auto& item : page.items) {
      if (const auto* r = std::get_if<GlyphRun>(&item)) draw_run(p, page.height, *r);
      else if (const auto* l = std::get_if<typeset::RuleItem>(&item)) draw_rule(p, page.height, *l);
      else if (const auto* b = std::get_if<typeset::BoxItem>(&item)) draw_box(p, page.height, *b);
    }
    doc_.check("drawing a page");
  }

  // Text and graphics state persist across BT/ET within a page (Tc, Tz, font, colours):
  // tracked here so each operator is written only when its value changes.
  struct State {
    HPDF_Font font = nullptr;
    double size = 0, tc = 0, tz = 100, line_width = -1;
    std::optional<typeset::Rgb> fill, stroke;
  } st_;

  void fill(HPDF_Page p, const typeset::Rgb& c) {
    if (st_.fill && *st_.fill == c) return;
    HPDF_Page_SetRGBFill(p, HPDF_REAL(c.r), HPDF_REAL(c.g), HPDF_REAL(c.b));
    st_.fill = c;
  }
  void stroke(HPDF_Page p, const typeset::Rgb& c, double width) {
    if (!st_.stroke || !(*st_.stroke == c)) {
      HPDF_Page_SetRGBStroke(p, HPDF_REAL(c.r), HPDF_REAL(c.g), HPDF_REAL(c.b));
      st_.stroke = c;
    }
    if (std::abs(st_.line_width - width) > 1e-6) {
      HPDF_Page_SetLineWidth(p, HPDF_REAL(width));
      st_.line_width = width;
    }
  }

  void draw_run(HPDF_Page p, double H, const GlyphRun& r) {
    if (r.glyphs.empty()) return;
    const auto& gs = r.glyphs;
    const double th = r.hscale > 0 ? r.hscale : 1;
    HPDF_Page_BeginText(p);
    fill(p, r.color);
    if (std::abs(st_.tz - th * 100) > 1e-6) {
      HPDF_Page_SetHorizontalScalling(p, HPDF_REAL(th * 100));
      st_.tz = th * 100;
    }
    HPDF_Font font = loaded_.at(r.face);
    // Tc that carries glyph k to glyph k+1: (w·size + Tc)·Th = Δx.
    auto tc = [&](std::size_t k) { return (gs[k + 1].x - gs[k].x) / th - pdf_width(r, gs[k]); };
    for (std::size_t i = 0; i < gs.size();) {
      // Glyphs i..j−1 share the spacing c between neighbours.
      double c = i + 1 < gs.size() ? tc(i) : st_.tc;
      std::size_t j = i + 1;
      while (j < gs.size() && std::abs(tc(j - 1) - c) < 5e-4) ++j;
      if (font != st_.font || std::abs(st_.size - r.size) > 1e-6) {
        HPDF_Page_SetFontAndSize(p, font, HPDF_REAL(r.size));
        st_.font = font;
        st_.size = r.size;
      }
      if (std::abs(c - st_.tc) > 1e-5) {
        HPDF_Page_SetCharSpace(p, HPDF_REAL(c));
        st_.tc = c;
      }
      std::string text;
      for (std::size_t k = i; k < j; ++k) text += utf8(code_of_.at({r.face, gs[k].narrow}).at(gs[k].cp));
      HPDF_Page_TextOut(p, HPDF_REAL(gs[i].x), HPDF_REAL(H - r.baseline), text.c_str());
      i = j;
    }
    HPDF_Page_EndText(p);
  }

  void draw_rule(HPDF_Page p, double H, const typeset::RuleItem& l) {
    stroke(p, l.color, l.width);
    HPDF_Page_MoveTo(p, HPDF_REAL(l.x1), HPDF_REAL(H - l.y1));
    HPDF_Page_LineTo(p, HPDF_REAL(l.x2), HPDF_REAL(H - l.y2));
    HPDF_Page_Stroke(p);
  }

  void draw_box(HPDF_Page p, double H, const typeset::BoxItem& b) {
    if (b.fill) fill(p, *b.fill);
    if (b.stroke) stroke(p, *b.stroke, b.line_width);
    HPDF_Page_Rectangle(p, HPDF_REAL(b.x), HPDF_REAL(H - b.y - b.h), HPDF_REAL(b.w), HPDF_REAL(b.h));
    if (b.fill && b.stroke) HPDF_Page_FillStroke(p);
    else if (b.fill) HPDF_Page_Fill(p);
    else if (b.stroke) HPDF_Page_Stroke(p);
    else HPDF_Page_EndPath(p);
  }
};

}  // namespace

std::string render(const std::vector<Page>& pages, const FontSet& fonts, const DocumentInfo& info, Stats* stats) {
  StageTimer timer("pdf");
  for (int attempt = 0;; ++attempt) {
    Stats local;
    Renderer r(fonts, local, 4 * attempt);
    try {
      std::string out = r.run(pages, info);
      if (stats) *stats = local;
      return out;
    } catch (const SaveSeekBug& e) {
      if (attempt == 3) throw RenderError(e.what());
    }
  }
}

}  // namespace tws::render::pdf

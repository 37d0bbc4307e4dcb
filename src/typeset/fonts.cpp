// Stage 0 — fonts: fonts.ini → faces with their role chains. Consumes the TrueType
// files, produces cmap lookups, advances and ink extents through HarfBuzz (hb_face /
// hb_font at scale = units per em, so every metric is in font units).
#include <hb-ot.h>
#include <hb.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <fstream>
#include <map>

#include "common/strings.h"
#include "typeset/stages.h"

namespace tws::typeset {

namespace {

std::string trim(std::string s) {
  const char* ws = " \t\r\n";
  s.erase(0, s.find_first_not_of(ws));
  s.erase(s.find_last_not_of(ws) + 1);
  return s;
}

}  // namespace

struct FontSet::Impl {
  struct Face {
    FaceInfo info;
    hb_blob_t* blob = nullptr;
    hb_face_t* face = nullptr;
    hb_font_t* font = nullptr;  // scale = upem
    bool synthetic = false;
    ~Face() {
      if (font) hb_font_destroy(font);
      if (face) hb_face_destroy(face);
      if (blob) hb_blob_destroy(blob);
    }
  };
  std::vector<std::unique_ptr<Face>> faces;
  std::map<std::string, std::vector<int>, std::less<>> chains;
  std::vector<std::string> missing;

  int open(const std::filesystem::path& path);
  bool has(int id, char32_t cp) const;
  unsigned gid(int id, char32_t cp) const;
  // Ink extents of the glyph in em: left edge, right edge.
  std::pair<double, double> ink(int id, char32_t cp) const;
};

namespace {

int16_t be16(const char* p) { return int16_t((uint8_t(p[0]) << 8) | uint8_t(p[1])); }

std::string postscript_name(hb_face_t* face) {
  char buf[128];
  unsigned len = sizeof buf;
  hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len, buf);
  return std::string(buf, std::min<size_t>(len, sizeof buf - 1));
}

// Top of the ideographic em box above the baseline, in em. CJK faces put their em box
// in OS/2 sTypoAscender/Descender (880/−120 in Noto CJK, Fandol and LXGW WenKai).
double em_box_ascender(hb_face_t* face) {
  hb_blob_t* os2 = hb_face_reference_table(face, HB_TAG('O', 'S', '/', '2'));
  unsigned len = 0;
  const char* d = hb_blob_get_data(os2, &len);
  double asc = 0.88;
  if (len >= 72) {
    int a = be16(d + 68), b = be16(d + 70);
    if (a > 0 && b <= 0 && a - b > 0) asc = double(a) / (a - b);
  }
  hb_blob_destroy(os2);
  return asc;
}

// Synthetic face for tests (FontSet::fixed_width).
bool wide(char32_t cp) {
  int eaw = u_getIntPropertyValue(UChar32(cp), UCHAR_EAST_ASIAN_WIDTH);
  return eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH || eaw == U_EA_AMBIGUOUS;
}

}  // namespace

int FontSet::Impl::open(const std::filesystem::path& path) {
  for (size_t i = 0; i < faces.size(); ++i)
    if (faces[i]->info.path == path) return int(i);
  auto f = std::make_unique<Face>();
  f->blob = hb_blob_create_from_file_or_fail(path.c_str());
  if (!f->blob) throw TypesetError({"无法读取字体文件 " + path.string()});
  f->face = hb_face_create(f->blob, 0);
  if (hb_face_get_glyph_count(f->face) == 0)
    throw TypesetError({"字体文件 " + path.string() + " 不是可用的 TrueType 字体"});
  f->font = hb_font_create(f->face);
  f->info.path = path;
  f->info.units_per_em = int(hb_face_get_upem(f->face));
  f->info.postscript_name = postscript_name(f->face);
  f->info.ascender_em = em_box_ascender(f->face);
  faces.push_back(std::move(f));
  return int(faces.size() - 1);
}

// Mappings known to draw the wrong character; the character is taken from the next face
// of the chain instead. FandolFang maps U+FFE5 ￥ to its full-width dollar glyph (the
// same outline as U+FF04 ＄; checked in FandolFang-Regular.otf of texlive-lang-chinese).
bool known_wrong(const std::string& postscript_name, char32_t cp) {
  static const std::pair<std::string_view, char32_t> wrong[] = {{"FandolFang-Regular", U'￥'}};
  for (auto [name, c] : wrong)
    if (c == cp && postscript_name == name) return true;
  return false;
}

bool FontSet::Impl::has(int id, char32_t cp) const {
  const Face& f = *faces.at(id);
  if (f.synthetic) return cp <= 0xFFFF && cp >= 0x20 && !(cp >= 0xD800 && cp < 0xE000);
  if (known_wrong(f.info.postscript_name, cp)) return false;
  hb_codepoint_t g = 0;
  return hb_font_get_nominal_glyph(f.font, cp, &g) && g != 0;
}

unsigned FontSet::Impl::gid(int id, char32_t cp) const {
  const Face& f = *faces.at(id);
  if (f.synthetic) return unsigned(cp);
  hb_codepoint_t g = 0;
  hb_font_get_nominal_glyph(f.font, cp, &g);
  return g;
}

std::pair<double, double> FontSet::Impl::ink(int id, char32_t cp) const {
  const Face& f = *faces.at(id);
  if (f.synthetic) {
    // GB convention: marks sit in the left half, opening marks in the right half.
    switch (detail::classify(cp)) {
      case detail::Cls::Comma:
      case detail::Cls::Stop:
      case detail::Cls::Close: return {0.1, 0.4};
      case detail::Cls::Open: return {0.6, 0.9};
      case detail::Cls::Middle: return {0.4, 0.6};
      default: return wide(cp) ? std::pair{0.05, 0.95} : std::pair{0.05, 0.45};
    }
  }
  hb_glyph_extents_t e{};
  hb_font_get_glyph_extents(f.font, gid(id, cp), &e);
  double upem = f.info.units_per_em;
  return {e.x_bearing / upem, (e.x_bearing + e.width) / upem};
}

FontSet FontSet::load(const std::filesystem::path& ini) {
  std::ifstream in(ini);
  if (!in) throw TypesetError({"无法读取字体配置 " + ini.string()});
  std::vector<std::pair<std::string, std::vector<std::filesystem::path>>> chains;
  std::vector<std::string> missing, problems;
  std::string line;
  for (int no = 1; std::getline(in, line); ++no) {
    if (auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    line = trim(line);
    if (line.empty()) continue;
    auto eq = line.find('=');
    if (eq == std::string::npos) {
      problems.push_back(ini.string() + ":" + std::to_string(no) + ": 应为“角色 = 字体文件, …”");
      continue;
    }
    std::string role = trim(line.substr(0, eq));
    std::vector<std::filesystem::path> files;
    std::string rest = line.substr(eq + 1);
    for (size_t pos = 0; pos <= rest.size();) {
      size_t comma = rest.find(',', pos);
      if (comma == std::string::npos) comma = rest.size();
      std::string file = trim(rest.substr(pos, comma - pos));
      pos = comma + 1;
      if (file.empty()) continue;
      auto path = ini.parent_path() / file;
      if (std::filesystem::exists(path)) files.push_back(path);
      else missing.push_back(role + ": " + file);
    }
    if (files.empty())
      problems.push_back(ini.string() + ":" + std::to_string(no) + ": 字体角色 " + role +
                         " 没有可用的字体文件");
    chains.emplace_back(role, std::move(files));
  }
  if (!problems.empty()) throw TypesetError(problems);
  FontSet set = from_chains(chains);
  const_cast<Impl&>(*set.impl_).missing = std::move(missing);
  return set;
}

FontSet FontSet::from_chains(
    const std::vector<std::pair<std::string, std::vector<std::filesystem::path>>>& chains) {
  auto impl = std::make_shared<Impl>();
  for (const auto& [role, files] : chains) {
    std::vector<int> ids;
    for (const auto& f : files) ids.push_back(impl->open(f));
    impl->chains[role] = std::move(ids);
  }
  FontSet set;
  set.impl_ = std::move(impl);
  return set;
}

FontSet FontSet::fixed_width() {
  auto impl = std::make_shared<Impl>();
  auto f = std::make_unique<Impl::Face>();
  f->synthetic = true;
  f->info.postscript_name = "FixedWidth";
  impl->faces.push_back(std::move(f));
  for (auto role : {kTitle, kBody, kHeading1, kHeading2, kNumber}) impl->chains[std::string(role)] = {0};
  FontSet set;
  set.impl_ = std::move(impl);
  return set;
}

int FontSet::face_count() const { return int(impl_->faces.size()); }
const FaceInfo& FontSet::face(int id) const { return impl_->faces.at(id)->info; }
hb_face_t* FontSet::hb_face(int id) const { return impl_->faces.at(id)->face; }
bool FontSet::synthetic(int id) const { return impl_->faces.at(id)->synthetic; }
const std::vector<std::string>& FontSet::missing_files() const { return impl_->missing; }

const std::vector<int>& FontSet::chain(std::string_view role) const {
  auto it = impl_->chains.find(role);
  if (it == impl_->chains.end())
    throw TypesetError({"字体配置中没有角色 " + std::string(role)});
  return it->second;
}

std::vector<std::string> FontSet::roles() const {
  std::vector<std::string> r;
  for (const auto& [k, v] : impl_->chains) r.push_back(k);
  return r;
}

namespace {
// CJK quotes and punctuation that sit on the character grid (GB/T 15834): one em wide.
bool grid_mark(char32_t cp) {
  using detail::Cls;
  switch (detail::classify(cp)) {
    case Cls::Open: case Cls::Close: case Cls::Comma: case Cls::Stop: return true;
    default: return false;
  }
}
}  // namespace

// A CJK mark whose glyph is proportional (LXGW WenKai's “ ” are 0.35 em) is taken from
// the next face of the chain that draws it full-width, else from the body role's chain;
// the first face that has it only when no face draws it full-width.
int FontSet::face_for(std::string_view role, char32_t cp) const {
  int first = -1;
  for (int id : chain(role)) {
    if (!impl_->has(id, cp)) continue;
    if (!grid_mark(cp) || advance_em(id, cp) >= 0.95) return id;
    if (first < 0) first = id;
  }
  auto body = impl_->chains.find(kBody);
  if (first >= 0 && role != kBody && body != impl_->chains.end())
    for (int id : body->second)
      if (impl_->has(id, cp) && advance_em(id, cp) >= 0.95) return id;
  return first;
}

std::vector<std::string> FontSet::check(std::string_view role, std::string_view text) const {
  return detail::check_text(text, role, *this);
}

uint32_t FontSet::glyph(int face, char32_t cp) const { return impl_->gid(face, cp); }

double FontSet::advance_em(int face, char32_t cp) const {
  const auto& f = *impl_->faces.at(face);
  if (f.synthetic) return wide(cp) ? 1.0 : 0.5;
  return double(hb_font_get_glyph_h_advance(f.font, impl_->gid(face, cp))) / f.info.units_per_em;
}

namespace {
bool compressible(char32_t cp) {
  using detail::Cls;
  switch (detail::classify(cp)) {
    case Cls::Open: case Cls::Close: case Cls::Comma: case Cls::Stop: return true;
    default: return false;
  }
}
// GB/T 15834 §5.1.10: a full-width mark may lose half its width. The blank measured
// from the ink decides how much: ½ em when the ink fits one half, ¼ em when it is
// centred (FandolFang's ？), nothing for proportional glyphs (LXGW's “ ”).
double blank_to_squeeze(double advance, double blank) {
  if (advance < 0.9) return 0;
  if (blank >= 0.45) return 0.5;
  if (blank >= 0.22) return 0.25;
  return 0;
}
}  // namespace

double FontSet::squeeze_left_em(int face, char32_t cp) const {
  if (!compressible(cp)) return 0;
  return blank_to_squeeze(advance_em(face, cp), impl_->ink(face, cp).first);
}

double FontSet::squeeze_right_em(int face, char32_t cp) const {
  if (!compressible(cp)) return 0;
  double adv = advance_em(face, cp);
  return blank_to_squeeze(adv, adv - impl_->ink(face, cp).second);
}

}  // namespace tws::typeset

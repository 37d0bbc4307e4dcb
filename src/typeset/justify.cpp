// Stage 3 — justify: one broken line → pen positions. Two-sided alignment spreads the
// remaining space equally over the gaps where clreq allows it (TYPESETTING.md §5): not
// after an opening bracket, not before a closing one, not around ，。？！ and ·, not
// inside —— or ……, not inside a Latin word. The last line of a paragraph is not spread.
#include "typeset/stages.h"

namespace tws::typeset::detail {

namespace {

bool word_part(Cls k) { return k == Cls::Alnum || k == Cls::Other; }

}  // namespace

bool never_spread(const Char& a, const Char& b) {
  if (a.cls == b.cls && (a.cls == Cls::Dash || a.cls == Cls::Ellipsis)) return true;  // —— ……
  return word_part(a.cls) && word_part(b.cls);                                        // Latin word
}

bool spreadable(const Char& a, const Char& b) {
  if (never_spread(a, b)) return false;
  if (a.cls == Cls::Open) return false;
  if (b.cls == Cls::Close || b.cls == Cls::Comma || b.cls == Cls::Stop || b.cls == Cls::Middle)
    return false;
  return !(a.cls == Cls::Comma || a.cls == Cls::Stop || a.cls == Cls::Middle);
}

Placed justify(const std::vector<Char>& c, const Line& line, double width, Align align) {
  const std::size_t s = line.begin, v = line.vis_end;
  Placed out;
  if (v <= s) return out;
  double slack = width - line.width;

  std::vector<double> gap(v - s, 0);
  double offset = 0;
  if (align == Align::Justify && !line.last && slack > 1e-6) {
    std::size_t count = 0;
    for (int pass = 0; pass < 2 && count == 0; ++pass)
      for (std::size_t i = s; i + 1 < v; ++i)
        if (pass == 0 ? spreadable(c[i], c[i + 1]) : !never_spread(c[i], c[i + 1])) {
          gap[i - s] = 1;
          ++count;
        }
    for (double& g : gap) g = count ? g * slack / double(count) : 0;
  } else if (align == Align::Centre) {
    offset = slack / 2;
  } else if (align == Align::Right) {
    offset = slack;
  }

  double pen = offset;
  for (std::size_t i = s; i < v; ++i) {
    double cut_l = line.cut_left[i - s], cut_r = line.cut_right[i - s];
    double adv = c[i].advance - cut_l - cut_r;
    out.x.push_back(pen - cut_l);
    out.advance.push_back(adv);
    pen += adv + gap[i - s];
  }
  return out;
}

}  // namespace tws::typeset::detail

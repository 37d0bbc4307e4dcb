// Stage 2 — line breaking: measured characters → lines. Break opportunities come from
// ICU's line BreakIterator (locale zh, CSS-strict rules), then the 禁则 and no-break
// spans ICU leaves to the engine (TYPESETTING.md §2). Lines are filled greedily; a line
// that would end before a mark that may not start a line is first squeezed (先挤进:
// compress punctuation), else the previous character is pushed down (后推出), §5.
#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include "typeset/stages.h"

namespace tws::typeset::detail {

namespace {

constexpr double kEps = 1e-6;

bool is_digit(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９'); }

// clreq basic level + GB/T 15834 §5.1 (TYPESETTING.md §1): never at line start —
// 、，。：；！？ closing brackets and quotes, · ／ ～ –, and (clreq strict) —— and …….
bool no_start(const Char& c) {
  switch (c.cls) {
    case Cls::Close: case Cls::Comma: case Cls::Stop: case Cls::Middle:
    case Cls::Dash: case Cls::Ellipsis: return true;
    default: return c.cp == U'%' || c.cp == U'％' || c.cp == U'‰' || c.cp == U'℃';
  }
}
// Never at line end: opening brackets and quotes; ／ (GB/T 15834 §5.1).
bool no_end(const Char& c) {
  return c.cls == Cls::Open || c.cp == U'／' || c.cp == U'￥' || c.cp == U'¥' ||
         c.cp == U'$';
}

bool latin(const Char& c) { return c.cls == Cls::Alnum; }
bool word_joiner(char32_t c) {
  return c == U'.' || c == U',' || c == U'-' || c == U'_' || c == U'/' || c == U'@' ||
         c == U':' || c == U'\'' || c == U'+' || c == U'&';
}

icu::BreakIterator& zh_iterator(bool words) {
  auto make = [](bool w) {
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> b(
        w ? icu::BreakIterator::createWordInstance(icu::Locale("zh"), err)
          : icu::BreakIterator::createLineInstance(icu::Locale("zh"), err));
    if (U_FAILURE(err) || !b) throw std::runtime_error("ICU BreakIterator (zh) unavailable");
    return b;
  };
  thread_local std::unique_ptr<icu::BreakIterator> line = make(false), word = make(true);
  return words ? *word : *line;
}

// The boundaries an ICU iterator finds in `c`, as a flag before each character index
// (size n+1). ICU counts UTF-16 units; a character outside the BMP takes two.
std::vector<bool> icu_boundaries(const std::vector<Char>& c, bool words) {
  const std::size_t n = c.size();
  std::vector<bool> at(n + 1, false);
  icu::UnicodeString us;
  std::vector<std::size_t> index;  // UTF-16 offset → character index
  for (std::size_t i = 0; i < n; ++i) {
    index.push_back(i);
    if (c[i].cp > 0xFFFF) index.push_back(i);
    us.append(UChar32(c[i].cp));
  }
  index.push_back(n);
  icu::BreakIterator& bi = zh_iterator(words);
  bi.setText(us);
  for (int32_t p = bi.first(); p != icu::BreakIterator::DONE; p = bi.next())
    at[index[std::size_t(p)]] = true;
  return at;
}

// 发文字号 (GB/T 9704 §7.2.4): agency code + 〔YYYY〕 + serial + 号, e.g. 德职院政发〔2026〕12号.
// The agency code is taken as the Han characters just before 〔: at most 6 (国办发 3,
// 德职院政发 5, 鲁政办发 4), stopping at the words that usually introduce a number
// (按照, 根据, 依据, 见, 的, 和, 与, 及); an exact number can be passed as keep_whole.
bool introduces_number(char32_t c) {
  static constexpr std::u32string_view words = U"照据按依见的和与及将对于在为即";
  return words.find(c) != words.npos;
}

void mark_document_numbers(const std::vector<Char>& c, std::vector<bool>& allowed) {
  const std::size_t n = c.size();
  for (std::size_t i = 0; i + 5 < n; ++i) {
    if (c[i].cp != U'〔') continue;
    std::size_t j = i + 1;
    while (j < n && is_digit(c[j].cp)) ++j;
    if (j - i - 1 != 4 || j >= n || c[j].cp != U'〕') continue;
    std::size_t from = i;
    for (int k = 0; k < 6 && from > 0 && c[from - 1].cls == Cls::Han &&
                    !introduces_number(c[from - 1].cp);
         ++k)
      --from;
    std::size_t to = j + 1;
    while (to < n && is_digit(c[to].cp)) ++to;
    if (to < n && c[to].cp == U'号') ++to;
    for (std::size_t k = from + 1; k < to; ++k) allowed[k] = false;
  }
}

}  // namespace

std::vector<bool> break_opportunities(const std::vector<Char>& c,
                                      const std::vector<std::pair<std::size_t, std::size_t>>& keep) {
  const std::size_t n = c.size();
  std::vector<bool> allowed(n + 1, false);
  allowed[n] = true;
  if (n == 0) return allowed;

  const std::vector<bool> icu = icu_boundaries(c, false);
  for (std::size_t k = 1; k < n; ++k) allowed[k] = icu[k];

  for (std::size_t k = 1; k < n; ++k) {
    const Char& a = c[k - 1];
    const Char& b = c[k];
    if (no_start(b) || no_end(a)) allowed[k] = false;
    // Latin words and digit groups never split (§3); ICU already keeps most whole.
    if (latin(a) && latin(b)) allowed[k] = false;
    if (word_joiner(b.cp) && latin(a) && k + 1 < n && latin(c[k + 1])) allowed[k] = false;
    if (word_joiner(a.cp) && latin(b) && k >= 2 && latin(c[k - 2])) allowed[k] = false;
    // A number stays with the characters around it: 2026年3月1日, 12号, 第1章, 3个工作日
    // (ICU breaks 2024|年 and 第|1|章, §2).
    if ((is_digit(a.cp) && b.cls == Cls::Han) || (a.cls == Cls::Han && is_digit(b.cp)))
      allowed[k] = false;
    if (a.cls == Cls::Newline) allowed[k] = true;
  }
  mark_document_numbers(c, allowed);
  for (auto [from, to] : keep)
    for (std::size_t k = from + 1; k < to && k < n; ++k) allowed[k] = false;
  for (std::size_t k = 1; k < n; ++k)
    if (c[k - 1].cls == Cls::Newline) allowed[k] = true;
  return allowed;
}

std::vector<bool> word_boundaries(const std::vector<Char>& c) {
  std::vector<bool> at = icu_boundaries(c, true);
  at[0] = true;
  at[c.size()] = true;
  return at;
}

namespace {

bool mark(Cls k) { return k == Cls::Open || k == Cls::Close || k == Cls::Comma || k == Cls::Stop; }
bool end_squeezable(Cls k) { return k == Cls::Close || k == Cls::Comma || k == Cls::Stop; }

class Breaker {
 public:
  Breaker(const std::vector<Char>& c) : c_(c), n_(c.size()), cl_(n_, 0), cr_(n_, 0) {
    // Adjacent marks take 1.5 em together (。” ）。 ，“): the first loses its right blank,
    // or, if it has none, the second its left blank (TYPESETTING.md §4).
    for (std::size_t i = 0; i + 1 < n_; ++i) {
      if (!mark(c[i].cls) || !mark(c[i + 1].cls)) continue;
      if (c[i].sq_right > 0) cr_[i] = c[i].sq_right;
      else if (c[i + 1].sq_left > 0 && cl_[i + 1] == 0) cl_[i + 1] = c[i + 1].sq_left;
    }
  }

  std::size_t size() const { return n_; }
  // End of the segment starting at s (the next "\n" or the end).
  std::size_t segment_end(std::size_t s) const {
    while (s < n_ && c_[s].cls != Cls::Newline) ++s;
    return s;
  }
  std::size_t visible_end(std::size_t s, std::size_t e) const {
    while (e > s && c_[e - 1].cls == Cls::Space) --e;
    return e;
  }
  double w(std::size_t i) const {
    return c_[i].cls == Cls::Newline ? 0 : c_[i].advance - cl_[i] - cr_[i];
  }
  // Width of chars [s, e) as a line: trailing spaces dropped, a final mark set in ½ em
  // (GB/T 15834 §5.1.10).
  double width(std::size_t s, std::size_t e) const {
    std::size_t v = visible_end(s, e);
    double sum = 0;
    for (std::size_t i = s; i < v; ++i) sum += w(i);
    if (v > s && end_squeezable(c_[v - 1].cls)) sum -= c_[v - 1].sq_right - cr_[v - 1];
    return sum;
  }
  // Compression still available inside [s, v−1) for class k (the line's last mark is
  // already squeezed).
  double capacity(std::size_t s, std::size_t v, Cls k) const {
    double cap = 0;
    for (std::size_t i = s; i + 1 < v; ++i)
      if (c_[i].cls == k) cap += c_[i].sq_right - cr_[i];
    return cap;
  }
  double capacity(std::size_t s, std::size_t v) const {
    return capacity(s, v, Cls::Comma) + capacity(s, v, Cls::Stop);
  }

  // Builds the line [s, e), squeezing `need` pt out of its punctuation: first ，、；：
  // then 。？！, marks of one kind compressed equally (clreq line adjustment).
  Line make(std::size_t s, std::size_t e, std::size_t end, bool last, double need) const {
    Line line;
    line.begin = s;
    line.end = end;
    line.vis_end = visible_end(s, e);
    line.last = last;
    std::size_t v = line.vis_end;
    line.cut_left.assign(cl_.begin() + long(s), cl_.begin() + long(v));
    line.cut_right.assign(cr_.begin() + long(s), cr_.begin() + long(v));
    if (v > s && end_squeezable(c_[v - 1].cls)) line.cut_right[v - 1 - s] = c_[v - 1].sq_right;
    for (Cls k : {Cls::Comma, Cls::Stop}) {
      if (need <= kEps) break;
      double cap = capacity(s, v, k);
      if (cap <= kEps) continue;
      double t = std::min(1.0, need / cap);
      for (std::size_t i = s; i + 1 < v; ++i)
        if (c_[i].cls == k) line.cut_right[i - s] += t * (c_[i].sq_right - cr_[i]);
      need -= t * cap;
    }
    for (std::size_t i = s; i < v; ++i)
      line.width += c_[i].advance - line.cut_left[i - s] - line.cut_right[i - s];
    return line;
  }

 private:
  const std::vector<Char>& c_;
  std::size_t n_;
  std::vector<double> cl_, cr_;  // mandatory (adjacent-mark) compression
};

std::string excerpt(const std::vector<Char>& c, std::size_t s, std::size_t e) {
  std::string t;
  for (std::size_t i = s; i < e && i < c.size(); ++i) append_utf8(t, c[i].cp);
  return t;
}

// A paragraph should not end with a line holding one character (and its marks), e.g.
// "次。": the line before gives up its last character when it has a legal break there
// (Chinese book practice: 段末不留孤字). The donor line is then spread by one more em.
void avoid_lone_character(const Breaker& b, const std::vector<Char>& c,
                          const std::vector<bool>& allowed, std::vector<Line>& lines) {
  if (lines.size() < 2) return;
  Line& last = lines.back();
  Line& prev = lines[lines.size() - 2];
  if (prev.last || prev.end != last.begin) return;
  int content = 0;
  for (std::size_t i = last.begin; i < last.vis_end; ++i)
    if (c[i].cls == Cls::Han || c[i].cls == Cls::Alnum) ++content;
  if (content != 1 || last.vis_end - last.begin > 3) return;
  std::size_t e = prev.end - 1;
  while (e > prev.begin && !allowed[e]) --e;
  if (e <= prev.begin || prev.end - e > 2 || e - prev.begin < 8) return;
  std::size_t s = prev.begin, end = last.end;
  std::size_t vis = last.vis_end;
  prev = b.make(s, e, e, false, 0);
  lines.back() = b.make(e, vis, end, true, 0);
}

}  // namespace

BreakResult break_lines(const std::vector<Char>& c, const std::vector<bool>& allowed,
                        double first_width, double width) {
  Breaker b(c);
  BreakResult out;
  const std::size_t n = b.size();
  std::size_t s = 0;
  if (n == 0) out.lines.push_back(b.make(0, 0, 0, true, 0));
  while (s < n) {
    const double W = (out.lines.empty() ? first_width : width) + kEps;
    const std::size_t L = b.segment_end(s);
    const std::size_t after_segment = L < n ? L + 1 : L;
    // Longest prefix that fits (widths only grow with e, see Breaker::width).
    std::size_t fit = s;
    for (std::size_t e = s + 1; e <= L; ++e) {
      if (b.width(s, e) > W) break;
      fit = e;
    }
    if (L == s) {  // empty segment: an empty line before "\n"
      out.lines.push_back(b.make(s, s, after_segment, true, 0));
      s = after_segment;
      continue;
    }
    if (fit == s) fit = s + 1;  // not even one character fits: overfull
    if (fit == L) {
      out.lines.push_back(b.make(s, L, after_segment, true, 0));
      avoid_lone_character(b, c, allowed, out.lines);
      s = after_segment;
      continue;
    }
    if (allowed[fit]) {
      out.lines.push_back(b.make(s, fit, fit, false, 0));
      s = fit;
      continue;
    }
    // The next character may not start a line. 先挤进: squeeze up to the next legal
    // break if it is at most two characters away and the punctuation can give the room.
    std::size_t e2 = fit + 1;
    while (e2 < L && !allowed[e2]) ++e2;
    if (e2 - fit <= 2) {
      double need = b.width(s, e2) - (W - kEps);
      if (need <= b.capacity(s, b.visible_end(s, e2)) + kEps) {
        bool last = e2 == L;
        out.lines.push_back(b.make(s, e2, last ? after_segment : e2, last, need));
        s = last ? after_segment : e2;
        continue;
      }
    }
    // 后推出: break at the last legal opportunity before, spreading the space.
    std::size_t e1 = fit - 1;
    while (e1 > s && !allowed[e1]) --e1;
    if (e1 > s) {
      out.lines.push_back(b.make(s, e1, e1, false, 0));
      s = e1;
      continue;
    }
    // No legal break inside the line: an unbreakable span longer than the line.
    out.warnings.push_back("无法按禁则断行，已强制断开：“" + excerpt(c, s, e2) + "”");
    out.lines.push_back(b.make(s, fit, fit, false, 0));
    s = fit;
  }
  return out;
}

BreakResult balance_lines(const std::vector<Char>& c, const std::vector<bool>& allowed,
                          const std::vector<std::size_t>& hints, double width) {
  Breaker b(c);
  const std::size_t n = b.size();
  const double W = width + kEps;
  // Balancing is for titles; a long text (the DP is cubic) or one with "\n" is filled.
  if (n == 0 || n > 160 || b.segment_end(0) != n || b.width(0, n) <= W)
    return break_lines(c, allowed, width, width);

  // Minimal Σ width² over k lines (even lengths), with a slight preference for longer
  // lines first (a trapezoid, GB/T 9704 §7.3.1 asks for 梯形或菱形).
  auto solve = [&](const std::vector<std::size_t>& cand) -> std::vector<std::size_t> {
    std::vector<std::size_t> pos{0};
    for (std::size_t p : cand)
      if (p > 0 && p < n) pos.push_back(p);
    pos.push_back(n);
    const std::size_t m = pos.size();
    const double inf = std::numeric_limits<double>::infinity();
    for (std::size_t k = 2; k <= std::min<std::size_t>(m - 1, 8); ++k) {
      std::vector<std::vector<double>> cost(k + 1, std::vector<double>(m, inf));
      std::vector<std::vector<std::size_t>> from(k + 1, std::vector<std::size_t>(m, 0));
      cost[0][0] = 0;
      for (std::size_t j = 1; j <= k; ++j)
        for (std::size_t q = 1; q < m; ++q)
          for (std::size_t p = 0; p < q; ++p) {
            if (cost[j - 1][p] == inf) continue;
            double wl = b.width(pos[p], pos[q]);
            if (wl > W) continue;
            double v = cost[j - 1][p] + wl * wl + 1e-3 * double(j) * wl;
            if (v < cost[j][q]) cost[j][q] = v, from[j][q] = p;
          }
      if (cost[k][m - 1] == inf) continue;
      std::vector<std::size_t> breaks;
      for (std::size_t j = k, q = m - 1; j > 0; q = from[j][q], --j) breaks.push_back(pos[q]);
      std::reverse(breaks.begin(), breaks.end());
      return breaks;  // line ends
    }
    return {};
  };

  std::vector<std::size_t> hinted;
  for (std::size_t h : hints)
    if (h > 0 && h < n && allowed[h]) hinted.push_back(h);
  std::sort(hinted.begin(), hinted.end());
  std::vector<std::size_t> ends = hinted.empty() ? std::vector<std::size_t>{} : solve(hinted);
  if (ends.empty()) {
    std::vector<std::size_t> all;
    for (std::size_t k = 1; k < n; ++k)
      if (allowed[k]) all.push_back(k);
    ends = solve(all);
  }
  if (ends.empty()) return break_lines(c, allowed, width, width);
  BreakResult out;
  std::size_t s = 0;
  for (std::size_t e : ends) {
    out.lines.push_back(b.make(s, e, e, e == n, 0));
    s = e;
  }
  return out;
}

}  // namespace tws::typeset::detail

// Stage 2 — line breaking: measured characters → lines. Break opportunities come from
// ICU's line BreakIterator (locale zh, CSS-strict rules), then the 禁则 and no-break
// spans ICU leaves to the engine (TYPESETTING.md §2). Among the legal breaks, those of
// a whole paragraph are chosen together (total fit, Knuth–Plass with CJK glue): the
// space justification adds between characters is the stretch, the blank of ，、；：。？！
// the shrink (标点挤压, §5); titles are balanced instead.
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

// Measure words and units of more than one character (most are one: 人 名 个 年 元 号).
constexpr std::u32string_view kUnits[] = {U"年度", U"个工作日", U"个月", U"万元", U"千元", U"亿元"};

// A number stays with its measure word or unit (12人, 4万元, 2026年度, 3个工作日) and
// with 第 before it (第2名), typed with spaces between them or not (issue 18 §2).
// Elsewhere a number may start a line, so a date in body text breaks before it or
// after 年 or 月 (自|2026年|12月|31日, §3).
void mark_numbers(const std::vector<Char>& c, std::vector<bool>& allowed) {
  const std::size_t n = c.size();
  auto at = [&](std::size_t j, std::u32string_view u) {
    for (std::size_t k = 0; k < u.size(); ++k)
      if (j + k >= n || c[j + k].cp != u[k]) return false;
    return true;
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (!is_digit(c[i].cp)) continue;
    if (i == 0 || !is_digit(c[i - 1].cp)) {
      std::size_t j = i;
      while (j > 0 && c[j - 1].cls == Cls::Space) --j;
      if (j > 0 && c[j - 1].cp == U'第')
        for (std::size_t k = j; k <= i; ++k) allowed[k] = false;
    }
    std::size_t j = i + 1;
    while (j < n && c[j].cls == Cls::Space) ++j;
    if (j >= n || c[j].cls != Cls::Han || is_digit(c[j].cp)) continue;
    std::size_t to = j + 1;
    for (std::u32string_view u : kUnits)
      if (at(j, u)) to = std::max(to, j + u.size());
    for (std::size_t k = i + 1; k < to; ++k) allowed[k] = false;
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
    if (a.cls == Cls::Newline) allowed[k] = true;
  }
  mark_numbers(c, allowed);
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
  explicit Breaker(const std::vector<Char>& c) : c_(c), n_(c.size()), cl_(n_, 0), cr_(n_, 0) {
    // Adjacent marks take 1.5 em together (。” ）。 ，“): the first loses its right blank,
    // or, if it has none, the second its left blank (TYPESETTING.md §4).
    for (std::size_t i = 0; i + 1 < n_; ++i) {
      if (!mark(c[i].cls) || !mark(c[i + 1].cls)) continue;
      if (c[i].sq_right > 0) cr_[i] = c[i].sq_right;
      else if (c[i + 1].sq_left > 0 && cl_[i + 1] == 0) cl_[i + 1] = c[i + 1].sq_left;
    }
    // Prefix sums, so that any line is measured in constant time.
    for (auto* v : {&sum_w_, &cap_comma_, &cap_stop_, &gaps_, &loose_, &content_}) v->assign(n_ + 1, 0);
    for (std::size_t i = 0; i < n_; ++i) {
      const double blank = c[i].sq_right - cr_[i];
      const bool next = i + 1 < n_;
      sum_w_[i + 1] = sum_w_[i] + w(i);
      cap_comma_[i + 1] = cap_comma_[i] + (c[i].cls == Cls::Comma ? blank : 0);
      cap_stop_[i + 1] = cap_stop_[i] + (c[i].cls == Cls::Stop ? blank : 0);
      gaps_[i + 1] = gaps_[i] + (next && spreadable(c[i], c[i + 1]));
      loose_[i + 1] = loose_[i] + (next && !never_spread(c[i], c[i + 1]));
      content_[i + 1] = content_[i] + (c[i].cls == Cls::Han || c[i].cls == Cls::Alnum);
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
    double sum = sum_w_[v] - sum_w_[s];
    if (v > s && end_squeezable(c_[v - 1].cls)) sum -= c_[v - 1].sq_right - cr_[v - 1];
    return sum;
  }
  // Compression still available inside [s, v−1) for ，、；： (Comma) or 。？！ (Stop);
  // the line's last mark is already squeezed.
  double capacity(std::size_t s, std::size_t v, Cls k) const {
    if (v <= s + 1) return 0;
    const auto& sum = k == Cls::Comma ? cap_comma_ : cap_stop_;
    return sum[v - 1] - sum[s];
  }
  double shrink(std::size_t s, std::size_t v) const {
    return capacity(s, v, Cls::Comma) + capacity(s, v, Cls::Stop);
  }
  // Gaps of [s, v) that justification spreads (justify.cpp).
  double gaps(std::size_t s, std::size_t v) const {
    if (v <= s + 1) return 0;
    double g = gaps_[v - 1] - gaps_[s];
    return g ? g : loose_[v - 1] - loose_[s];
  }

  // The cost of line [s, e) set in W pt (see break_lines): its distortion in em,
  // squared — the space added per gap when justified, the share of a half-em blank
  // squeezed from each mark when too long — a thousandfold over kMaxGap; a ragged line
  // its empty space; a short last line after a break a penalty.
  double cost(std::size_t s, std::size_t e, bool last, bool after_break, double W,
              const BreakStyle& st) const {
    const std::size_t v = visible_end(s, e);
    const double slack = W - width(s, e);
    double d = 0, c = 1;  // every line costs 1: no extra line without a reason
    if (slack < -kEps) {
      double first = capacity(s, v, Cls::Comma);
      if (first <= kEps) first = capacity(s, v, Cls::Stop);
      d = first > kEps ? 0.5 * std::min(1.0, -slack / first) : 0.5;
    } else if (!last && st.justify) {
      double g = gaps(s, v);
      d = (g > 0 ? slack / g : slack) / st.em;
    } else if (!last) {
      c += 0.01 * (slack / st.em) * (slack / st.em);
    }
    c += d * d * (d > kMaxGap + kEps ? 1000 : 1);
    // Short: one character, or two in lines of ten or more (not in a narrow cell).
    const double content = content_[v] - content_[s];
    if (last && after_break && content <= 1) c += 2;
    if (last && after_break && content == 2 && W >= 10 * st.em) c += 1;
    return c;
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
  // Prefix sums: widths, squeezable blank of ，、；： and of 。？！, spreadable gaps, gaps
  // outside ——/……/words, characters that count for a short last line (Han, Latin).
  std::vector<double> sum_w_, cap_comma_, cap_stop_, gaps_, loose_, content_;
};

std::string excerpt(const std::vector<Char>& c, std::size_t s, std::size_t e) {
  std::string t;
  for (std::size_t i = s; i < e && i < c.size(); ++i) append_utf8(t, c[i].cp);
  return t;
}

// The breaks of one segment [s0, L) with the least total cost (Knuth–Plass): cost[e] is
// the cheapest way to set [s0, e) as lines ending at legal breaks. From a start where
// no legal line fits (a no-break span longer than the line), the longest fitting
// prefix is forced (`forced`). Returns the line ends.
std::vector<std::size_t> best_breaks(const Breaker& b, const std::vector<bool>& allowed,
                                     std::size_t s0, std::size_t L, double first_width,
                                     double width, const BreakStyle& st) {
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> cost(L - s0 + 1, inf);
  std::vector<std::size_t> from(L - s0 + 1, s0);
  cost[0] = 0;
  for (std::size_t s = s0; s < L; ++s) {
    if (cost[s - s0] == inf) continue;
    const double W = (s == 0 ? first_width : width) + kEps;
    auto relax = [&](std::size_t e, double c) {
      if (cost[s - s0] + c < cost[e - s0]) cost[e - s0] = cost[s - s0] + c, from[e - s0] = s;
    };
    std::size_t fit = s, legal = 0;
    for (std::size_t e = s + 1; e <= L; ++e) {
      const double over = b.width(s, e) - W;  // > 0: too long unless squeezed
      if (over <= 0) fit = e;
      const double short_by = over > 0 && st.squeeze ? over - b.shrink(s, b.visible_end(s, e)) : over;
      if (short_by > 2 * st.em) break;  // grows with e, within an em
      if (short_by > 0 || (e < L && !allowed[e])) continue;
      ++legal;
      double c = b.cost(s, e, e == L, s > s0, W, st);
      if (e < L && !st.words.empty() && !st.words[e]) c += 2;
      relax(e, c);
    }
    if (legal == 0) relax(std::max(fit, s + 1), 1e9);
  }
  std::vector<std::size_t> ends;
  for (std::size_t e = L; e > s0; e = from[e - s0]) ends.push_back(e);
  std::reverse(ends.begin(), ends.end());
  return ends;
}

}  // namespace

BreakResult break_lines(const std::vector<Char>& c, const std::vector<bool>& allowed,
                        double first_width, double width, const BreakStyle& style) {
  Breaker b(c);
  BreakResult out;
  const std::size_t n = b.size();
  if (n == 0) out.lines.push_back(b.make(0, 0, 0, true, 0));
  for (std::size_t s0 = 0; s0 < n;) {
    const std::size_t L = b.segment_end(s0), after = L < n ? L + 1 : L;
    if (L == s0) {  // an empty line before "\n"
      out.lines.push_back(b.make(s0, s0, after, true, 0));
      s0 = after;
      continue;
    }
    std::size_t s = s0;
    for (std::size_t e : best_breaks(b, allowed, s0, L, first_width, width, style)) {
      const double W = s == 0 ? first_width : width;
      const double need = style.squeeze ? std::max(0.0, b.width(s, e) - W) : 0;
      if (e < L && !allowed[e]) {
        std::size_t next = e;
        while (next < L && !allowed[next]) ++next;
        out.warnings.push_back("无法按禁则断行，已强制断开：“" + excerpt(c, s, next) + "”");
      }
      out.lines.push_back(b.make(s, e, e == L ? after : e, e == L, need));
      s = e;
    }
    s0 = after;
  }
  return out;
}

namespace {

// Line ends for balanced lines breaking only at `cand`: the fewest lines that fit in W
// (at most 8), then the least Σ width² (even lengths), with a slight preference for
// longer lines first (a trapezoid, GB/T 9704 §7.3.1 asks for 梯形或菱形). Empty if none.
std::vector<std::size_t> balanced_ends(const Breaker& b, double W,
                                       const std::vector<std::size_t>& cand) {
  const std::size_t n = b.size();
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
    std::vector<std::size_t> ends;
    for (std::size_t j = k, q = m - 1; j > 0; q = from[j][q], --j) ends.push_back(pos[q]);
    std::reverse(ends.begin(), ends.end());
    return ends;
  }
  return {};
}

// A phrase boundary in a title: at a quote or bracket, between Han and a number or a
// Latin word, before 关于, after 的 (德州职业技术学院|关于认定|2026年度|“技师工作站”|的通知).
bool phrase_boundary(const std::vector<Char>& c, std::size_t k) {
  const Char &a = c[k - 1], &b = c[k];
  return a.cls == Cls::Open || a.cls == Cls::Close || b.cls == Cls::Open || b.cls == Cls::Close ||
         (a.cls == Cls::Han) != (b.cls == Cls::Han) || a.cp == U'的' ||
         (b.cp == U'关' && k + 1 < c.size() && c[k + 1].cp == U'于');
}

bool opens_phrase(char32_t c) { return c == U'“' || c == U'《' || c == U'（' || c == U'「'; }
bool closes_phrase(char32_t c) { return c == U'”' || c == U'》' || c == U'）' || c == U'」'; }

}  // namespace

BreakResult balance_lines(const std::vector<Char>& c, const std::vector<bool>& allowed,
                          const std::vector<std::size_t>& hints, double width,
                          const BreakStyle& style) {
  Breaker b(c);
  const std::size_t n = b.size();
  const double W = width + kEps;
  // Balancing is for titles; a long text (the DP is cubic) or one with "\n" is filled.
  if (n == 0 || n > 160 || b.segment_end(0) != n || b.width(0, n) <= W)
    return break_lines(c, allowed, width, width, style);

  // Breaks by preference: the hints; at phrase boundaries (lines still even), else
  // between words, outside quotes and brackets (词意完整, GB/T 9704 §7.3.1: never inside
  // a name or a quoted title) when that needs no more lines; any legal break.
  const std::vector<bool> words = word_boundaries(c);
  std::vector<std::size_t> hinted, phrases, between, all;
  for (std::size_t h : hints)
    if (h > 0 && h < n && allowed[h]) hinted.push_back(h);
  std::sort(hinted.begin(), hinted.end());
  int quoted = 0;
  for (std::size_t k = 1; k < n; ++k) {
    quoted += opens_phrase(c[k - 1].cp) - (closes_phrase(c[k - 1].cp) && quoted > 0);
    if (!allowed[k]) continue;
    all.push_back(k);
    if (words[k] && quoted == 0) between.push_back(k);
    if (words[k] && quoted == 0 && phrase_boundary(c, k)) phrases.push_back(k);
  }
  std::vector<std::size_t> ends = balanced_ends(b, W, hinted);
  if (ends.empty()) {
    ends = balanced_ends(b, W, all);
    auto even = [&](const std::vector<std::size_t>& e) {  // shortest ≥ ½ longest
      double lo = W, hi = 0;
      for (std::size_t i = 0, s = 0; i < e.size(); s = e[i++])
        lo = std::min(lo, b.width(s, e[i])), hi = std::max(hi, b.width(s, e[i]));
      return lo >= hi / 2;
    };
    for (const auto* cand : {&between, &phrases}) {
      std::vector<std::size_t> whole = balanced_ends(b, W, *cand);
      if (!whole.empty() && whole.size() == ends.size() && (cand == &between || even(whole)))
        ends = whole;
    }
  }
  if (ends.empty()) return break_lines(c, allowed, width, width, style);
  BreakResult out;
  std::size_t s = 0;
  for (std::size_t e : ends) {
    out.lines.push_back(b.make(s, e, e, e == n, 0));
    s = e;
  }
  return out;
}

}  // namespace tws::typeset::detail

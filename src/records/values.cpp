#include "records/values.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <regex>
#include <vector>

namespace tws::records {
namespace {

// NFKC (compatibility: full-width forms folded) or NFC (canonical only).
icu::UnicodeString normalized(std::string_view s, bool compatibility) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n =
      compatibility ? icu::Normalizer2::getNFKCInstance(status) : icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  if (U_FAILURE(status)) return in;
  icu::UnicodeString out = n->normalize(in, status);
  return U_SUCCESS(status) ? out : in;
}

bool is_space(UChar32 c) { return u_isUWhiteSpace(c) || c == 0x3000 || c == 0xFEFF || c == 0x200B; }

std::string strip_suffix_units(std::string s, std::initializer_list<const char*> units) {
  for (const char* u : units) {
    std::string_view us(u);
    if (s.size() > us.size() && s.compare(s.size() - us.size(), us.size(), us) == 0)
      return s.substr(0, s.size() - us.size());
  }
  return s;
}

std::string remove_all(std::string s, std::string_view what) {
  for (size_t p; (p = s.find(what)) != std::string::npos;) s.erase(p, what.size());
  return s;
}

// A number typed as text: NFKC folds full-width digits, then units and
// thousands separators go.
std::optional<double> text_number(std::string_view raw, std::initializer_list<const char*> units) {
  std::string s = strip_suffix_units(clean_code(raw), units);
  s = remove_all(s, ",");
  if (s.empty()) return std::nullopt;
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// 一 … 九十九 in Chinese numerals ("三", "十二", "二十"); nothing for any other text.
std::optional<int> chinese_number(std::string_view s) {
  static const icu::UnicodeString digits = icu::UnicodeString::fromUTF8("〇一二三四五六七八九");
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  std::vector<int> v;  // 0–9 for a digit, 10 for 十
  for (int32_t i = 0; i < u.length(); ++i) {
    const char16_t c = u[i];
    if (c == u'十') v.push_back(10);
    else if (c == u'两') v.push_back(2);
    else if (c == u'零') v.push_back(0);
    else if (int32_t d = digits.indexOf(c); d >= 0) v.push_back(d);
    else return std::nullopt;
  }
  auto digit = [](int d) { return d >= 1 && d <= 9; };
  auto tens = [](int d) { return d >= 2 && d <= 9; };
  if (v.size() == 1 && (digit(v[0]) || v[0] == 10)) return v[0];
  if (v.size() == 2 && v[0] == 10 && digit(v[1])) return 10 + v[1];
  if (v.size() == 2 && tens(v[0]) && v[1] == 10) return v[0] * 10;
  if (v.size() == 3 && tens(v[0]) && v[1] == 10 && digit(v[2])) return v[0] * 10 + v[2];
  return std::nullopt;
}

// A real day between 1900 and 2100.
bool valid_ymd(int y, int m, int d) {
  return y >= 1900 && y <= 2100 && m >= 1 && d >= 1 && make_date(y, unsigned(m), unsigned(d)).ok();
}

// Trimmed, each inner run of whitespace one space.
icu::UnicodeString collapse_spaces(const icu::UnicodeString& u) {
  icu::UnicodeString out;
  bool pending_space = false;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (is_space(c)) { pending_space = !out.isEmpty(); continue; }
    if (pending_space) out.append(UChar32(' '));
    pending_space = false;
    out.append(c);
  }
  return out;
}

bool is_han(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(c, &status) == USCRIPT_HAN && U_SUCCESS(status);
}

// Full-width digits and Latin letters as ASCII: the checks for ID and mobile numbers
// in public text, and the masking of ID numbers in messages, read ASCII digits.
icu::UnicodeString ascii_digits_and_letters(icu::UnicodeString u) {
  for (int32_t i = 0; i < u.length(); ++i) {
    const char16_t c = u[i];
    if ((c >= u'０' && c <= u'９') || (c >= u'Ａ' && c <= u'Ｚ') || (c >= u'ａ' && c <= u'ｚ')) u.setCharAt(i, c - 0xFEE0);
  }
  return u;
}

// ASCII , ; : between two Han characters become ，；：, and an ASCII ( ) pair with
// a Han character next to either bracket becomes （）: Chinese text typed with the
// wrong input mode. Anything else stays as typed.
icu::UnicodeString full_width_marks(icu::UnicodeString u) {
  auto han_at = [&](int32_t i) { return i >= 0 && i < u.length() && is_han(u.char32At(i)); };
  auto before = [&](int32_t i) { return i > 0 && han_at(u.moveIndex32(i, -1)); };
  for (int32_t i = 0; i < u.length(); ++i) {
    const char16_t c = u[i];
    if ((c == u',' || c == u';' || c == u':') && before(i) && han_at(i + 1))
      u.setCharAt(i, c == u',' ? u'，' : c == u';' ? u'；' : u'：');
    if (c != u'(') continue;
    const int32_t close = u.indexOf(u')', i + 1), next_open = u.indexOf(u'(', i + 1);
    if (close < 0 || (next_open >= 0 && next_open < close)) continue;
    if (before(i) || han_at(i + 1) || before(close) || han_at(close + 1)) {
      u.setCharAt(i, u'（');
      u.setCharAt(close, u'）');
    }
  }
  return u;
}

}  // namespace

std::string clean_text(std::string_view s) {
  std::string r;
  full_width_marks(ascii_digits_and_letters(collapse_spaces(normalized(s, false)))).toUTF8String(r);
  return r;
}

std::string clean_code(std::string_view s) {
  std::string r;
  collapse_spaces(normalized(s, true)).toUTF8String(r);
  return remove_all(r, " ");
}

bool same_text(std::string_view a, std::string_view b) { return clean_code(a) == clean_code(b); }

std::string unprintable_reason(std::string_view text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), text.size()));
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
    if (c < 0x20 || (c >= 0x7F && c < 0xA0))
      return std::string("含有控制字符（") + code + "），请删除后重新输入";
    int8_t type = u_charType(c);
    if (type == U_PRIVATE_USE_CHAR || type == U_UNASSIGNED || type == U_SURROGATE ||
        u_hasBinaryProperty(c, UCHAR_NONCHARACTER_CODE_POINT)) {
      std::string ch;
      icu::UnicodeString(c).toUTF8String(ch);
      return "含有文书无法打印的字符“" + ch + "”（" + code + "），请删除或改用常用字";
    }
  }
  return {};
}

std::size_t char_count(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

std::string cell_text(const ingest::Cell& cell) {
  switch (cell.type) {
    case ingest::CellType::String: return clean_text(cell.text);
    case ingest::CellType::Empty: return {};
    default: return ingest::display(cell);
  }
}

Parsed<long long> parse_integer(const ingest::Cell& cell) {
  using P = Parsed<long long>;
  if (cell.empty()) return P::none();
  std::optional<double> v;
  if (cell.type == ingest::CellType::Number) v = cell.number;
  else if (cell.type == ingest::CellType::String)
    v = text_number(cell.text, {"人次", "人", "个", "项", "家", "次", "名", "件", "篇"});
  if (!v) return P::fail("“" + cell_text(cell) + "”不是整数");
  if (*v != std::floor(*v)) return P::fail("“" + cell_text(cell) + "”应为整数");
  if (*v < 0) return P::fail("不能为负数");
  if (*v > 1e9) return P::fail("数值过大");
  return P::ok(static_cast<long long>(*v));
}

Parsed<int> parse_rank(const ingest::Cell& cell) {
  using P = Parsed<int>;
  if (cell.empty()) return P::none();
  std::optional<double> v;
  if (cell.type == ingest::CellType::Number) v = cell.number;
  else if (cell.type == ingest::CellType::String) {
    std::string s = clean_code(cell.text);
    if (s.empty()) return P::none();
    if (s.rfind("第", 0) == 0) s.erase(0, std::strlen("第"));
    s = strip_suffix_units(s, {"名"});
    static const std::map<std::string, int> titles = {{"冠军", 1}, {"亚军", 2}, {"季军", 3}};
    if (auto t = titles.find(s); t != titles.end()) v = t->second;
    else if (auto c = chinese_number(s)) v = *c;
    else v = text_number(s, {});
  }
  if (!v || *v != std::floor(*v) || *v < 1 || *v > 9999)
    return P::fail("名次“" + cell_text(cell) + "”无法识别：请填写名次，如 3、第3名 或 第三名");
  return P::ok(static_cast<int>(*v));
}

Parsed<double> parse_score(const ingest::Cell& cell) {
  using P = Parsed<double>;
  if (cell.empty()) return P::none();
  std::optional<double> v;
  if (cell.type == ingest::CellType::Number) v = cell.number;
  else if (cell.type == ingest::CellType::String) v = text_number(cell.text, {"分"});
  if (!v) return P::fail("“" + cell_text(cell) + "”不是分数（填数字，如 85 或 85分）");
  return P::ok(*v);
}

Parsed<double> parse_decimal(const ingest::Cell& cell) {
  using P = Parsed<double>;
  if (cell.empty()) return P::none();
  std::optional<double> v;
  if (cell.type == ingest::CellType::Number) v = cell.number;
  else if (cell.type == ingest::CellType::String)
    v = text_number(cell.text, {"平方米", "m2", "㎡", "万元", "元", "米"});
  if (!v) return P::fail("“" + cell_text(cell) + "”不是数字");
  if (*v < 0) return P::fail("不能为负数");
  return P::ok(*v);
}

Parsed<double> parse_percent(const ingest::Cell& cell) {
  using P = Parsed<double>;
  if (cell.empty()) return P::none();
  double v = 0;
  if (cell.type == ingest::CellType::Number) {
    v = cell.number;
    // A plain 93 means 93 %; a formatted 0.93 (or 1.2 for overspending) is a fraction.
    if (cell.format.find('%') == std::string::npos && v > 2) v /= 100;
  } else if (cell.type == ingest::CellType::String) {
    std::string s = clean_code(cell.text);
    bool percent = s.size() > 1 && s.back() == '%';
    auto n = text_number(percent ? s.substr(0, s.size() - 1) : s, {});
    if (!n) return P::fail("“" + cell_text(cell) + "”不是百分比");
    v = percent || *n > 2 ? *n / 100 : *n;
  } else {
    return P::fail("“" + cell_text(cell) + "”不是百分比");
  }
  if (v < 0 || v > 2) return P::fail("“" + cell_text(cell) + "”超出 0%–200% 的合理范围");
  return P::ok(v);
}

Parsed<bool> parse_yes_no(const ingest::Cell& cell) {
  using P = Parsed<bool>;
  if (cell.empty()) return P::none();
  if (cell.type == ingest::CellType::Boolean) return P::ok(cell.number != 0);
  std::string s = clean_code(cell_text(cell));
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::array yes = {"是", "有", "y", "yes", "true", "√", "✓", "1", "齐全", "合规"};
  static const std::array no = {"否", "无", "n", "no", "false", "×", "✗", "0", "不齐全", "不合规"};
  for (auto* y : yes) if (s == y) return P::ok(true);
  for (auto* n : no) if (s == n) return P::ok(false);
  return P::fail("“" + cell_text(cell) + "”应填“是”或“否”");
}

Parsed<Date> parse_date(const ingest::Cell& cell) {
  using P = Parsed<Date>;
  if (cell.empty()) return P::none();
  if (cell.type == ingest::CellType::Date) {
    if (!cell.date.has_date) return P::fail("只有时间，没有日期");
    if (auto d = ingest::day_of(cell.date)) return P::ok(*d);
    return P::fail("“" + cell_text(cell) + "”不是有效日期");
  }
  if (cell.type == ingest::CellType::Number) {
    // A serial in a General cell: accept only a plausible range (1990–2100).
    if (cell.number >= 32874 && cell.number < 73051)
      if (auto d = ingest::serial_day(cell.number)) return P::ok(*d);
    return P::fail("数字“" + cell_text(cell) + "”不是日期");
  }
  std::string s = clean_code(cell.text);
  static const std::regex forms(R"((\d{4})(?:-|/|\.|年)(\d{1,2})(?:-|/|\.|月)(\d{1,2})(?:日)?)");
  static const std::regex compact(R"((\d{4})(\d{2})(\d{2}))");
  std::smatch m;
  if (std::regex_match(s, m, forms) || std::regex_match(s, m, compact)) {
    int y = std::stoi(m[1]), mo = std::stoi(m[2]), d = std::stoi(m[3]);
    if (!valid_ymd(y, mo, d)) return P::fail("“" + s + "”不是有效日期");
    return P::ok(make_date(y, unsigned(mo), unsigned(d)));
  }
  return P::fail("日期“" + cell_text(cell) + "”无法识别（可写作 2026-04-15、2026/4/15、2026.4.15 或 2026年4月15日）");
}

Parsed<int> parse_year(const ingest::Cell& cell) {
  using P = Parsed<int>;
  if (cell.empty()) return P::none();
  if (cell.type == ingest::CellType::Date && cell.date.has_date) return P::ok(cell.date.year);
  std::optional<double> v;
  if (cell.type == ingest::CellType::Number) v = cell.number;
  else if (cell.type == ingest::CellType::String) {
    std::string s = clean_code(cell.text);
    v = text_number(s, {"年度", "年"});
    if (!v || *v != std::floor(*v) || *v > 2100) {  // "2023.10", "2023年10月", "2026-04-15": the year of a month or day
      static const std::regex ym(R"((\d{4})(?:-|/|\.|年)(\d{1,2})(?:月)?)");
      std::smatch m;
      if (std::regex_match(s, m, ym) && std::stoi(m[2]) >= 1 && std::stoi(m[2]) <= 12) v = std::stoi(m[1]);
      else if (auto d = parse_date(cell).value) v = int(d->year());  // a whole date: its year
      else v.reset();
    }
  }
  if (!v || *v != std::floor(*v) || *v < 1950 || *v > 2100) return P::fail("年份“" + cell_text(cell) + "”无法识别（写 4 位年份，如 2026 或 2026年）");
  return P::ok(static_cast<int>(*v));
}

Parsed<std::string> parse_id_number(const ingest::Cell& cell) {
  using P = Parsed<std::string>;
  if (cell.empty()) return P::none();
  if (cell.type == ingest::CellType::Number) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.5E", cell.number);
    return P::fail(std::string("身份证号被存成了数字（Excel 已舍入为 ") + buf +
                   "，末几位已丢失）：请将该列设为“文本”格式后重新输入");
  }
  std::string s = clean_code(cell_text(cell));
  if (!s.empty() && s.back() == 'x') s.back() = 'X';
  if (s.size() == 15 && s.find_first_not_of("0123456789") == std::string::npos)
    return P::fail("“" + s + "”是 15 位旧身份证号，请填写 18 位身份证号");
  if (s.size() != 18) return P::fail("身份证号应为 18 位，此处为 " + std::to_string(s.size()) + " 位");
  if (s.find_first_not_of("0123456789") < 17 || (s[17] != 'X' && !std::isdigit(static_cast<unsigned char>(s[17]))))
    return P::fail("身份证号只能由数字组成（最后一位可为 X）");
  int province = std::stoi(s.substr(0, 2));
  static const std::array provinces = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
                                       41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64,
                                       65, 71, 81, 82, 83};
  if (std::find(provinces.begin(), provinces.end(), province) == provinces.end())
    return P::fail("身份证号前两位“" + s.substr(0, 2) + "”不是有效的省级行政区划代码");
  int y = std::stoi(s.substr(6, 4)), m = std::stoi(s.substr(10, 2)), d = std::stoi(s.substr(12, 2));
  if (!valid_ymd(y, m, d)) return P::fail("身份证号中的出生日期 " + s.substr(6, 8) + " 无效");
  if (id_check_digit(s) != s[17])
    return P::fail(std::string("身份证号校验位错误（应为 ") + id_check_digit(s) + "）");
  return P::ok(s);
}

Parsed<Qualification> parse_qualification(std::string_view text) {
  using P = Parsed<Qualification>;
  std::string s = clean_code(text);
  if (s.empty()) return P::none();
  // Honours typed where a certificate level belongs: never a level (SPEC §2).
  for (const char* honour : {"齐鲁首席技师", "省首席技师", "市首席技师", "技术能手", "技能大师", "技能大奖", "领军人才"})
    if (s.find(honour) != std::string::npos)
      return P::ok({SkillLevel::Unknown, true, "荣誉称号（非职业资格等级）：" + s});
  for (const char* equiv : {"同等技能水平", "相当于", "同等水平"})
    if (s.find(equiv) != std::string::npos) return P::ok({SkillLevel::Unknown, true, "同等技能水平：" + s});
  // Professional titles (职称), incl. the medical 主管技师/主任技师: to the experts.
  for (const char* title : {"主管技师", "主任技师", "技士", "工程师", "讲师", "教授", "研究员", "技术员",
                            "实验师", "经济师", "会计师", "农艺师", "馆员", "助教"})
    if (s.size() >= std::string_view(title).size() &&
        s.compare(s.size() - std::string_view(title).size(), std::string::npos, title) == 0)
      return P::ok({SkillLevel::Unknown, true, "职称（非职业技能等级）：" + s});

  for (const char* noise : {"国家职业资格", "职业技能等级", "职业资格", "技能等级", "证书", "等级"})
    s = remove_all(s, noise);
  struct Token { const char* text; SkillLevel level; };
  static const Token tokens[] = {
      {"首席技师", SkillLevel::Chief}, {"特级技师", SkillLevel::Special},
      {"高级技师", SkillLevel::Level1}, {"一级", SkillLevel::Level1},
      {"技师", SkillLevel::Level2}, {"二级", SkillLevel::Level2},
      {"高级工", SkillLevel::Level3}, {"三级", SkillLevel::Level3},
      {"中级工", SkillLevel::Level4}, {"中级", SkillLevel::Level4}, {"四级", SkillLevel::Level4},
      {"初级工", SkillLevel::Level5}, {"初级", SkillLevel::Level5}, {"五级", SkillLevel::Level5},
  };
  // Split "二级/技师", "高级技师(一级)", "一级高级技师" into known tokens; every part
  // must be a token and all must agree.
  SkillLevel found = SkillLevel::Unknown;
  size_t i = 0;
  while (i < s.size()) {
    if (std::string_view("/、()-—,").find(s[i]) != std::string_view::npos) { ++i; continue; }
    const Token* hit = nullptr;
    for (auto& t : tokens)
      if (s.compare(i, std::strlen(t.text), t.text) == 0) { hit = &t; break; }
    if (!hit) return P::fail("无法识别的职业资格“" + clean_text(text) + "”");
    if (found != SkillLevel::Unknown && found != hit->level)
      return P::fail("职业资格“" + clean_text(text) + "”中的等级互相矛盾");
    found = hit->level;
    i += std::strlen(hit->text);
  }
  if (found == SkillLevel::Unknown) return P::fail("无法识别的职业资格“" + clean_text(text) + "”");
  static const char* labels[] = {"", "五级/初级工", "四级/中级工", "三级/高级工", "二级/技师",
                                 "一级/高级技师", "特级技师", "首席技师"};
  return P::ok({found, false, labels[static_cast<int>(found)]});
}

Parsed<std::string> parse_phone(const ingest::Cell& cell) {
  using P = Parsed<std::string>;
  if (cell.empty()) return P::none();
  std::string s = clean_code(cell_text(cell));
  int digits = 0;
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c))) ++digits;
    else if (std::string_view("+-()转").find(c) == std::string_view::npos && static_cast<unsigned char>(c) < 0x80)
      return P::fail("联系电话“" + s + "”含有无效字符");
  }
  if (digits < 7 || digits > 20) return P::fail("联系电话“" + s + "”位数不对");
  return P::ok(s);
}

}  // namespace tws::records

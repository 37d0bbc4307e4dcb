#include "documents/documents.h"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <unordered_map>
#include <memory>
#include <regex>

#include "common/run_lock.h"
#include "common/strings.h"
#include "documents/draft.h"
#include "documents/template.h"
#include "render/pdf/pdf.h"

namespace tws::documents {
namespace fs = std::filesystem;
using namespace typeset;

// ---------------------------------------------------------------- small helpers

std::string document_number(const std::string& prefix, int year, int serial) {
  return prefix + "〔" + std::to_string(year) + "〕" + std::to_string(serial) + "号";
}

std::string check_document_number(const std::string& text) {
  static const std::regex re("^(.+)〔([0-9]{4})〕([0-9]+)号$");
  std::smatch m;
  if (text.find("第") != std::string::npos) return "发文字号“" + text + "”中不应有“第”字（GB/T 9704 §7.2.4）";
  if (text.find('[') != std::string::npos || text.find("（") != std::string::npos ||
      text.find("【") != std::string::npos || text.find('(') != std::string::npos)
    return "发文字号“" + text + "”的年份应使用六角括号〔〕（GB/T 9704 §7.2.4）";
  if (!std::regex_match(text, m, re)) return "发文字号“" + text + "”应为“机关代字〔年份〕序号号”，如 德职院政发〔2026〕12号";
  int year = std::stoi(m[2]);
  if (year < 1949 || year > 2200) return "发文字号“" + text + "”的年份不合理";
  if (m[3].str()[0] == '0') return "发文字号“" + text + "”的序号不应编虚位（不加“0”）（GB/T 9704 §7.2.4）";
  return "";
}

std::string check_date(const std::string& text) {
  static const std::regex re("^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日(印发)?$");
  std::smatch m;
  if (!std::regex_match(text, m, re)) return "日期“" + text + "”应以阿拉伯数字写作“2026年5月28日”";
  if (m[2].str()[0] == '0' || m[3].str()[0] == '0') return "日期“" + text + "”的月、日不应编虚位（不加“0”）";
  std::chrono::year_month_day d{std::chrono::year(std::stoi(m[1])), std::chrono::month(unsigned(std::stoi(m[2]))),
                                std::chrono::day(unsigned(std::stoi(m[3])))};
  if (!d.ok()) return "日期“" + text + "”不是真实的日期";
  return "";
}

std::string safe_file_name(std::string_view text, std::size_t max_bytes) {
  std::string s;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F || c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' ||
        c == '<' || c == '>' || c == '|')
      s += '_';
    else
      s += char(c);
  }
  for (std::size_t p; (p = s.find("..")) != std::string::npos;) s.replace(p, 2, "_");
  while (!s.empty() && (s[0] == '.' || s[0] == ' ' || s[0] == '-')) s.erase(0, 1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '.')) s.pop_back();
  if (s.size() > max_bytes) {
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
    s.resize(cut);
  }
  if (s.empty()) s = "_";
  return s;
}

std::string amount_in_prose(double yuan) {
  long long y = std::llround(yuan);
  if (std::fabs(yuan - double(y)) < 0.005 && y > 0 && y % 10000 == 0) return std::to_string(y / 10000) + "万元";
  return rules::amount_in_figures(yuan) + "元";
}

namespace {

std::string score_text(double v) {
  char buf[32];
  if (std::fabs(v - std::round(v)) < 0.005) std::snprintf(buf, sizeof buf, "%.0f", v);
  else std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

// The 资格核实 findings applied to the application, one line each with the criterion.
std::string findings_text(const rules::EligibilityResult& e) {
  std::vector<std::string> lines;
  for (auto& c : e.criteria)
    for (auto& f : c.findings) lines.push_back("第" + std::to_string(c.number) + "项 " + f);
  return tws::join(lines, "\n");
}

// The leader's qualifying honour (the decisive claim of criterion 1), else the
// qualification as typed.
std::string leader_title(const records::Application& app, records::RowsOf<records::Honour> honours,
                         const rules::EligibilityResult* e) {
  std::string decisive;
  if (e)
    for (auto& c : e->criteria)
      if (c.number == 1 && !c.reasons.empty()) decisive = c.reasons.front();
  for (const records::Honour* hp : honours) {
    const records::Honour& h = *hp;
    std::string name = records::clean_text(h.name);
    if (!decisive.empty() && decisive.find("“" + name + "”") == std::string::npos) continue;
    if (records::clean_code(h.kind) == "竞赛") {
      std::string s = records::clean_code(h.level) + "竞赛";
      // A team's placing says so (第四条（一） names individual placings).
      if (records::clean_code(h.participation) == "团体" || records::clean_code(h.name).find("团体") != std::string::npos)
        s += "团体";
      if (h.rank) s += "第" + std::to_string(*h.rank) + "名";
      return s;
    }
    // The official name when the reason quotes it (属第二条所列……荣誉“official”).
    const std::string mark = "荣誉“";
    if (auto p = decisive.rfind(mark); p != std::string::npos) {
      auto q = decisive.find("”", p + mark.size());
      if (q != std::string::npos) return decisive.substr(p + mark.size(), q - p - mark.size());
    }
    return name;
  }
  return app.leader_qualification.empty() ? app.leader_level.label : app.leader_qualification;
}

}  // namespace

std::vector<std::size_t> publicity_order(const std::vector<const records::Application*>& apps,
                                         const std::string& collation) {
  std::vector<std::size_t> idx(apps.size());
  for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  if (collation == "input" || apps.empty()) return idx;
  bool by_dept = collation.rfind("department", 0) == 0;
  bool pinyin = collation.find("pinyin") != std::string::npos;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Collator> coll(
      icu::Collator::createInstance(icu::Locale(pinyin ? "zh@collation=pinyin" : "zh@collation=stroke"), status));
  if (U_FAILURE(status) || !coll) return idx;
  auto cmp = [&](const std::string& a, const std::string& b) {
    UErrorCode st = U_ZERO_ERROR;
    return coll->compare(icu::UnicodeString::fromUTF8(a), icu::UnicodeString::fromUTF8(b), st);
  };
  std::stable_sort(idx.begin(), idx.end(), [&](std::size_t x, std::size_t y) {
    const auto& a = *apps[x];
    const auto& b = *apps[y];
    if (by_dept)
      if (int c = cmp(a.department, b.department)) return c < 0;
    if (int c = cmp(a.leader, b.leader)) return c < 0;
    return false;
  });
  return idx;
}

// ---------------------------------------------------------------- renderer

Renderer::Renderer(const config::Settings& settings, Options options)
    : settings_(settings), options_(std::move(options)) {}

const FontSet& Renderer::fonts() {
  if (!fonts_) {
    const fs::path& ini = options_.fonts_ini;
    if (!fs::exists(ini))
      throw EnvironmentError("找不到字体配置文件 " + ini.string() + "（配置项 output.fonts）；请运行 scripts/prepare-fonts");
    try {
      fonts_ = FontSet::load(ini);
    } catch (const TypesetError& e) {
      throw EnvironmentError(std::string("字体不可用（") + ini.string() + "）：" + e.what());
    }
  }
  return *fonts_;
}

std::vector<std::string> font_substitutes(const typeset::FontSet& fonts) {
  struct Standard { const char* role; const char* label; const char* face; std::vector<const char*> names; };
  // PostScript name prefixes of the faces the standard names, as Windows and 方正 ship them.
  static const Standard kStandard[] = {
      {"title", "标题", "小标宋体", {"FZXiaoBiaoSong", "FZXBSJW", "FZXBS"}},
      {"body", "正文", "仿宋体", {"FangSong", "FZFangSong", "STFangsong"}},
      {"heading1", "一级标题", "黑体", {"SimHei", "FZHei", "STHeiti"}},
      {"heading2", "二级标题", "楷体", {"KaiTi", "FZKai", "STKaiti"}},
      {"number", "页码", "宋体", {"SimSun", "NSimSun", "FZShuSong", "STSong"}},
  };
  std::vector<std::string> out;
  for (auto& s : kStandard) {
    const std::string& ps = fonts.face(fonts.chain(s.role).front()).postscript_name;
    bool standard = false;
    for (auto* n : s.names) standard |= ps.rfind(n, 0) == 0;
    if (!standard)
      out.push_back(std::string(s.label) + "（" + s.role + "）：使用 " + ps + "，非标准字体 " + s.face);
  }
  return out;
}

std::vector<std::string> Renderer::font_substitutions() { return fonts().missing_files(); }

void Renderer::check(const Location& where, const std::string& field, const std::string& text) {
  if (text.empty()) return;
  for (auto& why : fonts().check(kBody, text)) pending_.error(where, field + "“" + text + "”无法打印：" + why);
}

void Renderer::mark_reissue(std::optional<calendar::Day> date) { reissue_ = date ? chinese_date(*date) : ""; }

Document Renderer::make(const std::string& name, Context ctx, const fs::path& file, const std::string& origin,
                        calendar::Day date, bool internal, bool red_header, const std::string& which,
                        const PageStyle& style, const std::vector<Item>& background) {
  if (pending_.has_errors()) {
    Diagnostics d = std::move(pending_);
    pending_ = {};
    throw DocumentError(std::move(d));
  }
  auto t0 = std::chrono::steady_clock::now();
  ctx.set("reissue", reissue_);  // empty: the {{#reissue}} 附注 is left out
  const FontSet& f = fonts();
  auto cached = template_texts_.find(name);
  if (cached == template_texts_.end())
    cached = template_texts_.emplace(name, load_template(options_.templates, name)).first;
  Parsed p = parse(expand(cached->second, ctx, name), f, style, {options_.preprinted && red_header, origin}, name);
  Diagnostics bad;
  Location cfg{settings_.source};
  for (auto& n : p.docnos)
    if (auto why = check_document_number(n); !why.empty()) bad.error(cfg, file.string() + "：" + why + "（配置项 institution.doc_prefix）");
  for (auto& d : p.dates)
    if (auto why = check_date(d); !why.empty()) bad.error(cfg, file.string() + "：" + why);
  if (bad.has_errors()) throw DocumentError(std::move(bad));

  Document doc;
  doc.path = file;
  doc.mode = internal ? 0640 : 0644;
  Layout laid;
  std::optional<DraftBlocks> draft;  // the .docx beside the PDF, from the same blocks
  if (has_draft(name)) draft = DraftBlocks{p.blocks, p.kinds};
  try {
    laid = lay_out(std::move(p.blocks), p.colophon_block, doc, style, draft ? &*draft : nullptr);
  } catch (const TypesetError& e) {
    Diagnostics d;
    for (auto& why : e.problems) d.error({file.string()}, why);
    throw DocumentError(std::move(d));
  }
  for (Page& page : laid.pages) page.items.insert(page.items.begin(), background.begin(), background.end());
  render::pdf::DocumentInfo info;
  info.title = which.empty() ? p.title : p.title + "：" + which;
  info.author = settings_.institution.name;
  info.subject = origin;
  info.creator = "tws";
  info.year = int(date.year());
  info.month = int(unsigned(date.month()));
  info.day = int(unsigned(date.day()));
  // The draft first, and its copy of the blocks freed, before libharu holds the PDF.
  if (draft) try {
      doc.draft = write_draft(*draft, f, PageStyle{},
                              {info.title, info.subject, info.author, info.year, info.month, info.day});
      draft.reset();
    } catch (const std::runtime_error& e) {  // libzip out of memory
      throw EnvironmentError(fs::path(file).replace_extension(".docx").string() + "：" + e.what());
    }
  try {
    doc.bytes = render::pdf::render(laid.pages, f, info);
  } catch (const render::pdf::RenderError& e) {
    throw render::pdf::RenderError(std::string(e.what()) + "（" + file.string() + "，" + std::to_string(doc.pages) + " 页）");
  }
  doc.milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return doc;
}

// GB/T 9704 §7.4: printed double-sided, the 版记 (from block `colophon`, -1
// when none) lands on an even page; when it would not, it moves to a page of its own,
// with a blank unnumbered page before it (and no number on the 版记 page) when that is
// needed. The blocks are set once and only paginated again after each insertion.
Layout Renderer::lay_out(std::vector<Block> blocks, int colophon, Document& doc, PageStyle style,
                          DraftBlocks* draft) {
  Typesetter ts(std::move(blocks), fonts(), style);
  auto insert = [&](std::size_t at, std::vector<Block> more) {
    if (draft) {
      draft->blocks.insert(draft->blocks.begin() + std::ptrdiff_t(at), more.begin(), more.end());
      draft->kinds.insert(draft->kinds.begin() + std::ptrdiff_t(at), more.size(), "pagebreak");
    }
    ts.insert(at, std::move(more));
  };
  int n = ts.page_count(style);
  if (options_.duplex && colophon >= 0 && n % 2 == 1) {
    insert(std::size_t(colophon), {PageBreak{}});
    n = ts.page_count(style);
    if (n % 2 == 1) {
      insert(std::size_t(colophon) + 1, {Space{1}, PageBreak{}});
      n = ts.page_count(style);
      style.unnumbered_pages = {n - 1, n};
      doc.unnumbered = {n - 1, n};
      if (draft) draft->unnumbered_from = colophon;
    }
  }
  doc.pages = n;
  return ts.layout(style);
}

namespace {

Context base(const config::Settings& s, int year) {
  Context c;
  c.set("institution", s.institution.name)
      .set("issuing_office", s.institution.issuing_office)
      .set("hr_office", s.institution.hr_office)
      .set("year", std::to_string(year));
  return c;
}

}  // namespace

Document Renderer::publicity(int year, const records::ByApplication& by,
                             const std::vector<rules::EligibilityResult>& eligibility,
                             const rules::SelectionResult& selection, const rules::PublicityPeriod& pub,
                             calendar::Day date) {
  std::vector<const records::Application*> apps;
  for (auto& c : selection.candidates)
    if (c.recommended)
      if (auto* a = by.application(c.application_id)) apps.push_back(a);
  std::unordered_map<std::string, const rules::EligibilityResult*> eligibility_of;  // the last one of an id
  for (auto& x : eligibility) eligibility_of[x.application_id] = &x;
  Context ctx = base(settings_, year);
  ctx.set("count", std::to_string(apps.size()))
      .set("start", chinese_date(pub.start))
      .set("end", chinese_date(pub.end))
      .set("workdays", std::to_string(pub.workdays))
      .set("contact", settings_.publicity.contact)
      .set("phone", settings_.publicity.phone)
      .set("email", settings_.publicity.email)
      .set("address", settings_.publicity.address)
      .set("date", chinese_date(date));
  auto& rows = ctx.list("rows");  // present even when empty
  int n = 0;
  for (std::size_t i : publicity_order(apps, settings_.output.collation)) {
    const auto& a = *apps[i];
    auto found = eligibility_of.find(a.id);
    const rules::EligibilityResult* e = found == eligibility_of.end() ? nullptr : found->second;
    Context r;
    r.set("n", std::to_string(++n))
        .set("name", a.name)
        .set("department", a.department)
        .set("occupation", a.occupation)
        .set("leader", a.leader)
        .set("honour", leader_title(a, by.honours(a.id), e));
    for (auto& [k, v] : r.text) check(a.where, "", v);
    rows.push_back(std::move(r));
  }
  return make("公示名单", std::move(ctx), "公示名单.pdf", "公示名单", date, false, false);
}

fs::path application_form_path(const records::Application& a) {
  return fs::path("申报认定表") / (safe_file_name(a.id + "-" + a.name, 100) + ".pdf");
}

Document Renderer::application_form(int year, const records::ByApplication& in, const records::Application& a,
                                    const rules::EligibilityResult& e, const rules::Candidate* cand,
                                    calendar::Day date) {
  Context ctx = base(settings_, year);
  auto area = a.area_m2 ? score_text(*a.area_m2) : std::string();
  ctx.set("id", a.id)
      .set("name", a.name)
      .set("department", a.department)
      .set("occupation", a.occupation)
      .set("leader", a.leader)
      .set("leader_id", a.leader_id_number)
      .set("qualification", a.leader_qualification)
      .set("phone", a.phone)
      .set("area", area)
      .set("equipment", a.equipment)
      .set("target", std::to_string(a.annual_target))
      .set("systems", a.systems_and_projects)
      .set("plan", a.work_plan)
      .set("support", a.department_support)
      .set("previous", e.previous_code.empty() ? a.previous_term : e.previous_code)
      .set("previous_term", e.previous_term)
      .set("findings", findings_text(e))
      .set("date", chinese_date(date))
      .set("summary", e.summary)
      .set("score", cand && cand->rank > 0 ? score_text(cand->score.aggregate) : "")
      .set("rank", cand && cand->rank > 0 ? std::to_string(cand->rank) : "")
      .set("recommended", cand && cand->recommended ? "是" : "")
      .set("blank", "");
  for (auto& [k, v] : ctx.text) check(a.where, "申报编号 " + a.id + " ", v);
  ctx.list("members");
  ctx.list("honours");
  ctx.list("criteria");
  int n = 0;
  for (const records::Member* mp : in.members(a.id)) {
    const records::Member& m = *mp;
    Context r;
    r.set("n", std::to_string(++n))
        .set("name", m.name)
        .set("id_number", m.id_number)
        .set("qualification", m.qualification)
        .set("occupation", m.occupation)
        .set("certificate", m.certificate_no)
        .set("leader", m.is_leader ? "是" : "");
    for (auto& [k, v] : r.text) check(m.where, "", v);
    ctx.list("members").push_back(std::move(r));
  }
  n = 0;
  for (const records::Honour* hp : in.honours(a.id)) {
    const records::Honour& h = *hp;
    Context r;
    std::string level = h.level;
    if (h.rank) level += "第" + std::to_string(*h.rank) + "名";
    if (!h.participation.empty()) level += "（" + h.participation + "）";
    r.set("n", std::to_string(++n))
        .set("kind", h.kind)
        .set("name", h.name)
        .set("level", level)
        .set("year", h.year ? std::to_string(*h.year) : "")
        .set("certificate", h.certificate_no);
    for (auto& [k, v] : r.text) check(h.where, "", v);
    ctx.list("honours").push_back(std::move(r));
  }
  for (auto& c : e.criteria) {
    Context r;
    r.set("n", std::to_string(c.number))
        .set("title", c.title)
        .set("article", c.article)
        .set("verdict", rules::verdict_label(c.verdict))
        .set("reasons", tws::join(std::vector<std::string>(c.reasons.begin(), c.reasons.end()), "\n"));
    ctx.list("criteria").push_back(std::move(r));
  }
  const fs::path file = application_form_path(a);
  return make("申报认定表", std::move(ctx), file, "申报认定表 " + a.id, date, true, false, a.id + " " + a.name);
}

Document Renderer::blank_application_form(int year, calendar::Day date) {
  Context ctx = base(settings_, year);
  for (const char* k : {"id", "name", "department", "occupation", "leader", "leader_id", "qualification", "phone", "area",
                        "equipment", "target", "systems", "plan", "support", "previous", "previous_term", "findings",
                        "date", "summary", "score", "rank", "recommended"})
    ctx.set(k, "");
  ctx.set("blank", "是");
  ctx.list("criteria");
  // Rows to fill by hand: a typical station's members and honours.
  for (int i = 1; i <= 9; ++i) {
    Context r;
    for (const char* k : {"name", "id_number", "qualification", "occupation", "certificate", "leader"}) r.set(k, "");
    ctx.list("members").push_back(std::move(r.set("n", std::to_string(i))));
  }
  for (int i = 1; i <= 4; ++i) {
    Context r;
    for (const char* k : {"kind", "name", "level", "year", "certificate"}) r.set(k, "");
    ctx.list("honours").push_back(std::move(r.set("n", std::to_string(i))));
  }
  return make("申报认定表", std::move(ctx), "启动申报通知附件/附件1-申报认定表.pdf", "申报认定表（空白）", date, false,
              false, "空白表");
}

Document Renderer::call_notice(int year, const rules::CallSchedule& sc, const std::string& number) {
  Context ctx = base(settings_, year);
  const config::Eligibility& e = settings_.eligibility;
  const config::Publicity& pub = settings_.publicity;
  for (const char* key : {"publicity.contact", "publicity.address"})
    if (auto w = settings_.where.find(key); w != settings_.where.end())
      check(w->second, std::string("配置项 ") + key + " ", key == std::string("publicity.contact") ? pub.contact : pub.address);
  ctx.set("docno", number)
      .set("date", chinese_date(sc.issued))
      .set("min_skilled", std::to_string(e.min_skilled_members))
      .set("leader_counts", e.leader_counts ? "1" : "")
      .set("min_area", score_text(e.min_area_m2))
      .set("min_target", std::to_string(e.min_annual_target))
      .set("term_years", std::to_string(settings_.funding.term_years))
      .set("apply_end", chinese_date(sc.apply_end))
      .set("review_start", chinese_date(sc.review_start))
      .set("review_end", chinese_date(sc.review_end))
      .set("expert_start", chinese_date(sc.expert_start))
      .set("expert_end", chinese_date(sc.expert_end))
      .set("publicity_start", chinese_date(sc.publicity_start))
      .set("publicity_end", chinese_date(sc.publicity_end))
      .set("publicity_workdays", std::to_string(pub.workdays))
      .set("contact", pub.contact)
      .set("address", pub.address);
  return make("启动申报通知", std::move(ctx), "启动申报通知.pdf", "启动申报通知", sc.issued, false, true);
}

Document Renderer::approval_notice(int year, const records::YearInput& in, const rules::ApprovalResult& ap,
                                   const rules::PublicityPeriod& pub, calendar::Day approval_date,
                                   const std::string& number) {
  const records::ByApplication by(in);
  Context ctx = base(settings_, year);
  std::vector<std::string> leaders;
  for (auto& s : ap.stations) leaders.push_back(s.leader);
  // 第五条（四）: the meeting at which the school decided, as recorded in the year's tws.ini.
  const std::string& meeting = settings_.approval.meeting;
  if (auto w = settings_.where.find("approval.meeting"); w != settings_.where.end())
    check(w->second, "配置项 approval.meeting ", meeting);
  ctx.set("docno", number)
      .set("meeting", meeting)
      .set("count", std::to_string(ap.stations.size()))
      .set("first_leaders", tws::join(std::vector<std::string>(leaders.begin(), leaders.begin() + std::min<std::size_t>(leaders.size(), 3)), "、"))
      .set("start", chinese_date(pub.start))
      .set("end", chinese_date(pub.end))
      .set("workdays", std::to_string(pub.workdays))
      .set("date", chinese_date(approval_date))
      .set("term_years", std::to_string(settings_.funding.term_years))
      .set("funding_years", std::to_string(settings_.funding.funding_years))
      .set("amount", amount_in_prose(settings_.funding.pass_amount))
      .set("term_start", ap.stations.empty() ? "" : chinese_date(ap.stations.front().term_start))
      .set("term_end", ap.stations.empty() ? "" : chinese_date(ap.stations.front().term_end));
  ctx.list("stations");
  int n = 0;
  for (auto& s : ap.stations) {
    Context r;
    r.set("n", std::to_string(++n))
        .set("code", s.code)
        .set("name", s.name)
        .set("department", s.department)
        .set("occupation", s.occupation)
        .set("leader", s.leader)
        .set("term", chinese_date(s.term_start) + "至" + chinese_date(s.term_end));
    if (auto* a = by.application(s.application_id))
      for (auto& [k, v] : r.text) check(a->where, "", v);
    ctx.list("stations").push_back(std::move(r));
  }
  ctx.list("dropped");
  for (auto& d : ap.decisions) {
    if (d.approved) continue;
    Context r;
    const auto* a = by.application(d.application_id);
    r.set("id", d.application_id).set("name", a ? a->name : "").set("leader", a ? a->leader : "");
    if (a)
      for (auto& [k, v] : r.text) check(a->where, "", v);
    ctx.list("dropped").push_back(std::move(r));
  }
  return make("认定通知", std::move(ctx), "认定通知.pdf", "认定通知", approval_date, false, true);
}

Document Renderer::assessment_report(int year, const rules::AssessmentOutcome& o, const rules::Registry& reg,
                                     const rules::FundingPlan& plan, calendar::Day date, const std::string& number) {
  Context ctx = base(settings_, year);
  std::map<std::string, int> grades;
  int n = 0;
  const rules::RegistryIndex index(reg);
  std::unordered_map<std::string, double> funded;  // per station, summed in plan order
  for (auto& l : plan.lines) funded[l.station_code] += l.amount;
  for (auto& r : o.results) {
    const rules::Station* st = index.station(r.station_code);
    ++grades[rules::grade_label(r.grade)];
    auto f = funded.find(r.station_code);
    double amount = f == funded.end() ? 0 : f->second;
    Context row;
    row.set("n", std::to_string(++n))
        .set("code", r.station_code)
        .set("name", st ? st->name : "")
        .set("department", st ? st->department : "")
        .set("leader", st ? st->leader : "")
        .set("assess_year", std::to_string(r.year))
        .set("score", score_text(r.total))
        .set("grade", rules::grade_label(r.grade))
        .set("amount", amount > 0 ? rules::amount_in_figures(amount) : "—");
    ctx.list("results").push_back(std::move(row));
  }
  ctx.list("revoked");
  ctx.list("results");
  for (auto& v : o.revocations) {
    const rules::Station* st = index.station(v.station_code);
    Context row;
    row.set("code", v.station_code)
        .set("name", st ? st->name : "")
        .set("department", st ? st->department : "")
        .set("leader", st ? st->leader : "")
        .set("reason", v.reason)
        .set("on", chinese_date(v.on));
    ctx.list("revoked").push_back(std::move(row));
  }
  ctx.set("docno", number)
      .set("count", std::to_string(o.results.size()))
      .set("excellent", std::to_string(grades["优秀"]))
      .set("pass", std::to_string(grades["合格"]))
      .set("fail", std::to_string(grades["不合格"]))
      .set("funded", std::to_string(plan.lines.size()))
      .set("total", rules::amount_in_figures(plan.total))
      .set("total_words", rules::amount_in_words(plan.total))
      .set("date", chinese_date(date));
  return make("考核结果通报", std::move(ctx), "考核结果通报.pdf", "考核结果通报", date, false, true);
}

Document Renderer::funding_notice(int year, const rules::FundingPlan& plan, const rules::Registry& reg,
                                  calendar::Day date) {
  Context ctx = base(settings_, year);
  ctx.list("lines");
  ctx.list("departments");
  int n = 0;
  const rules::RegistryIndex index(reg);
  for (auto& l : plan.lines) {
    const rules::Station* st = index.station(l.station_code);
    Context row;
    row.set("n", std::to_string(++n))
        .set("code", l.station_code)
        .set("name", l.station_name)
        .set("department", l.department)
        .set("leader", st ? st->leader : "")
        .set("grade", rules::grade_label(l.grade))
        .set("amount", rules::amount_in_figures(l.amount))
        .set("words", rules::amount_in_words(l.amount));
    ctx.list("lines").push_back(std::move(row));
  }
  for (auto& d : plan.departments) {
    Context row;
    row.set("department", d.department)
        .set("stations", std::to_string(d.stations))
        .set("amount", rules::amount_in_figures(d.amount))
        .set("words", rules::amount_in_words(d.amount));
    ctx.list("departments").push_back(std::move(row));
  }
  ctx.set("count", std::to_string(plan.lines.size()))
      .set("total", rules::amount_in_figures(plan.total))
      .set("total_words", rules::amount_in_words(plan.total))
      .set("funding_years", std::to_string(settings_.funding.funding_years))
      .set("amount", amount_in_prose(settings_.funding.pass_amount))
      .set("date", chinese_date(date));
  return make("经费下达通知", std::move(ctx), "经费下达通知.pdf", "经费下达通知", date, false, false);
}

}  // namespace tws::documents

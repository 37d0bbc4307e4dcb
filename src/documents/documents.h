// The PDFs of the yearly phases (SPEC §4), each from a template in
// templates/documents/ (words and structure there, data from here), typeset with
// src/typeset and drawn with src/render/pdf:
//   call    → 启动申报通知.pdf (red-header, GB/T 9704)
//   select  → 公示名单.pdf (public), 申报认定表/<申报编号>-<工作站名称>.pdf (internal, 0640)
//   approve → 认定通知.pdf (red-header, GB/T 9704)
//   assess  → 考核结果通报.pdf (red-header), 经费下达通知.pdf
//   brief   → 工作简报.pdf (`tws brief`, after assess; 简报 form, charts)
//   `tws certificates` → 授牌/<工作站编号>-<名称>.pdf (A4 landscape), 授牌/制牌清单.pdf
// Documents are rendered to memory; the caller writes them (atomically) only when every
// document of the phase rendered, so a phase with a bad character writes nothing.
// Deterministic: the PDF dates are the document's date, never the wall clock.
#pragma once
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/work_calendar.h"
#include "common/diagnostic.h"
#include "config/settings.h"
#include "records/records.h"
#include "rules/rules.h"
#include "typeset/typeset.h"
#include "common/errors.h"

namespace tws::documents {

struct Context;
struct DraftBlocks;

struct Options {
  std::filesystem::path fonts_ini;   // settings.output.fonts
  std::filesystem::path templates;   // folder of the *.txt templates
  bool duplex = true;                // 版记 on an even page (blank page inserted when needed)
  bool preprinted = false;           // --letterhead preprinted: no 发文机关标志, no red rule
};

struct Document {
  std::filesystem::path path;  // relative to the year's output folder
  std::string bytes;           // the PDF
  std::string draft;           // the same document as .docx (draft.h), "" for none
  unsigned mode = 0644;        // 0640 for internal documents (ID numbers)
  int pages = 0;
  std::vector<int> unnumbered;  // 1-based pages without a page number (duplex blank page)
  double milliseconds = 0;      // layout + render time
};

// Input text that cannot be printed (a character no font has): every problem with the
// record it came from. The phase fails (exit 1) and writes nothing.
using tws::DocumentError;

// 2026年5月28日 (Arabic numerals, no zero padding; GB/T 9704 §7.3.5.1).
using tws::chinese_date;
// 德职院政发〔2026〕12号.
std::string document_number(const std::string& prefix, int year, int serial);
// Empty when the text is a well-formed 发文字号 (prefix〔YYYY〕N号, no leading zero, no
// 第); else why not.
std::string check_document_number(const std::string& text);
// Empty when the text is a real calendar date written 2026年5月28日 (optionally followed
// by 印发); else why not.
std::string check_date(const std::string& text);
// A file name part from user text: no / \ .. control characters or leading dots, at
// most max_bytes cut at a UTF-8 boundary; Chinese kept as is.
std::string safe_file_name(std::string_view text, std::size_t max_bytes = 100);
// 20000 → 2万元, 12500 → 12,500.00元 (prose amounts).
std::string amount_in_prose(double yuan);

// GB/T 9704-2012 names the faces of an official document: 小标宋体 (标题), 仿宋体
// (正文), 黑体 (一级标题), 楷体 (二级标题), 宋体 (页码). One line per role whose face
// is a substitute, e.g. “标题（title）：使用 NotoSerifCJKsc-Bold，非标准字体 小标宋体”.
std::vector<std::string> font_substitutes(const typeset::FontSet& fonts);

// Orders the rows of the 公示 by settings.output.collation: "department,stroke"
// (department, then leader by ICU zh@collation=stroke), "department,pinyin", "stroke",
// "pinyin", "input". Returns indices into `apps`.
std::vector<std::size_t> publicity_order(const std::vector<const records::Application*>& apps,
                                         const std::string& collation);

// A red-header notice whose words all come from the caller (templates/documents/通知.txt:
// the same 版头, body, 附件说明, signature and 附件 table blocks as the 认定通知, drawn by
// the same layout and PDF code). Used by bench/notice_bench for the reference notices.
struct NoticeFields {
  std::string issuer, docno, title, addressee;
  std::vector<std::pair<std::string, std::string>> body;  // (kind "p" | "h1", text)
  std::string attachment_note, signature, date, attachment_label, table_title;
  std::vector<std::string> table_header;                  // 5 columns
  std::vector<std::vector<std::string>> rows;             // 5 cells each
};

// What the 年度工作简报 takes besides the registry's stations, assessments and funding:
// its 期号 and the counts the year's select phase recorded.
struct BriefFigures {
  int issue = 1;                             // 第N期
  int applications = 0, eligible = 0, publicized = 0;
};
// A station is in term in a year when the year lies in its term (第三条) and it was not
// revoked in an earlier year: what the brief counts and lists.
bool in_term_in(const rules::Station& s, int year);

// Where an application's 申报（认定）表 goes, relative to the year's output folder.
std::filesystem::path application_form_path(const records::Application& app);

class Renderer {
 public:
  Renderer(const config::Settings& settings, Options options);

  // The role fonts, loaded at the first document and reused for every other one.
  // Throws tws::EnvironmentError when a role has no font file.
  const typeset::FontSet& fonts();
  // fonts.ini entries whose file is absent (the role fell back to a later face).
  std::vector<std::string> font_substitutions();

  // `by`: the year's records by application.
  Document publicity(int year, const records::ByApplication& by,
                     const std::vector<rules::EligibilityResult>& eligibility,
                     const rules::SelectionResult& selection, const rules::PublicityPeriod& pub,
                     calendar::Day date);
  // `in`: the year's records by application (built once for all the forms of a year).
  Document application_form(int year, const records::ByApplication& in, const records::Application& app,
                            const rules::EligibilityResult& eligibility, const rules::Candidate* candidate,
                            calendar::Day date);
  // The 申报（认定）表 to fill in by hand, the 启动申报通知's 附件1: the same template with
  // every value empty, rows for 9 members and 4 honours, without the 资格审查 sections.
  Document blank_application_form(int year, calendar::Day date);
  // 启动申报通知 (第五条（一）): the conditions of 第四条 with the year's thresholds, the
  // materials of 第五条（二） and the schedule; dated the day of issue.
  Document call_notice(int year, const rules::CallSchedule& schedule, const std::string& number);
  Document approval_notice(int year, const records::YearInput& in, const rules::ApprovalResult& approval,
                           const rules::PublicityPeriod& pub, calendar::Day approval_date,
                           const std::string& number);
  Document assessment_report(int year, const rules::AssessmentOutcome& outcome, const rules::Registry& registry,
                             const rules::FundingPlan& plan, calendar::Day date, const std::string& number);
  Document funding_notice(int year, const rules::FundingPlan& plan, const rules::Registry& registry,
                          calendar::Day date);
  // 年度工作简报 (工作简报.pdf) for the school's leaders: the year in numbers, charts of the
  // grades by year, the funding by department and the stations in term by year, this
  // year's stations with their grades; every figure from `reg` (the registry).
  Document brief(int year, const BriefFigures& figures, const rules::Registry& reg, calendar::Day date);
  // NoticeFields → 通知.pdf (src/documents/notice.cpp). Throws DocumentError (a character
  // no font has, a bad 发文字号 or date) and std::invalid_argument (not 5 columns).
  Document notice(const NoticeFields& fields, calendar::Day date);
  // 授牌 (src/documents/certificates.cpp): the A4 landscape certificate of a station the
  // year's 认定通知 (`number`, dated `date`) approved, and the sign maker's list of the
  // plaques of `stations` (制牌清单, A4 portrait). No ID or phone numbers.
  Document certificate(int year, const rules::Station& station, const std::string& number, calendar::Day date);
  Document sign_list(int year, const std::vector<rules::Station>& stations, const std::string& number,
                     calendar::Day date);
  // The documents made from now on are marked as reissued on `date` (the 附注 line
  // under the 成文日期, words in the templates' {{#reissue}} blocks); nullopt: unmarked.
  void mark_reissue(std::optional<calendar::Day> date);

  // Renders n documents, make_one(renderer, i) for i in [0, n), on `jobs` worker threads
  // (jobs ≤ 1: in this thread, on this renderer). Each worker uses its own copy of this
  // renderer (the fonts are loaded first and shared read-only; libharu documents are per
  // call). Results come back in index order, so the output does not depend on the
  // number of workers; when documents fail, the exception of the lowest index is
  // rethrown — the one a sequential loop would have stopped at.
  std::vector<Document> render_all(std::size_t n, int jobs,
                                   const std::function<Document(Renderer&, std::size_t)>& make_one);
  // render_all without keeping the documents: each goes to `done(i, doc)` as soon as it
  // is made, on the thread that made it (so `done` must be thread-safe), and is dropped
  // when `done` returns. After a failure no further document is started past it; the
  // same exception is rethrown.
  void render_each(std::size_t n, int jobs, const std::function<Document(Renderer&, std::size_t)>& make_one,
                   const std::function<void(std::size_t, Document&&)>& done);

 private:
  // The PDF's Title is the printed title, followed by "：" + `which` when one template
  // makes a document per record (the 申报（认定）表: 申报编号 and 工作站名称).
  // `style`: the page (the GB/T 9704 A4 grid unless given); `background`: items drawn
  // on every page under the text (a certificate's border).
  Document make(const std::string& template_name, Context ctx, const std::filesystem::path& file,
                const std::string& origin, calendar::Day date, bool internal, bool red_header,
                const std::string& which = {}, const typeset::PageStyle& style = {},
                const std::vector<typeset::Item>& background = {});
  // The parsed template's blocks laid out, the 版记 placed for duplex printing.
  // The page breaks it inserts are inserted into `draft` too, when given.
  typeset::Layout lay_out(std::vector<typeset::Block> blocks, int colophon, Document& doc,
                          typeset::PageStyle style = {}, DraftBlocks* draft = nullptr);
  // User text checked against the fonts before layout; problems collected in pending_.
  void check(const Location& where, const std::string& field, const std::string& text);

  config::Settings settings_;
  Options options_;
  std::optional<typeset::FontSet> fonts_;
  // Template texts by name, read once per Renderer (not once per document: a year has
  // one 申报表 per application). Each worker's copy keeps its own.
  std::map<std::string, std::string> template_texts_;
  Diagnostics pending_;
  std::string reissue_;  // 2026年6月10日 while documents are marked as reissued
};

}  // namespace tws::documents

// 授牌 (issue 19 item 5): the certificate of each station a year's 认定通知 approved,
// on an A4 landscape page with a red and gold border, and the sign maker's list of the
// plaques (制牌清单). Words and layout in templates/documents/授牌证书.txt and
// 制牌清单.txt; the page and its border here.
#include "documents/documents.h"
#include "documents/template.h"

namespace tws::documents {
namespace fs = std::filesystem;
using namespace typeset;

namespace {

// A4 landscape, the text inside a border 12 mm from the edges; no page numbers.
PageStyle certificate_page() {
  PageStyle s;
  s.page_width = mm(297);
  s.page_height = mm(210);
  s.top = mm(30);
  s.left = mm(36);
  s.block_width = mm(225);
  s.block_height = mm(150);
  s.body_size = 20;
  s.chars_per_line = 31;
  s.lines_per_page = 12;
  s.page_numbers = false;
  return s;
}

// Two frames: a deep red rule outside, a thin gold one inside it.
std::vector<Item> certificate_border(const PageStyle& s) {
  const Rgb red{0.70, 0.08, 0.08}, gold{0.75, 0.58, 0.22};
  auto frame = [&](double inset, double width, Rgb colour) {
    BoxItem b;
    b.x = mm(inset);
    b.y = mm(inset);
    b.w = s.page_width - 2 * mm(inset);
    b.h = s.page_height - 2 * mm(inset);
    b.line_width = width;
    b.stroke = colour;
    return Item{b};
  };
  return {frame(12, 3.0, red), frame(15, 0.9, gold)};
}

Context year_context(const config::Settings& settings, int year) {
  Context c;
  c.set("institution", settings.institution.name)
      .set("hr_office", settings.institution.hr_office)
      .set("year", std::to_string(year));
  return c;
}

Context& station_fields(Context& c, const rules::Station& s) {
  return c.set("code", s.code)
      .set("name", s.name)
      .set("leader", s.leader)
      .set("department", s.department)
      .set("term_start", chinese_date(s.term_start))
      .set("term_end", chinese_date(s.term_end));
}

}  // namespace

Document Renderer::certificate(int year, const rules::Station& s, const std::string& number, calendar::Day date) {
  Context ctx = year_context(settings_, year);
  station_fields(ctx, s).set("docno", number).set("date", chinese_date(date));
  for (auto& [k, v] : ctx.text) check({"登记库"}, "工作站 " + s.code + " ", v);
  const fs::path file = fs::path("授牌") / (safe_file_name(s.code + "-" + s.name, 100) + ".pdf");
  const PageStyle page = certificate_page();
  auto make_one = [&](const char* compact) {
    Context c = ctx;
    c.set("compact", compact);
    return make("授牌证书", std::move(c), file, "授牌证书 " + s.code, date, false, false, s.code + " " + s.name, page,
                certificate_border(page));
  };
  // A very long name or department: set again without the spaces between the lines.
  Document doc = make_one("");
  return doc.pages > 1 ? make_one("是") : doc;
}

Document Renderer::sign_list(int year, const std::vector<rules::Station>& stations, const std::string& number,
                             calendar::Day date) {
  Context ctx = year_context(settings_, year);
  ctx.set("docno", number)
      .set("date", chinese_date(date))
      .set("month", std::to_string(int(date.year())) + "年" + std::to_string(unsigned(date.month())) + "月")
      .set("count", std::to_string(stations.size()));
  auto& rows = ctx.list("stations");
  int n = 0;
  for (const rules::Station& s : stations) {
    Context r;
    station_fields(r, s).set("n", std::to_string(++n));
    for (auto& [k, v] : r.text) check({"登记库"}, "工作站 " + s.code + " ", v);
    rows.push_back(std::move(r));
  }
  return make("制牌清单", std::move(ctx), fs::path("授牌") / "制牌清单.pdf", "制牌清单", date, false, false);
}

}  // namespace tws::documents

// Renderer::notice: a red-header notice from generic fields (documents.h NoticeFields),
// through templates/documents/通知.txt and Renderer::make — no layout of its own.
#include <stdexcept>
#include <utility>

#include "documents/documents.h"
#include "documents/template.h"

namespace tws::documents {

Document Renderer::notice(const NoticeFields& n, calendar::Day date) {
  auto cells = [](const std::vector<std::string>& v) {
    if (v.size() != 5) throw std::invalid_argument("通知附件表格应为 5 列，实为 " + std::to_string(v.size()) + " 列");
    Context r;
    for (std::size_t i = 0; i < 5; ++i) r.set("c" + std::to_string(i + 1), v[i]);
    return r;
  };
  Context ctx;
  ctx.set("issuer", n.issuer)
      .set("docno", n.docno)
      .set("title", n.title)
      .set("addressee", n.addressee)
      .set("attachment_note", n.attachment_note)
      .set("signature", n.signature)
      .set("date", n.date)
      .set("attachment_label", n.attachment_label)
      .set("table_title", n.table_title);
  const Location where{"通知"};
  for (auto& [k, v] : ctx.text) check(where, "", v);
  ctx.list("body");
  for (auto& [kind, text] : n.body) {
    if (kind != "p" && kind != "h1") throw std::invalid_argument("通知正文段落类型应为 p 或 h1，实为 " + kind);
    Context r;
    r.set("p", kind == "p" ? text : "").set("h1", kind == "h1" ? text : "");
    check(where, "", text);
    ctx.list("body").push_back(std::move(r));
  }
  ctx.list("header").push_back(cells(n.table_header));
  for (auto& row : n.rows) {
    Context r = cells(row);
    for (auto& [k, v] : r.text) check(where, "", v);
    ctx.list("rows").push_back(std::move(r));
  }
  return make("通知", std::move(ctx), "通知.pdf", "通知", date, false, true);
}

}  // namespace tws::documents

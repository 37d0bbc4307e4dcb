// Renderer::render_all (issue 7 §3): documents on worker threads come back in index
// order, byte-identical to a single-threaded render, and the error reported is the one
// of the lowest failing index (the one a sequential loop stops at). Also
// Renderer::notice (the bench's generic red-header notice). Skipped without the fonts.
#include <gtest/gtest.h>

#include <filesystem>

#include "documents/documents.h"

using namespace tws;
using namespace tws::documents;
namespace fs = std::filesystem;

namespace {

const fs::path kFontsIni = fs::path(TWS_SOURCE_DIR) / "fonts" / "fonts.ini";

bool have_fonts() {
  try {
    typeset::FontSet::load(kFontsIni);
    return true;
  } catch (...) {
    return false;
  }
}

Renderer renderer() {
  Options o;
  o.fonts_ini = kFontsIni;
  o.templates = fs::path(TWS_SOURCE_DIR) / "templates" / "documents";
  return Renderer(config::default_settings(), o);
}

NoticeFields notice(int k) {
  NoticeFields n;
  n.issuer = "德州职业技术学院文件";
  n.docno = "德职院政发〔2026〕" + std::to_string(10 + k) + "号";
  n.title = "德州职业技术学院关于认定2026年度“技师工作站”的通知";
  n.addressee = "各部门，各单位：";
  n.body = {{"p", "根据有关规定，学院研究决定，认定" + std::to_string(k + 2) + "个工作站。"},
            {"h1", "一、加强管理"},
            {"p", "各系部（院）负责技师工作站的日常管理。"}};
  n.attachment_note = "附件：2026年度“技师工作站”名单";
  n.signature = "德州职业技术学院";
  n.date = "2026年3月" + std::to_string(k + 1) + "日";
  n.attachment_label = "附件";
  n.table_title = "2026年度“技师工作站”名单";
  n.table_header = {"序号", "工作站名称", "所在部门", "领办人", "职业（工种）"};
  for (int i = 1; i <= k + 2; ++i)
    n.rows.push_back({std::to_string(i), "数控加工技师工作站", "机电工程系", "冯敏", "数控车工"});
  return n;
}

calendar::Day day(int k) {
  return calendar::Day{std::chrono::year(2026), std::chrono::month(3), std::chrono::day(unsigned(k + 1))};
}

}  // namespace

TEST(RenderAll, SameBytesInIndexOrderWhateverTheNumberOfWorkers) {
  if (!have_fonts()) GTEST_SKIP() << "fonts of fonts.ini absent";
  auto make = [](Renderer& r, std::size_t i) { return r.notice(notice(int(i)), day(int(i))); };
  Renderer one = renderer();
  auto a = one.render_all(5, 1, make);
  Renderer three = renderer();
  auto b = three.render_all(5, 3, make);
  ASSERT_EQ(a.size(), 5u);
  ASSERT_EQ(b.size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(a[i].bytes, b[i].bytes) << i;
    EXPECT_EQ(a[i].bytes.rfind("%PDF-", 0), 0u);
    if (i) {
      EXPECT_NE(a[i].bytes, a[i - 1].bytes);
    }
  }
}

TEST(RenderAll, ReportsTheLowestFailingIndex) {
  if (!have_fonts()) GTEST_SKIP() << "fonts of fonts.ini absent";
  Renderer r = renderer();
  auto make = [](Renderer&, std::size_t i) -> Document {
    if (i == 4 || i == 7 || i == 11) {
      Diagnostics d;
      d.error({"doc-" + std::to_string(i)}, "bad");
      throw DocumentError(std::move(d));
    }
    Document doc;
    doc.bytes = std::to_string(i);
    return doc;
  };
  for (int jobs : {1, 2, 4}) {
    try {
      r.render_all(12, jobs, make);
      ADD_FAILURE() << "no error with " << jobs << " workers";
    } catch (const DocumentError& e) {
      ASSERT_FALSE(e.diags.items().empty());
      EXPECT_EQ(e.diags.items().front().where.file, "doc-4") << jobs << " workers";
    }
    auto ok = r.render_all(4, jobs, make);
    ASSERT_EQ(ok.size(), 4u);
    for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(ok[i].bytes, std::to_string(i));
  }
}

TEST(Notice, BadDocumentNumberAndUndrawableTextAreDocumentErrors) {
  if (!have_fonts()) GTEST_SKIP() << "fonts of fonts.ini absent";
  Renderer r = renderer();
  NoticeFields n = notice(0);
  n.docno = "德职院政发[2026]12号";
  EXPECT_THROW(r.notice(n, day(0)), DocumentError);
  n = notice(0);
  n.rows[0][3] = "冯\U0002A6A5";  // outside the BMP
  EXPECT_THROW(r.notice(n, day(0)), DocumentError);
  n = notice(0);
  n.table_header.pop_back();
  EXPECT_THROW(r.notice(n, day(0)), std::invalid_argument);
  EXPECT_GT(r.notice(notice(0), day(0)).pages, 0);
}

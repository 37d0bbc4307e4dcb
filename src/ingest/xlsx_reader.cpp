// The .xlsx reader: package -> workbook part -> styles and shared strings ->
// each worksheet (sheet_reader.cpp). Every part is parsed streaming.
#include <charconv>
#include <map>

#include "ingest/messages.h"
#include "ingest/number_format.h"
#include "ingest/ole2.h"
#include "ingest/ooxml_text.h"
#include "ingest/opc_package.h"
#include "ingest/sheet_reader.h"
#include "ingest/workbook.h"
#include "ingest/xlsx_reader.h"
#include "ingest/zip_archive.h"

namespace tws::ingest {

namespace {

using namespace detail;

struct SheetEntry {
  std::string name, rel_id;
  bool hidden = false;
};

struct WorkbookInfo {
  bool is_workbook = false;
  bool date1904 = false;
  std::vector<SheetEntry> sheets;
};

bool xml_true(std::string_view v) { return v == "1" || v == "true"; }

class WorkbookHandler : public XmlHandler {
 public:
  void start(std::string_view ns, std::string_view local, const XmlAttrs& attrs) override {
    ++depth_;
    if (!is_main_ns(ns)) return;  // x15:workbookPr in extLst must not reset date1904
    if (depth_ == 1) info.is_workbook = local == "workbook";
    else if (depth_ == 2 && local == "workbookPr") read_workbook_pr(attrs);
    else if (depth_ == 3 && local == "sheet") read_sheet(attrs);
  }
  void end(std::string_view, std::string_view) override { --depth_; }

  WorkbookInfo info;

 private:
  void read_workbook_pr(const XmlAttrs& attrs) {
    if (const std::string_view* v = attrs.find("date1904")) info.date1904 = xml_true(*v);
  }

  void read_sheet(const XmlAttrs& attrs) {
    SheetEntry e;
    if (const std::string_view* name = attrs.find("name")) e.name = std::string(*name);
    if (const std::string_view* state = attrs.find("state"))
      e.hidden = *state == "hidden" || *state == "veryHidden";
    for (const auto& a : attrs.items)
      if (a.local == "id" && is_relationship_ns(a.ns)) e.rel_id = std::string(a.value);
    info.sheets.push_back(std::move(e));
  }

  int depth_ = 0;
};

class StylesHandler : public XmlHandler {
 public:
  void start(std::string_view ns, std::string_view local, const XmlAttrs& attrs) override {
    path_.push_back(is_main_ns(ns) ? std::string(local) : std::string());
    if (path_.size() == 3 && path_[1] == "numFmts" && local == "numFmt") read_num_fmt(attrs);
    if (path_.size() == 3 && path_[1] == "cellXfs" && local == "xf") read_xf(attrs);
  }
  void end(std::string_view, std::string_view) override { path_.pop_back(); }

  std::vector<XfFormat> formats() const {
    std::vector<XfFormat> out;
    for (uint32_t id : xf_format_ids_) {
      auto custom = custom_.find(id);
      // WPS redefines some built-in ids (41-44) with <numFmt>: those win.
      std::string code = custom != custom_.end() ? custom->second : builtin_format_code(id);
      if (code == "General" || code == "general" || code == "GENERAL") code.clear();
      out.push_back({code, shown_parts(code)});
    }
    return out;
  }

 private:
  static uint32_t id_of(const XmlAttrs& attrs) {
    const std::string_view* v = attrs.find("numFmtId");
    uint32_t id = 0;
    if (v) std::from_chars(v->data(), v->data() + v->size(), id);
    return id;
  }

  void read_num_fmt(const XmlAttrs& attrs) {
    const std::string_view* code = attrs.find("formatCode");
    if (code) custom_[id_of(attrs)] = std::string(*code);
  }

  void read_xf(const XmlAttrs& attrs) { xf_format_ids_.push_back(id_of(attrs)); }

  std::vector<std::string> path_;
  std::map<uint32_t, std::string> custom_;
  std::vector<uint32_t> xf_format_ids_;
};

// <sst><si> holds <t>, or rich-text runs <r><t>, plus phonetic <rPh><t> that
// are readings, not text: only the <t> of the <si> and of its <r> count.
class SharedStringsHandler : public XmlHandler {
 public:
  void start(std::string_view ns, std::string_view local, const XmlAttrs&) override {
    Kind kind = classify(stack_.empty(), stack_.empty() ? Kind::Other : stack_.back(), ns, local);
    stack_.push_back(kind);
    if (kind == Kind::Si) current_.clear();
    collecting_ = kind == Kind::T;
  }

  void end(std::string_view, std::string_view) override {
    Kind kind = stack_.back();
    stack_.pop_back();
    collecting_ = false;
    if (kind == Kind::Si) strings.push_back(decode_ooxml_escapes(current_));
  }

  void text(std::string_view chars) override {
    if (collecting_) current_.append(chars);
  }

  std::vector<std::string> strings;

 private:
  enum class Kind : uint8_t { Other, Sst, Si, Run, T };

  static Kind classify(bool root, Kind parent, std::string_view ns, std::string_view local) {
    if (!is_main_ns(ns)) return Kind::Other;
    if (root) return local == "sst" ? Kind::Sst : Kind::Other;
    if (parent == Kind::Sst && local == "si") return Kind::Si;
    if (parent == Kind::Si && local == "r") return Kind::Run;
    if ((parent == Kind::Si || parent == Kind::Run) && local == "t") return Kind::T;
    return Kind::Other;
  }

  std::vector<Kind> stack_;
  std::string current_;
  bool collecting_ = false;
};

std::string find_workbook_part(ZipArchive& zip, const ReadLimits& limits, const std::string& file) {
  for (const auto& rel : read_relationships(zip, "", limits, file))
    if (is_relationship_type(rel.type, "officeDocument") && zip.contains(rel.target)) return rel.target;
  if (zip.contains("xl/workbook.xml")) return "xl/workbook.xml";
  throw InputError(Location{file, "", 0, 0}, kNoWorkbook);
}

const Relationship* find_rel_by_type(const std::vector<Relationship>& rels, std::string_view kind) {
  for (const auto& r : rels)
    if (is_relationship_type(r.type, kind)) return &r;
  return nullptr;
}

const Relationship* find_rel_by_id(const std::vector<Relationship>& rels, std::string_view id) {
  for (const auto& r : rels)
    if (r.id == id) return &r;
  return nullptr;
}

std::vector<XfFormat> read_styles(ZipArchive& zip, const std::vector<Relationship>& rels,
                                  const ReadLimits& limits, const std::string& file) {
  const Relationship* rel = find_rel_by_type(rels, "styles");
  if (!rel || !zip.contains(rel->target)) return {};
  StylesHandler handler;
  parse_xml_part(zip, rel->target, handler, limits, file);
  return handler.formats();
}

std::vector<std::string> read_shared_strings(ZipArchive& zip, const std::vector<Relationship>& rels,
                                             const ReadLimits& limits, const std::string& file) {
  const Relationship* rel = find_rel_by_type(rels, "sharedStrings");
  if (!rel || !zip.contains(rel->target)) return {};
  SharedStringsHandler handler;
  parse_xml_part(zip, rel->target, handler, limits, file);
  return std::move(handler.strings);
}

}  // namespace

namespace detail {

void check_not_ole2(std::string_view bytes, const std::string& name) {
  switch (classify_ole2(bytes)) {
    case Ole2Kind::NotOle2: return;
    case Ole2Kind::LegacyXls: throw InputError(Location{name, "", 0, 0}, kLegacyXls);
    case Ole2Kind::EncryptedXls:
    case Ole2Kind::EncryptedOoxml: throw InputError(Location{name, "", 0, 0}, kEncrypted);
    case Ole2Kind::Other: throw InputError(Location{name, "", 0, 0}, kNotSpreadsheet);
  }
}

XlsxPackage::XlsxPackage(std::string_view bytes, std::string name, const ReadLimits& limits)
    : zip_(bytes, limits, name), name_(std::move(name)), limits_(limits) {
  std::string wb_part = find_workbook_part(zip_, limits_, name_);
  WorkbookHandler wb_handler;
  parse_xml_part(zip_, wb_part, wb_handler, limits_, name_);
  if (!wb_handler.info.is_workbook) throw InputError(Location{name_, "", 0, 0}, kNoWorkbook);
  date1904_ = wb_handler.info.date1904;
  auto rels = read_relationships(zip_, wb_part, limits_, name_);
  formats_ = read_styles(zip_, rels, limits_, name_);
  strings_ = read_shared_strings(zip_, rels, limits_, name_);
  notes_.resize(wb_handler.info.sheets.size());
  for (size_t i = 0; i < wb_handler.info.sheets.size(); ++i) {
    const SheetEntry& entry = wb_handler.info.sheets[i];
    const Relationship* rel = find_rel_by_id(rels, entry.rel_id);
    if (!rel || !zip_.contains(rel->target))
      throw InputError(Location{name_, entry.name, 0, 0}, std::string("找不到这个工作表的内容；") + kCorrupt);
    if (!is_relationship_type(rel->type, "worksheet")) {
      note(i, entry.name, "这是图表或宏表，不含单元格数据，已跳过");
      continue;
    }
    sheets_.push_back({entry.name, entry.hidden, rel->target, i});
  }
}

void XlsxPackage::note(size_t entry, const std::string& sheet, std::string message) {
  notes_[entry].push_back({Severity::Warning, Location{name_, sheet, 0, 0}, std::move(message)});
}

void XlsxPackage::read(size_t index, const std::function<void(const SheetScan&)>& begin,
                       const std::function<void(Row&&)>& each) {
  const Worksheet& ws = sheets_.at(index);
  SheetContext ctx{strings_, formats_, date1904_, limits_, name_, budget_, notes_[ws.entry]};
  SheetScan scan = scan_sheet(zip_, ws.part, ctx, ws.name);
  if (scan.ordered) {
    begin(scan);
    stream_sheet(zip_, ws.part, ctx, ws.name, each);
  } else {
    // Rows out of order or given twice (rare; some converters) are sorted and merged in
    // memory first.
    Sheet sheet;
    sheet.name = ws.name;
    read_sheet(zip_, ws.part, ctx, sheet);
    scan.rows = sheet.rows.size();
    begin(scan);
    for (auto& row : sheet.rows) each(std::move(row));
  }
  if (ws.hidden) note(ws.entry, ws.name, "这是隐藏的工作表，已照常读取；请确认其中的数据确实需要提交");
}

void XlsxPackage::check_xml_parts(bool declared) {
  struct Ignore : XmlHandler {
    void start(std::string_view, std::string_view, const XmlAttrs&) override {}
    void end(std::string_view, std::string_view) override {}
  } ignore;
  for (const std::string& part : zip_.part_names()) {
    if (!part.ends_with(".xml") && !part.ends_with(".rels") && !part.ends_with(".vml")) continue;
    XmlParser parser(ignore, limits_.max_xml_depth, name_, part);
    std::string head;
    zip_.read(part, [&](std::string_view chunk) {
      if (head.size() < 5) head.append(chunk.substr(0, 5 - head.size()));
      parser.feed(chunk);
    });
    parser.finish();
    if (declared && head != "<?xml") throw InputError(Location{name_, "", 0, 0}, part + " 缺少 XML 声明");
  }
}

std::vector<Diagnostic> XlsxPackage::warnings() const {
  std::vector<Diagnostic> all;
  for (auto& n : notes_) all.insert(all.end(), n.begin(), n.end());
  return all;
}

Workbook read_xlsx_package(std::string_view bytes, const std::string& name, const ReadLimits& limits) {
  XlsxPackage package(bytes, name, limits);
  Workbook wb;
  wb.source = name;
  for (size_t i = 0; i < package.sheet_count(); ++i) {
    Sheet sheet;
    sheet.name = package.sheet_name(i);
    sheet.hidden = package.hidden(i);
    package.read(
        i, [&](const SheetScan& scan) {
          sheet.merged = scan.merged;
          sheet.rows.reserve(scan.rows);
        },
        [&](Row&& row) { sheet.rows.push_back(std::move(row)); });
    wb.sheets.push_back(std::move(sheet));
  }
  wb.warnings = package.warnings();
  return wb;
}

}  // namespace detail

Workbook read_xlsx_bytes(std::string_view bytes, const std::string& name, const ReadLimits& limits) {
  if (bytes.empty()) throw InputError(Location{name, "", 0, 0}, detail::kEmptyFile);
  if (bytes.size() > limits.max_file_bytes)
    throw InputError(Location{name, "", 0, 0}, detail::file_limit_message(limits.max_file_bytes));
  detail::check_not_ole2(bytes, name);
  return detail::read_xlsx_package(bytes, name, limits);
}

}  // namespace tws::ingest

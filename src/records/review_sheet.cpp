#include "records/review_sheet.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include "common/sha256.h"
#include "common/strings.h"
#include "ingest/workbook.h"

namespace tws::records {
namespace fs = std::filesystem;
namespace {

// 40, 40.5: a bound or points as a header shows them.
std::string num(double v) {
  std::ostringstream out;
  out.precision(15);
  out << v;
  return out.str();
}

// What the id is taken over: every pre-filled value but the expert's line.
std::string sheet_payload(const ReviewSheet& s) {
  std::string p = "tws 专家评分表\n" + std::to_string(s.year) + "\n" + s.expert + "\n" + s.institution + "\n" +
                  num(s.score_min) + "–" + num(s.score_max) + "\n";
  for (auto& i : s.items) p += i.name + ":" + num(i.points) + "\n";
  for (auto& e : s.entries)
    p += e.id + '\x1f' + e.station + '\x1f' + e.department + '\x1f' + e.leader + '\x1f' + e.result + '\x1f' + e.hints + '\x1e';
  return p;
}

std::string items_text(const ReviewSheet& s) {
  if (s.items.empty()) return "评分 " + num(s.score_min) + "–" + num(s.score_max) + " 分";
  std::vector<std::string> parts;
  for (auto& i : s.items) parts.push_back(i.name + " " + num(i.points) + " 分");
  return join(parts, "、");
}

Location cell_at(const fs::path& file, const char* sheet, uint32_t row, uint32_t col) {
  return {file.string(), sheet, int(row) + 1, int(col) + 1};
}

}  // namespace

ReviewSheet make_review_sheet(int year, const std::string& expert, std::vector<ReviewEntry> entries,
                              const config::Settings& s) {
  ReviewSheet r;
  r.year = year;
  r.institution = s.institution.name;
  r.expert = expert;
  r.entries = std::move(entries);
  r.items = s.review.criteria;
  r.score_min = s.selection.score_min;
  r.score_max = s.selection.score_max;
  r.id = std::to_string(year) + "-" + sha256_hex(sheet_payload(r)).substr(0, 12);
  return r;
}

uint32_t review_score_col(const ReviewSheet& s) { return kReviewFirstItemCol + uint32_t(s.items.size()); }
uint32_t review_columns(const ReviewSheet& s) { return review_score_col(s) + 2; }

std::vector<ReviewCell> review_cells(const ReviewSheet& s) {
  using K = ReviewCellKind;
  std::vector<ReviewCell> cells;
  auto add = [&](uint32_t row, uint32_t col, K kind, std::string text) {
    cells.push_back({row, col, kind, std::move(text)});
    return &cells.back();
  };
  add(0, 0, K::Title, s.institution + std::to_string(s.year) + "年度“技师工作站”专家评分表");
  add(1, 0, K::Label, "评审专家：" + s.expert + "　　评分表编号：" + s.id + "　　共" + std::to_string(s.entries.size()) +
                          "项申报");
  std::vector<std::string> heads = {"序号", "申报编号", "工作站名称", "所在部门", "领办人", "资格审查", "提示事项"};
  for (auto& i : s.items) heads.push_back(i.name + "\n（" + num(i.points) + "分）");
  heads.push_back(s.items.empty() ? "评分\n（" + num(s.score_min) + "–" + num(s.score_max) + "）"
                                  : "合计\n（" + num(s.score_max) + "分）");
  heads.push_back("评审意见");
  for (uint32_t c = 0; c < heads.size(); ++c) add(kReviewHeaderRow, c, K::Header, heads[c]);
  const uint32_t score = review_score_col(s);
  for (uint32_t k = 0; k < s.entries.size(); ++k) {
    const ReviewEntry& e = s.entries[k];
    const uint32_t row = kReviewFirstEntryRow + k;
    add(row, 0, K::Number, std::to_string(k + 1))->number = k + 1;
    const std::string* texts[] = {&e.id, &e.station, &e.department, &e.leader, &e.result, &e.hints};
    for (uint32_t c = 0; c < 6; ++c) add(row, c + 1, K::Text, *texts[c]);
    for (uint32_t i = 0; i < s.items.size(); ++i) {
      ReviewCell* c = add(row, kReviewFirstItemCol + i, K::Score, "");
      c->high = s.items[i].points;
    }
    ReviewCell* c = add(row, score, s.items.empty() ? K::Score : K::Total, "");
    c->low = s.score_min;
    c->high = s.score_max;
    add(row, score + 1, K::Opinion, "");
  }
  add(kReviewFirstEntryRow + uint32_t(s.entries.size()) + 1, 0, K::Signature,
      "评审专家（签名）：　　　　　　　　　　　　评审日期：　　　　年　　月　　日");
  return cells;
}

std::vector<std::pair<std::string, std::string>> review_info(const ReviewSheet& s) {
  return {{"评分表编号", s.id},
          {"年度", std::to_string(s.year)},
          {"评审专家", s.expert},
          {"申报项数", std::to_string(s.entries.size())},
          {"评分项", items_text(s)},
          {"说明", "本工作表由 tws review-sheets 生成，tws 凭评分表编号识别交回的评分表，请勿改动"}};
}

namespace {

// The non-empty cells of a sheet by (row, col), as a reader shows them.
std::map<std::pair<uint32_t, uint32_t>, std::string> shown_cells(const ingest::Sheet& sheet) {
  std::map<std::pair<uint32_t, uint32_t>, std::string> cells;
  for (auto& row : sheet.rows)
    for (uint32_t c = 0; c < row.cells.size(); ++c)
      if (!row.cells[c].empty()) cells[{row.index, c}] = ingest::display(row.cells[c]);
  return cells;
}

// One entry row of a returned sheet: each score cell checked at its cell (filled, a
// number within its bounds; with items, their sum within the range and the 合计 that
// sum); the review when every one is valid.
class ScoreReader {
 public:
  ScoreReader(const fs::path& file, const ReviewSheet& shape, Diagnostics& diags)
      : file_(file), shape_(shape), diags_(diags) {}

  std::optional<Review> read(const ingest::Row& row, const std::string& expert, size_t& scored) {
    Review v;
    v.application_id = clean_code(cell_text(cell(row, 1)));
    bool ok = true;
    double sum = 0;
    const uint32_t score = review_score_col(shape_);
    for (uint32_t i = 0; i < shape_.items.size(); ++i) {
      auto x = take(row, kReviewFirstItemCol + i, 0, shape_.items[i].points, "“" + shape_.items[i].name + "”", v, scored);
      ok = ok && x;
      sum += x.value_or(0);
    }
    if (shape_.items.empty()) {
      auto x = take(row, score, shape_.score_min, shape_.score_max, "", v, scored);
      ok = ok && x;
      sum = x.value_or(0);
    } else if (ok) {
      ok = check_total(row, std::round(sum * 100) / 100, v);
    }
    const ingest::Cell& opinion = cell(row, score + 1);
    v.opinion = clean_text(cell_text(opinion));
    if (std::string why = unprintable_reason(v.opinion); !why.empty() || char_count(v.opinion) > 500) {
      diags_.error(at(row, score + 1), "评审意见" + (why.empty() ? "过长：最多 500 个字" : why));
      ok = false;
    }
    v.where = at(row, score);
    v.expert = expert;
    v.score = std::round(sum * 100) / 100;
    if (!ok) return std::nullopt;
    return v;
  }

 private:
  const ingest::Cell& cell(const ingest::Row& row, uint32_t col) const {
    static const ingest::Cell empty;
    const ingest::Cell* c = row.at(col);
    return c ? *c : empty;
  }
  Location at(const ingest::Row& row, uint32_t col) const { return cell_at(file_, kReviewSheetName, row.index, col); }

  std::optional<double> take(const ingest::Row& row, uint32_t col, double lo, double hi, const std::string& what,
                             const Review& v, size_t& scored) {
    const ingest::Cell& c = cell(row, col);
    if (c.empty()) {
      diags_.error(at(row, col), "申报 " + v.application_id + " 的" + what + "评分未填写：每项申报都须评分");
      return std::nullopt;
    }
    ++scored;
    Parsed<double> p = parse_score(c);
    if (!p.value) {
      diags_.error(at(row, col), p.reason);
      return std::nullopt;
    }
    if (*p.value < lo || *p.value > hi) {
      diags_.error(at(row, col), "分数 " + cell_text(c) + " 超出 " + num(lo) + "–" + num(hi) + " 的范围");
      return std::nullopt;
    }
    return p.value;
  }

  // The 合计 cell holds a formula: a value saved with it must be the items' sum.
  bool check_total(const ingest::Row& row, double sum, const Review& v) {
    const uint32_t col = review_score_col(shape_);
    const ingest::Cell& c = cell(row, col);
    if (c.type == ingest::CellType::Number && std::abs(c.number - sum) > 0.005) {
      diags_.error(at(row, col), "合计 " + cell_text(c) + " 与各项评分之和 " + num(sum) +
                                     " 不符：合计由公式计算，请勿改动");
      return false;
    }
    if (sum < shape_.score_min || sum > shape_.score_max) {
      diags_.error(at(row, col), "申报 " + v.application_id + " 的合计 " + num(sum) + " 超出 " + num(shape_.score_min) +
                                     "–" + num(shape_.score_max) + " 的范围");
      return false;
    }
    return true;
  }

  const fs::path& file_;
  const ReviewSheet& shape_;
  Diagnostics& diags_;
};

// The sheet's id and expert from 评分表信息 (label in column A, value in B).
void read_info(ReturnedSheet& r, const ingest::Sheet& info) {
  for (auto& row : info.rows) {
    const ingest::Cell* label = row.at(0);
    const ingest::Cell* value = row.at(1);
    if (!label || !value) continue;
    const std::string l = ingest::display(*label);
    if (l == "评分表编号") {
      r.id = clean_code(ingest::display(*value));
      r.id_where = cell_at(r.file, kReviewInfoName, row.index, 1);
    } else if (l == "评审专家") {
      r.expert = clean_text(ingest::display(*value));
      r.expert_where = cell_at(r.file, kReviewInfoName, row.index, 1);
    }
  }
}

std::optional<ReturnedSheet> read_sheet(const fs::path& file, const config::Settings& s, Diagnostics& diags,
                                        std::string& sha256, std::vector<Review>& reviews) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    diags.error({file.string()}, "无法打开文件");
    return std::nullopt;
  }
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  sha256 = sha256_hex(bytes);
  ingest::Workbook wb;
  try {
    wb = ingest::read_workbook_bytes(bytes, file.string());
  } catch (const InputError& e) {
    Location where = e.where;
    if (where.file.empty()) where.file = file.string();
    diags.error(where, e.message);
    return std::nullopt;
  }
  for (auto& w : wb.warnings)
    if (w.where.sheet != kReviewInfoName) diags.add(w);  // hidden by tws itself
  const ingest::Sheet* info = wb.find_sheet(kReviewInfoName);
  const ingest::Sheet* sheet = wb.find_sheet(kReviewSheetName);
  ReturnedSheet r;
  r.file = file;
  if (info) read_info(r, *info);
  if (!sheet || r.id.empty()) {
    diags.error({file.string()}, std::string("不是 tws review-sheets 生成的专家评分表（找不到工作表“") +
                                     (sheet ? kReviewInfoName : kReviewSheetName) +
                                     "”或其中的评分表编号）：reviews 文件夹只放专家交回的评分表，评分表须保持原样，"
                                     "只填写评分和评审意见");
    return std::nullopt;
  }
  r.cells = shown_cells(*sheet);
  r.info = shown_cells(*info);
  const ReviewSheet shape = make_review_sheet(0, r.expert, {}, s);
  ScoreReader scores(file, shape, diags);
  // The entries follow the header; they end at the first row without a 申报编号.
  for (auto& row : sheet->rows) {
    if (row.index < kReviewFirstEntryRow) continue;
    const ingest::Cell* id = row.at(1);
    if (!id || id->empty()) break;
    if (auto v = scores.read(row, r.expert, r.scored)) reviews.push_back(std::move(*v));
  }
  return r;
}

// Hidden files and Excel's lock files (~$张三.xlsx) are not returns.
bool listed_file(const fs::path& p) {
  const std::string name = p.filename().string();
  return name.rfind(".", 0) != 0 && name.rfind("~$", 0) != 0;
}

}  // namespace

std::optional<ReturnedSheet> read_returned_sheet(const fs::path& file, const config::Settings& s, Diagnostics& diags,
                                                 std::string& sha256) {
  std::vector<Review> ignored;
  return read_sheet(file, s, diags, sha256, ignored);
}

void read_returned_sheets(YearInput& in, const config::Settings& s, Diagnostics& diags) {
  const fs::path dir = in.dir / "reviews";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return;
  std::vector<fs::path> files;
  for (auto& e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file(ec) && listed_file(e.path())) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  struct Read {
    ReturnedSheet sheet;
    std::vector<Review> reviews;
  };
  std::vector<Read> read;
  for (auto& f : files) {
    in.returned_files.push_back(f);
    const std::string ext = lower_ascii(f.extension().string());
    if (ext != ".xlsx" && ext != ".xlsm") {
      diags.warning({f.string()}, "未读取：reviews 文件夹只放专家交回的专家评分表（.xlsx）");
      continue;
    }
    std::string sha;
    Read r;
    auto sheet = read_sheet(f, s, diags, sha, r.reviews);
    if (!sha.empty()) in.file_sha256[f.string()] = sha;
    if (!sheet) continue;
    r.sheet = std::move(*sheet);
    read.push_back(std::move(r));
  }
  const std::vector<std::string>& experts = s.review.experts;
  const std::string ini = s.where.count("review.experts") ? s.where.at("review.experts").file
                                                          : (in.dir / "tws.ini").string();
  if (!read.empty() && experts.empty())
    diags.error({dir.string()}, "这里有交回的专家评分表，但没有设置评审专家：请在 " + (in.dir / "tws.ini").string() +
                                    " 的 [review] 中填写 experts（如 experts = 张三、李四）");
  // In the order of [review] experts, so each application's scores come in that order.
  auto rank = [&](const Read& r) { return std::find(experts.begin(), experts.end(), r.sheet.expert) - experts.begin(); };
  std::stable_sort(read.begin(), read.end(), [&](const Read& a, const Read& b) { return rank(a) < rank(b); });
  std::map<std::string, std::pair<std::string, std::string>> seen;  // expert → file, id
  // reviews.xlsx's (expert, 申报编号) pairs: a score given there and in a sheet is given twice.
  std::set<std::pair<std::string, std::string>> scored;
  for (auto& v : in.reviews) scored.emplace(v.expert, v.application_id);
  for (Read& r : read) {
    const ReturnedSheet& sh = r.sheet;
    const std::string year = sh.id.substr(0, sh.id.find('-'));
    if (year != std::to_string(in.year)) {
      diags.error(sh.id_where, "这是 " + year + " 年度的专家评分表（评分表编号 " + sh.id + "），不是 " +
                                   std::to_string(in.year) + " 年度的：请移走");
      continue;
    }
    if (!experts.empty() && std::find(experts.begin(), experts.end(), sh.expert) == experts.end()) {
      diags.error(sh.expert_where, "评审专家“" + sh.expert + "”不在 " + ini + " 的 [review] experts（" +
                                       join(experts, "、") + "）中");
      continue;
    }
    auto [it, fresh] = seen.emplace(sh.expert, std::pair{sh.file.string(), sh.id});
    if (!fresh) {
      diags.error(sh.expert_where, "评审专家“" + sh.expert + "”的评分表交回了两份：另一份是 " + it->second.first +
                                       (it->second.second == sh.id ? "（评分表编号相同）" : "（评分表编号不同）") +
                                       "。每位专家只能交回一份，请删去或移走其中一份");
      continue;
    }
    for (auto& v : r.reviews) {
      if (scored.count({v.expert, v.application_id}))
        diags.error(v.where, "专家“" + v.expert + "”对申报“" + v.application_id +
                                 "”的评分已填在 reviews.xlsx 中：同一评分只能交一次，请删去其中一处");
      in.reviews.push_back(std::move(v));
    }
    in.returned.push_back(std::move(r.sheet));
  }
}

void compare_returned(const ReturnedSheet& got, const ReviewSheet& expected, Diagnostics& diags) {
  if (got.id != expected.id) {
    diags.error(got.id_where,
                "评分表编号“" + got.id + "”与按现在的申报材料为专家“" + expected.expert + "”生成的“" + expected.id +
                    "”不同：评分表发出后，申报材料、资格审查结果、[review] criteria 或评分范围有改动（或编号被改动）。"
                    "请重新运行 tws review-sheets --year " + std::to_string(expected.year) +
                    "，把新的评分表发给专家重新评分，或把该专家的评分录入 reviews.xlsx");
    return;
  }
  constexpr int kMaxReported = 10;  // a shifted block would otherwise be reported cell by cell
  int reported = 0, more = 0;
  auto differs = [&](const Location& where, const std::string& was, const std::string& now) {
    if (reported++ >= kMaxReported) return void(++more);
    if (was.empty())
      diags.error(where, "此单元格原为空，不能填写（评分表只填写评分和评审意见）：现为“" + now + "”");
    else
      diags.error(where, "此单元格是预填内容，不能改动：原为“" + was + "”，现为" + (now.empty() ? "空" : "“" + now + "”"));
  };
  auto compare = [&](const std::map<std::pair<uint32_t, uint32_t>, std::string>& want,
                     const std::map<std::pair<uint32_t, uint32_t>, std::string>& have,
                     const std::set<std::pair<uint32_t, uint32_t>>& inputs, const char* sheet) {
    for (auto& [at, text] : want) {
      auto it = have.find(at);
      const std::string now = it == have.end() ? "" : it->second;
      if (now != text) differs(cell_at(got.file, sheet, at.first, at.second), text, now);
    }
    for (auto& [at, text] : have)
      if (!want.count(at) && !inputs.count(at)) differs(cell_at(got.file, sheet, at.first, at.second), "", text);
  };
  std::map<std::pair<uint32_t, uint32_t>, std::string> fixed, info;
  std::set<std::pair<uint32_t, uint32_t>> inputs;
  for (auto& c : review_cells(expected)) {
    const bool input = c.kind == ReviewCellKind::Score || c.kind == ReviewCellKind::Total || c.kind == ReviewCellKind::Opinion;
    if (input) inputs.insert({c.row, c.col});
    else if (!c.text.empty()) fixed[{c.row, c.col}] = c.text;
  }
  uint32_t row = 0;
  for (auto& [label, value] : review_info(expected)) {
    info[{row, 0}] = label;
    info[{row++, 1}] = value;
  }
  compare(fixed, got.cells, inputs, kReviewSheetName);
  compare(info, got.info, {}, kReviewInfoName);
  if (more > 0)
    diags.error({got.file.string(), kReviewSheetName}, "另有 " + std::to_string(more) + " 处预填内容被改动（未逐一列出）");
}

}  // namespace tws::records

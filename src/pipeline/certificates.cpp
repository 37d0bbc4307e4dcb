// `tws certificates` (授牌): the year's approval as the registry recorded it (the
// stations approved that year, the 认定通知's 发文字号 and date) made into one A4
// landscape certificate per station and the sign maker's list, in output/<year>/授牌/.
#include "pipeline/certificates.h"

#include <algorithm>
#include <fstream>
#include <iterator>

#include "common/atomic_file.h"
#include "common/run_lock.h"
#include "pipeline/overview.h"
#include "pipeline/phase.h"
#include "pipeline/prefilled.h"

namespace tws::pipeline {
namespace fs = std::filesystem;
namespace {

std::string file_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The year as the certificates see it: its settings and output folder.
detail::Year certificate_year(const RunOptions& opt) {
  detail::Year y;
  y.opt = opt;
  y.settings = year_settings(opt);
  y.out_dir = opt.output / std::to_string(opt.year);
  return y;
}

// The stations the year's 认定通知 approved, by code.
std::vector<rules::Station> approved_in(const rules::Registry& reg, int year) {
  std::vector<rules::Station> out;
  for (const rules::Station& s : reg.stations)
    if (s.first_year == year) out.push_back(s);
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.code < b.code; });
  return out;
}

}  // namespace

CertificatesReport write_certificates(const RunOptions& opt, bool force) {
  const std::string year = std::to_string(opt.year);
  const fs::path reg_path = registry_path(opt);
  if (!fs::exists(reg_path))
    throw InputError({reg_path.string()}, "登记库不存在：尚未运行任何环节，无法制作授牌证书");
  RunLock lock(reg_path);
  registry::RegistryDb db(reg_path);
  if (!db.phase_record(opt.year, "approve"))
    throw InputError({reg_path.string()}, year + " 年度尚未认定（登记库中没有该年度的认定记录），无法制作授牌证书；"
                                                 "请在认定通知印发后（tws approve --year " + year + "）再运行");
  const auto notice = db.issued_document(opt.year, "认定通知");
  const std::vector<rules::Station> stations = approved_in(db.load(), opt.year);
  if (!notice || stations.empty())
    throw InputError({reg_path.string()}, year + " 年度的认定没有认定任何工作站（未印发认定通知），没有需要授牌的工作站");

  detail::Year y = certificate_year(opt);
  const Date date = parse_iso(notice->date);
  std::vector<documents::Document> docs;
  try {
    auto& r = detail::renderer(y);
    for (const rules::Station& s : stations) docs.push_back(r.certificate(opt.year, s, notice->number, date));
    docs.push_back(r.sign_list(opt.year, stations, notice->number, date));
  } catch (const documents::DocumentError& e) {
    const Diagnostic& first = e.diags.items().front();
    throw InputError(first.where, first.message + "（授牌证书未写入任何文件）");
  }

  CertificatesReport report;
  for (const rules::Station& s : stations)
    if (s.revoked_on)
      report.notes.push_back("工作站 " + s.code + "“" + s.name + "”已于 " + iso(*s.revoked_on) +
                             " 撤销资格（第七条）：其证书按认定时的记录制作，请勿再授牌");
  // Every file checked before any is written: a file someone else put there, or one
  // tws wrote before a corrected approval, is never replaced without --force.
  std::vector<const documents::Document*> to_write;
  for (const auto& d : docs) {
    const fs::path target = y.out_dir / d.path;
    std::error_code ec;
    const fs::file_status st = fs::symlink_status(target, ec);
    if (!fs::exists(st)) {
      to_write.push_back(&d);
    } else if (fs::is_regular_file(st) && file_bytes(target) == d.bytes) {
      report.unchanged.push_back(target.string());
    } else if (!fs::is_regular_file(st)) {
      throw InputError({target.string()}, "已存在且不是普通文件，授牌证书未写入任何文件");
    } else if (!force) {
      throw InputError({target.string()}, "文件已存在且内容与本次生成的不同（可能是更正认定前的证书，或他人放入的文件），"
                                          "授牌证书未写入任何文件；确需覆盖时加 --force");
    } else {
      to_write.push_back(&d);
    }
  }
  for (const auto* d : to_write) {
    const fs::path target = y.out_dir / d->path;
    make_folders(target.parent_path());
    write_file_atomically(target, d->bytes, d->mode);
    report.written.push_back(target.string());
  }
  return report;
}

}  // namespace tws::pipeline

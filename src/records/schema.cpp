#include "records/schema.h"

#include <map>
#include <regex>
#include <stdexcept>

#include "records/values.h"

namespace tws::records {
namespace {

using F = FieldType;

ColumnSpec col(std::string name, F type, bool required, bool value_required,
               std::vector<std::string> aliases, std::string hint,
               std::vector<std::string> choices = {}) {
  return {std::move(name), std::move(aliases), type, required, value_required,
          std::move(choices), std::move(hint)};
}

// The longest value each column takes, in characters: a cell past it is an error (a
// 32,767-character station name would fill a hundred pages of the 公示名单). People's
// names are short, names of stations, departments and honours fit a table cell,
// free text fits a form's box.
std::size_t max_chars(const ColumnSpec& c) {
  static const std::map<std::string, std::size_t> by_name = {
      {"领办人", 20}, {"姓名", 20}, {"专家", 20},
      {"工作站名称", 50}, {"所在部门", 40}, {"职业（工种）", 40}, {"工种", 40},
      {"名称", 100}, {"领办人职业资格", 40}, {"职业资格", 40},
      {"主要设备", 500}, {"制度与项目经历", 500}, {"工作计划", 500}, {"部门支持", 500},
      {"意见", 500}, {"异议事由", 500}, {"备注", 200}, {"说明", 500},
  };
  if (auto it = by_name.find(c.name); it != by_name.end()) return it->second;
  switch (c.type) {
    case F::Text: return 200;
    case F::Code: return 40;
    default: return 0;  // parsed values: their parsers bound them
  }
}

std::vector<FileSpec> build() {
  const std::vector<std::string> yes_no = {"是", "否"};
  FileSpec applications{
      "applications.xlsx", "技师工作站申报汇总",
      {
          {"申报汇总", {"申报表", "申报信息"}, {
               col("申报编号", F::Code, true, true, {"编号", "申报序号"}, "每个申报唯一，写作“年度-序号”，如 2026-01；保持文本格式"),
               col("工作站名称", F::Text, true, true, {"名称", "技师工作站名称"}, "如“数控加工技师工作站”"),
               col("所在部门", F::Text, true, true, {"部门", "所在系部", "系部（院）", "所在系部（院）", "依托部门"}, "依托的系部（院）"),
               col("职业（工种）", F::Text, true, true, {"职业", "工种", "职业工种"}, "申请工作站的职业（工种）"),
               col("领办人", F::Text, true, true, {"领办人姓名"}, "高技能领军人才姓名"),
               col("领办人身份证号", F::IdNumber, true, true, {"身份证号", "领办人身份证", "身份证号码"}, "18 位，文本格式，不公开"),
               col("领办人职业资格", F::Qualification, true, true, {"职业资格", "领办人职业资格等级"}, "如 高级技师、一级/高级技师"),
               col("联系电话", F::Phone, true, false, {"电话", "手机", "手机号码", "联系方式"}, "不公开"),
               col("工作场所面积", F::Decimal, true, true, {"固定工作场所面积", "场所面积", "工作场所面积（平方米）", "面积"}, "平方米，第四条（三）一般不少于 60"),
               col("主要设备", F::Text, true, false, {"主要仪器设备", "仪器设备"}, "先进生产科研仪器设备，第四条（四）"),
               col("年培养目标", F::Integer, true, true, {"年培养人数", "每年培养高技能人才数"}, "每年培养高技能人才人数，第四条（五）不少于 10"),
               col("制度与项目经历", F::Text, true, false, {"制度与项目", "制度体系与项目经历", "项目经历"}, "培养、评价、激励制度；独立承担校级及以上重大项目，第四条（二）"),
               col("工作计划", F::Text, true, false, {"工作计划与目标", "工作制度与计划"}, "工作制度、计划、目标和预期收益，第四条（五）"),
               col("部门支持", F::Text, true, false, {"部门支持措施", "系部支持"}, "人力、物力保障，第四条（六）"),
               col("材料齐全", F::YesNo, true, true, {"材料是否齐全", "申报材料齐全"}, "申报（认定）表、申请报告、证书", yes_no),
               col("上一聘期编号", F::Code, false, false, {"原工作站编号", "上一聘期工作站编号"}, "聘期满后重新申报时填写"),
           }},
          {"入站人员", {"成员", "入站成员", "人员"}, {
               col("申报编号", F::Code, true, true, {"编号"}, "与申报汇总一致"),
               col("姓名", F::Text, true, true, {"成员姓名"}, ""),
               col("身份证号", F::IdNumber, true, true, {"身份证号码"}, "18 位，文本格式，不公开"),
               col("职业资格", F::Qualification, true, true, {"职业资格等级", "技能等级"}, "如 技师、二级/技师、高级技师"),
               col("工种", F::Text, true, false, {"职业（工种）", "职业"}, ""),
               col("证书编号", F::Code, true, false, {"职业资格证书编号"}, ""),
               col("是否领办人", F::YesNo, true, true, {"领办人"}, "领办人本人填“是”", yes_no),
           }},
          {"荣誉与竞赛", {"荣誉", "荣誉竞赛", "获奖情况"}, {
               col("申报编号", F::Code, true, true, {"编号"}, "与申报汇总一致"),
               col("类型", F::Choice, true, true, {"荣誉类型"}, "荣誉 或 竞赛", {"荣誉", "竞赛"}),
               col("名称", F::Text, true, true, {"荣誉名称", "竞赛名称", "荣誉（竞赛）名称"}, "如 山东省技术能手"),
               col("级别", F::Choice, true, false, {"竞赛级别", "等级"}, "竞赛填写：国家级一类…市级二类；荣誉可填 国家级、省级、市级",
                   {"国家级一类", "国家级二类", "省级一类", "省级二类", "市级一类", "市级二类", "其他", "国家级", "省级", "市级"}),
               col("名次", F::Rank, true, false, {"获奖名次", "排名"}, "竞赛名次，如 1、第1名 或 第一名"),
               col("参赛形式", F::Choice, false, false, {"个人/团体"}, "个人 或 团体", {"个人", "团体"}),
               col("年份", F::Year, true, false, {"获得年份", "获奖年份"}, "如 2021 或 2021年；写成日期的取其年份"),
               col("证书编号", F::Code, true, false, {}, ""),
           }},
      }};
  FileSpec reviews{
      "reviews.xlsx", "技师工作站专家评分",
      {{"专家评分", {"评分", "评审"}, {
            col("申报编号", F::Code, true, true, {"编号"}, ""),
            col("专家", F::Text, true, true, {"专家姓名", "评审专家"}, ""),
            col("评分", F::Score, true, true, {"分数", "得分"}, "0–100，如 85 或 85分"),
            col("意见", F::Text, true, false, {"评审意见"}, ""),
        }},
       // 资格核实: HR's finding on a 待核实 item of the 资格审查汇总 (optional sheet).
       {"资格核实", {"核实"}, {
            col("申报编号", F::Code, true, true, {"编号"}, "资格审查中有待核实事项的申报"),
            col("条款", F::Code, true, true, {"核实条款"}, "待核实事项所依据的条款，照资格审查汇总填写，如 第四条（一）、第三条"),
            col("结论", F::Choice, true, true, {"核实结论"}, "通过 或 不通过", {"通过", "不通过"}),
            col("说明", F::Text, true, true, {"核实说明", "核实情况"}, "核实了什么、由谁核实，如“组织人事处核查职称证书，非职业资格（张三）”"),
        }, true}}};
  FileSpec objections{
      "objections.xlsx", "技师工作站公示异议",
      {{"公示异议", {"异议"}, {
            col("申报编号", F::Code, true, true, {"编号"}, ""),
            col("异议事由", F::Text, true, true, {"异议内容", "事由"}, ""),
            col("核查结论", F::Choice, true, true, {"结论", "核查结果"}, "成立 或 不成立", {"成立", "不成立"}),
        }}}};
  FileSpec performance{
      "performance.xlsx", "技师工作站年度考核",
      {{"年度考核", {"考核", "考核数据"}, {
            col("工作站编号", F::Code, false, false, {"编号"}, "工作站编号或申报编号至少填一项"),
            col("申报编号", F::Code, false, false, {}, ""),
            col("工作站名称", F::Text, true, false, {"名称"}, ""),
            col("考核年度", F::Year, true, true, {"年度"}, "如 2026"),
            col("上学期对接企业数", F::Integer, true, true, {"上学期对接企业"}, "第六条（二）每学期至少 2 家"),
            col("下学期对接企业数", F::Integer, true, true, {"下学期对接企业"}, ""),
            col("培养高技能人才数", F::Integer, true, true, {"培养人数"}, ""),
            col("带徒人数", F::Integer, true, true, {"带徒数"}, ""),
            col("技术攻关项目数", F::Integer, true, true, {"技术攻关项目"}, ""),
            col("解决技术难题数", F::Integer, true, true, {"解决技术难题"}, ""),
            col("创新成果数", F::Integer, true, true, {"创新成果"}, ""),
            col("专利数", F::Integer, true, true, {"专利"}, ""),
            col("培训人次", F::Integer, true, true, {"培训人数"}, "金蓝领及委托培训"),
            col("竞赛获奖数", F::Integer, true, true, {"竞赛获奖"}, ""),
            col("预算执行率", F::Percent, true, true, {"经费执行率"}, "如 95% 或 0.95"),
            col("账目合规", F::YesNo, true, true, {"账目是否合规"}, "", yes_no),
            col("经费违规使用", F::YesNo, true, true, {"是否违规使用经费"}, "", yes_no),
            col("经济效益（万元）", F::Decimal, true, true, {"经济效益", "经济效益(万元)"}, "万元"),
            col("社会效益评分", F::Score, true, true, {"社会效益"}, "0–10，考核委员会评定"),
            col("考核委员会评分", F::Score, false, false, {"委员会评分"}, "填写后替代计算分"),
            col("备注", F::Text, false, false, {}, ""),
        }}}};
  std::vector<FileSpec> files = {applications, reviews, objections, performance};
  for (auto& f : files)
    for (auto& sheet : f.sheets)
      for (auto& c : sheet.columns) c.max_chars = max_chars(c);
  return files;
}

}  // namespace

const std::vector<FileSpec>& input_files() {
  static const std::vector<FileSpec> files = build();
  return files;
}

const FileSpec& input_file(std::string_view file) {
  for (auto& f : input_files())
    if (f.file == file) return f;
  throw std::logic_error("unknown input file " + std::string(file));
}

const ColumnSpec* SheetSpec::column(std::string_view n) const {
  for (auto& c : columns)
    if (c.name == n) return &c;
  return nullptr;
}

const SheetSpec* FileSpec::sheet(std::string_view n) const {
  for (auto& s : sheets)
    if (s.name == n) return &s;
  return nullptr;
}

std::string check_application_id(std::string_view id) {
  static const std::regex form("[0-9]{4}-[0-9]{2,5}");
  if (std::regex_match(id.begin(), id.end(), form)) return {};
  return "申报编号“" + std::string(id) + "”格式不对：应写作“年度-序号”（4 位年份、半角“-”、2–5 位数字），如 2026-01";
}

std::string normalize_header(std::string_view header) {
  std::string s = clean_code(header);
  for (size_t p; (p = s.find('*')) != std::string::npos;) s.erase(p, 1);  // '*' marks required in templates
  return s;
}

}  // namespace tws::records

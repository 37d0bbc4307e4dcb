// tws_sample OUTDIR — writes the sample input years OUTDIR/2024, OUTDIR/2025 and
// OUTDIR/2026 (applications, reviews, objections, performance .xlsx), the data
// committed under input/. Deterministic: a fixed seed per person and team, no clock,
// fixed workbook dates, so a re-run gives the same bytes (tests/unit/sample_test.cpp
// checks that the committed files equal a fresh run).
//
// The data is designed so that running the three years in order exercises every
// phase and rule of SPEC §2; input/README.md lists the outcome each application and
// each assessment row is meant to produce, with the hand-computed points.
//
// It also carries the imperfections real HR files have (title rows, merged and
// two-row headers, header aliases with spaces and line breaks, full-width digits,
// numbers and percentages typed as text, years typed as "2019年"), all of which the
// reader must accept: `tws check` reports no errors on these files.
#include <xlsxwriter.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/atomic_file.h"
#include "template/input_template.h"

namespace {

namespace fs = std::filesystem;

// ───────────────────────────── deterministic randomness ──

// FNV-1a: a stable seed from a key such as a team name.
uint64_t fnv1a(const std::string& s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// splitmix64: tiny, fully specified, same sequence on every platform (std::
// distributions are not).
class Rng {
 public:
  explicit Rng(const std::string& key) : state_(fnv1a(key)) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<uint64_t>(n)); }
  int between(int lo, int hi) { return lo + below(hi - lo + 1); }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[below(static_cast<int>(v.size()))]; }

 private:
  uint64_t state_;
};

// ───────────────────────────── people ──

// Surnames with a wide spread of stroke counts and first strokes, so that the
// 公示名单's stroke-order sorting has work to do.
const std::vector<std::string> kSurnames = {
    "丁", "于", "马", "王", "方", "尹", "孔", "卢", "叶", "田", "石", "申", "冯", "吕", "朱", "任",
    "刘", "许", "孙", "李", "杨", "何", "吴", "宋", "张", "陈", "邵", "苗", "范", "林", "孟", "武",
    "周", "房", "郑", "赵", "胡", "侯", "姜", "贺", "秦", "袁", "贾", "夏", "徐", "高", "郭", "陶",
    "黄", "曹", "崔", "盛", "梁", "董", "蒋", "韩", "程", "鲁", "褚", "蔡", "谭", "潘", "薛", "霍",
    "魏", "戴", "鞠", "颜"};
const std::vector<std::string> kMaleGiven = {
    "建", "国", "志", "强", "伟", "军", "明", "亮", "海", "涛", "刚", "勇", "磊", "鹏", "斌", "辉",
    "杰", "峰", "超", "波", "平", "东", "林", "新", "庆", "宏", "振", "立", "广", "文", "俊", "晨",
    "浩", "宇", "凯", "继", "德", "成", "兆", "金"};
const std::vector<std::string> kFemaleGiven = {
    "丽", "静", "敏", "燕", "红", "霞", "娟", "芳", "英", "玲", "梅", "萍", "洁", "琳", "雪", "慧",
    "婷", "倩", "颖", "秀", "云", "兰", "艳", "晓", "佳", "悦", "文", "春", "玉", "晶"};

// 德州市 county-level codes (GB/T 2260): 德城区, 陵城区, 宁津县, 庆云县, 临邑县,
// 齐河县, 平原县, 夏津县, 武城县, 乐陵市, 禹城市.
const std::vector<std::string> kDezhouRegions = {"371402", "371403", "371422", "371423",
                                                 "371424", "371425", "371426", "371427",
                                                 "371428", "371481", "371482"};

// GB 11643-1999: ISO 7064 MOD 11-2 over the first 17 digits.
char check_digit(const std::string& first17) {
  static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * weights[i];
  return "10X98765432"[sum % 11];
}

struct Person {
  std::string name;
  std::string id;  // 18-digit resident ID, valid
  bool male = true;
  int birth_year = 1980;
};

class People {
 public:
  // A leader, by name: the same person whenever the name comes back (re-applications).
  const Person& leader(const std::string& name, bool male, int birth_year) {
    auto it = leaders_.find(name);
    if (it != leaders_.end()) return it->second;
    Rng rng("leader:" + name);
    used_names_.insert(name);
    return leaders_.emplace(name, Person{name, new_id(rng, male, birth_year), male, birth_year})
        .first->second;
  }
  // The first `n` members of a team: the same people whenever the team comes back.
  std::vector<Person> team(const std::string& key, size_t n) {
    auto& members = teams_[key];
    Rng rng("team:" + key + ":" + std::to_string(members.size()));
    while (members.size() < n) {
      bool male = rng.below(100) < 68;  // technical trades: more men than women
      int year = rng.between(1968, 1995);
      members.push_back({new_name(rng, male), new_id(rng, male, year), male, year});
    }
    return {members.begin(), members.begin() + static_cast<long>(n)};
  }

 private:
  std::string new_name(Rng& rng, bool male) {
    const auto& given = male ? kMaleGiven : kFemaleGiven;
    for (;;) {
      std::string name = rng.pick(kSurnames) + rng.pick(given);
      if (rng.below(100) < 70) name += rng.pick(given);
      if (used_names_.insert(name).second) return name;
    }
  }
  // 6-digit region, birth date, 3-digit sequence (odd for men, even for women),
  // check digit.
  std::string new_id(Rng& rng, bool male, int year) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (;;) {
      int month = rng.between(1, 12);
      int day = rng.between(1, days[month - 1]);
      int seq = rng.between(0, 99) * 10 + (rng.between(0, 4) * 2 + (male ? 1 : 0));
      char body[32];
      std::snprintf(body, sizeof body, "%s%04d%02d%02d%03d", rng.pick(kDezhouRegions).c_str(), year,
                    month, day, seq);
      std::string id = std::string(body) + check_digit(body);
      if (used_ids_.insert(id).second) return id;
    }
  }

  std::map<std::string, Person> leaders_;
  std::map<std::string, std::vector<Person>> teams_;
  std::set<std::string> used_names_, used_ids_;
};

// A certificate number in the style of its issuer: 职业资格证书 (before 2020, 16
// digits) or 职业技能等级证书 (S + 20 characters).
std::string certificate(Rng& rng, int issued) {
  char buf[40];
  if (issued < 2020)
    std::snprintf(buf, sizeof buf, "14371400%02d%06d", issued % 100, rng.between(0, 999999));
  else
    std::snprintf(buf, sizeof buf, "S0000371400%02d%02d%07d", issued % 100, rng.between(1, 5),
                  rng.between(0, 9999999));
  return buf;
}

// ───────────────────────────── the designed data ──

struct HonourSpec {
  std::string kind;    // 荣誉 | 竞赛
  std::string name;
  std::string level;   // 竞赛级别
  int rank = 0;        // 0 = none
  std::string form;    // 个人 | 团体
  int year = 0;
  std::string cert;
};

struct AppSpec {
  std::string id, station, dept, occupation;
  std::string leader;
  bool leader_male = true;
  int leader_birth = 1980;
  std::string leader_qual;
  std::string team;                        // key of the team (same key = same people)
  std::vector<std::string> member_quals;   // the other members' 职业资格, as typed
  double area = 100;
  int target = 10;
  std::string equipment, project;          // project "" → 制度与项目经历 left blank
  bool materials = true;
  std::string previous;                    // 上一聘期编号
  std::vector<HonourSpec> honours;
  std::array<double, 5> scores{};
  std::string phone;
};

struct Objection {
  std::string id, reason, result;
};

struct PerfSpec {
  std::string id, station;
  int e1, e2, trained, apprentices, projects, problems, innovations, patents, trainees, awards;
  double budget;
  bool compliant, misused;
  double benefit, social;
  std::optional<double> committee;
  std::string remarks;
};

HonourSpec honour(std::string name, int year, std::string cert = "") {
  return {"荣誉", std::move(name), "", 0, "", year, std::move(cert)};
}
HonourSpec contest(std::string name, std::string level, int rank, std::string form, int year,
                   std::string cert = "") {
  return {"竞赛", std::move(name), std::move(level), rank, std::move(form), year, std::move(cert)};
}

// Common qualification spellings (SPEC §2 lists them; the reader normalises).
const std::string T2a = "技师", T2b = "二级/技师", T2c = "国家职业资格二级", T2d = "技师（二级）";
const std::string T1a = "高级技师", T1b = "一级/高级技师", T1c = "国家职业资格一级";
const std::string L3a = "三级/高级工", L3b = "高级工", L3c = "国家职业资格三级", L4 = "四级/中级工";

std::vector<AppSpec> applications_2024() {
  return {
      {"2024-01", "数控加工技师工作站", "机电工程系", "数控车工", "王建国", true, 1972, T1b, "数控加工",
       {T1a, T2a, T2b, T2c, T2a, L3a, L3b}, 180, 12,
       "五轴联动加工中心2台、数控车床8台、三坐标测量机1台，设备总值约460万元",
       "校级重大项目“数控加工精密零件工艺优化与技能传承平台建设”（2021年）", true, "",
       {honour("山东省技术能手", 2018, "鲁人社字〔2018〕135号"),
        contest("山东省职业技能大赛数控车工赛项", "省级一类", 2, "个人", 2017)},
       {91, 88.5, 87, 89, 84}, "13905346218"},
      {"2024-02", "新能源汽车维修技师工作站", "汽车工程系", "汽车维修工", "刘志强", true, 1979, T1a,
       "新能源汽车", {T2b, T2b, T2a, T1c, L3a, L4}, 150, 10,
       "新能源汽车整车实训台架6套、高压电池检测设备2套、故障诊断仪10台",
       "校级重点教改项目“新能源汽车高压系统故障诊断实训平台”（2022年）", true, "",
       {honour("德州市技术能手", 2020, "德人社字〔2020〕88号"),
        honour("德州市五一劳动奖章", 2021)},
       {86, 84, 83.5, 85, 80}, "15863412075"},
      {"2024-03", "工业机器人技师工作站", "机电工程系", "工业机器人系统运维员", "孔令辉", true, 1985, T2b,
       "工业机器人", {T1a, T2a, T2b, T2a, L3a, L3c}, 120, 10,
       "六轴工业机器人工作站4套、智能产线1条、视觉检测系统2套",
       "校级重大科研项目“焊装机器人离线编程与调试技术研究”（2022年）", true, "",
       {contest("山东省“技能兴鲁”职业技能大赛工业机器人系统运维员赛项", "省级一类", 3, "个人", 2021,
                "LSJS2021-0317")},
       {83, 81, 80.5, 82, 78}, "18653411296"},
      {"2024-04", "建筑工程测量技师工作站", "建筑工程系", "工程测量员", "曹文静", false, 1981, T1a,
       "工程测量", {T2a, T2a, T2c, T1a, L3b, L3a}, 55, 10,
       "GNSS接收机6台、全站仪12台、无人机航测系统1套",
       "校级重大项目“城市地下管网测绘技术服务”（2020年）", true, "",
       {honour("德州市首席技师", 2019, "德政字〔2019〕41号")},
       {80, 78, 77, 78, 75}, "0534-2329516"},
      {"2024-05", "化学检验技师工作站", "化工与医药系", "化学检验员", "谢丽娟", false, 1976, T1b,
       "化学检验", {T1a, T2b, T2b, T2a, T2d, L3a, L4}, 140, 15,
       "气相色谱仪3台、液相色谱仪2台、原子吸收光谱仪1台",
       "省级职业教育教学改革研究项目“化工分析检验课程思政与技能融合”（2021年）", true, "",
       {honour("山东省技术技能大师", 2017, "鲁人社函〔2017〕62号")},
       {80, 75, 74, 76, 70}, "13561481203"},
      // 第四条（一）trap: 主管技师 is a medical title (a 职称), not 技师: 4 confirmed + 1 for the
      // experts → 需专家核实, never 通过. Scored below the threshold, so the outcome is firm.
      {"2024-06", "药物检验技师工作站", "化工与医药系", "药物检验员", "石秀英", false, 1978, T1a,
       "药物检验", {T2a, T2b, T2a, "主管技师", L3a, L3b}, 110, 12,
       "高效液相色谱仪2台、溶出度仪2台、微生物限度检测系统1套",
       "校级重大项目“中药饮片质量快速检测方法研究”（2021年）", true, "",
       {honour("德州市技术能手", 2021, "德人社字〔2021〕56号")},
       {77, 73.5, 73, 74, 70}, "13953476620"},
      // 第四条（一）: no listed honour; 省赛第 4 名, 省级二类第 2 名, 市级二类第 1 名 do not qualify.
      {"2024-07", "电子商务技师工作站", "经济管理系", "电子商务师", "于海燕", false, 1987, T2b,
       "电子商务", {T2a, T2a, T2b, T1a, L3a, L3b}, 90, 12,
       "直播电商实训室1间、电商运营实训平台1套、摄影设备6套",
       "校级重大项目“乡村振兴农产品电商运营服务”（2022年）", true, "",
       {honour("德州市优秀教师", 2020),
        contest("山东省职业院校技能大赛教师组电子商务技能赛项", "省级一类", 4, "个人", 2021),
        contest("山东省电子商务职业技能竞赛", "省级二类", 2, "个人", 2022),
        contest("德州市电子商务技能竞赛", "市级二类", 1, "个人", 2022)},
       {82, 80, 79, 81, 77}, "15653403318"},
      // 第五条（二）: materials incomplete.
      {"2024-08", "服装制版技师工作站", "纺织服装系", "服装制版师", "薛晓红", false, 1983, T1a,
       "服装制版", {T2a, T2b, T2a, T2a, L3a}, 85, 10,
       "服装CAD制版系统20套、自动裁床1台、三维人体扫描仪1台",
       "校级重大项目“鲁西北非遗服饰数字化制版”（2021年）", false, "",
       {honour("德州市技术能手", 2022, "德人社字〔2022〕73号")},
       {81, 79, 78.5, 80, 76}, "18754342157"},
      {"2024-09", "网络与信息安全技师工作站", "信息工程系", "网络与信息安全管理员", "周鹏", true, 1988, T2b,
       "信息安全", {T2a, T2b, T2a, T2a, L3a, L3a}, 100, 10,
       "网络安全攻防实训平台1套、服务器12台、防火墙与入侵检测设备各2套",
       "校级重大项目“校园网安全态势感知系统建设”（2022年）", true, "",
       {contest("德州市网络与信息安全职业技能竞赛", "市级一类", 1, "个人", 2022)},
       {75, 72, 73, 72, 68}, "13563497745"},
      // 第四条（一）: only 3 (with the leader) hold 技师 or above; scored well above the threshold.
      {"2024-10", "中式烹调技师工作站", "旅游管理系", "中式烹调师", "鲁长青", true, 1975, T1a, "中式烹调",
       {T2a, T2c, L3a, L3b, L3a, L4}, 130, 10, "中餐烹饪实训室2间、智能蒸烤设备4台",
       "校级重大项目“鲁菜传统技艺传承与创新”（2020年）", true, "",
       {honour("德州市首席技师", 2020, "德政字〔2020〕37号")},
       {84, 81, 80.5, 79.5, 76}, "13869213368"},
      // 第四条（五）: only 8 trained a year.
      {"2024-11", "汽车车身修复技师工作站", "汽车工程系", "汽车维修工", "韩东升", true, 1982, T1a,
       "车身修复", {T2a, T2a, T2b, T1a, L3a, L3b}, 160, 8,
       "车身校正仪2台、电阻点焊机3台、烤漆房1间",
       "校级重大项目“事故车身结构件修复工艺研究”（2021年）", true, "",
       {honour("山东省技术能手", 2019, "鲁人社字〔2019〕142号")},
       {79, 76, 76, 77, 72}, "15965945820"},
      // Aggregation trap: dropping one highest and one lowest gives 74.17; the plain
      // mean of all five would be 78.1.
      {"2024-12", "电梯安装维修技师工作站", "机电工程系", "电梯安装维修工", "丁永刚", true, 1980, T1a,
       "电梯", {T2a, T2b, T2a, T2a, L3a, L3a, L4}, 95, 10,
       "教学电梯2部、电梯门系统实训装置4套、电梯故障诊断仿真平台1套",
       "校级重大项目“老旧小区电梯安全评估技术服务”（2022年）", true, "",
       {honour("德州市技术能手", 2021, "德人社字〔2021〕56号")},
       {95, 74, 74, 74.5, 73}, "13791313547"},
  };
}

std::vector<AppSpec> applications_2025() {
  return {
      {"2025-01", "焊接技术技师工作站", "机电工程系", "焊工", "赵明亮", true, 1974, T1b, "焊接",
       {T1a, T1c, T2a, T2b, T2a, L3a, L3b}, 200, 12,
       "焊接机器人工作站2套、逆变焊机20台、焊缝无损检测设备1套",
       "省级技能大师工作室建设项目“压力容器焊接工艺传承”（2019年）", true, "",
       {honour("齐鲁首席技师（山东省首席技师）", 2020, "鲁政字〔2020〕118号"),
        honour("山东省技术能手", 2014)},
       {92, 89, 88.5, 90.5, 85}, "13506342288"},
      {"2025-02", "无人机装调检修技师工作站", "机电工程系", "无人机装调检修工", "田俊杰", true, 1990, T2c,
       "无人机", {T2a, T2b, T2a, T1a, L3a, L4}, 100, 10,
       "多旋翼无人机30架、飞控调试平台6套、室内飞行训练场1处",
       "校级重大项目“植保无人机故障诊断与维修服务”（2023年）", true, "",
       {contest("山东省无人机装调检修职业技能竞赛", "省级二类", 1, "个人", 2023, "SDWRJ2023-001")},
       {85, 82, 81.5, 82.5, 79}, "18266817736"},
      {"2025-03", "建筑信息模型技术技师工作站", "建筑工程系", "建筑信息模型技术员", "吴雪梅", false, 1986, T2a,
       "建筑信息模型", {T2a, T2b, T1a, T2a, L3a, L3b}, 80, 10,
       "BIM图形工作站40台、三维激光扫描仪1台、VR沉浸式设计评审系统1套",
       "校级重大项目“装配式建筑BIM正向设计应用”（2022年）", true, "",
       {contest("德州市建筑信息模型技术员职业技能竞赛", "市级一类", 1, "个人", 2022)},
       {84, 82, 82, 82, 80}, "15154466953"},
      // Recommended, then dropped by an upheld objection (第五条（四）).
      {"2025-04", "模具制造技师工作站", "机电工程系", "模具工", "魏宏伟", true, 1973, T1a, "模具",
       {T1a, T2a, T2b, T2a, T2a, L3a}, 150, 12,
       "精密慢走丝线切割机2台、电火花成型机2台、模具CAD/CAM工作站20台",
       "省级重大项目“汽车覆盖件模具快速制造技术”（2020年）", true, "",
       {honour("泰山产业领军人才（产业技能类）", 2021, "鲁人才字〔2021〕9号")},
       {88, 86, 85.5, 87, 83}, "13953429961"},
      {"2025-05", "人工智能训练技师工作站", "信息工程系", "人工智能训练师", "范思远", true, 1989, T2b,
       "人工智能", {T2a, T2a, T2b, T2c, L3a, L3b}, 90, 10,
       "GPU训练服务器4台、数据标注平台1套、智能语音实训设备10套",
       "校级重大项目“面向制造业的缺陷图像数据集建设”（2023年）", true, "",
       {honour("山东省技术能手", 2023, "鲁人社字〔2023〕97号")},
       {81, 78.5, 78, 79, 76}, "17853450328"},
      // 第四条（一）: only 3 members (with the leader) hold 技师 or above.
      {"2025-06", "保育技师工作站", "学前教育学院", "保育师", "姜红梅", false, 1984, T2b, "保育",
       {T2a, T2a, L3a, L3a, L3b, L3c}, 120, 12,
       "婴幼儿照护实训室2间、智能仿真婴儿模型20个、卫生保健实训设备1套",
       "校级重大项目“托育机构保育人员岗位能力标准研究”（2022年）", true, "",
       {honour("德州市技术能手", 2022, "德人社字〔2022〕73号")},
       {83, 80, 80.5, 79.5, 77}, "13465028871"},
      // 第四条（三）warning (45 m²), and below the score threshold.
      {"2025-07", "互联网营销技师工作站", "经济管理系", "互联网营销师", "贾婷婷", false, 1991, T2b,
       "互联网营销", {T2a, T2b, T2a, T2a, L3a}, 45, 10, "直播间2间、新媒体运营实训平台1套",
       "校级重大项目“德州扒鸡品牌直播营销实践”（2023年）", true, "",
       {honour("德州市技术能手", 2023, "德人社字〔2023〕60号")},
       {72, 68, 67.5, 68.5, 64}, "18853403319"},
      // 第四条（一）: a team placing only (default: 需专家核实); below the threshold anyway.
      {"2025-08", "纺织纤维检验技师工作站", "纺织服装系", "纤维检验员", "崔玉兰", false, 1980, T1a,
       "纤维检验", {T2a, T2b, T2a, T1a, L3a, L4}, 75, 10,
       "电子单纱强力仪2台、纤维细度仪1台、恒温恒湿实验室1间",
       "校级重大项目“棉纤维品质快速检验方法研究”（2021年）", true, "",
       {contest("山东省纺织行业职业技能竞赛纤维检验员赛项", "省级一类", 2, "团体", 2022),
        honour("德州市五一劳动奖章", 2020)},
       {76, 73, 73.5, 73, 70}, "15006998842"},
      // 第四条（二）: 制度与项目经历 left blank.
      {"2025-09", "西式面点技师工作站", "旅游管理系", "西式面点师", "宋佳", false, 1988, T2b, "西式面点",
       {T2a, T2a, T2b, T1a, L3a, L3a}, 100, 10, "西点实训室2间、层炉4台、醒发箱6台", "", true, "",
       {honour("德州市技术能手", 2021, "德人社字〔2021〕56号")},
       {80, 77, 77.5, 76.5, 74}, "13176983310"},
      {"2025-10", "电工技师工作站", "机电工程系", "电工", "孙立军", true, 1977, T1a, "电工",
       {T2a, T2b, T1a, T2a, L3a, L3b, L4}, 110, 10,
       "PLC与变频调速实训台20套、智能配电实训系统2套",
       "校级重大项目“智能工厂供配电节能改造技术服务”（2021年）", true, "",
       {honour("德州市首席技师", 2018, "德政字〔2018〕29号")},
       {74, 71, 71.5, 70.5, 68}, "13346200815"},
      {"2025-11", "智能楼宇技师工作站", "建筑工程系", "智能楼宇管理员", "胡振东", true, 1983, T2a,
       "智能楼宇", {T2a, T2a, T2b, T2a, L3a}, 90, 10,
       "楼宇自控实训系统4套、安防监控实训平台2套",
       "校级重大项目“校园建筑能耗监测平台建设”（2022年）", true, "",
       {honour("山东省技术能手", 2020, "鲁人社字〔2020〕130号")},
       {69, 65.5, 66, 64.7, 62}, "15615349902"},
      // 第五条（二）: materials incomplete.
      {"2025-12", "化工总控技师工作站", "化工与医药系", "化工总控工", "董建华", true, 1979, T1a, "化工总控",
       {T2a, T1a, T2b, T2a, L3a, L3b}, 130, 10,
       "化工仿真DCS操作系统40套、精馏实训装置1套、反应釜实训装置1套",
       "校级重大项目“化工过程安全仿真培训平台建设”（2020年）", false, "",
       {honour("山东省技术能手", 2019, "鲁人社字〔2019〕142号")},
       {79, 76, 76.5, 75.5, 73}, "13792238864"},
  };
}

std::vector<AppSpec> applications_2026() {
  return {
      // The 2024-01 station, term ended: may re-apply (第三条).
      {"2026-01", "数控加工技师工作站", "机电工程系", "数控车工", "王建国", true, 1972, T1b, "数控加工",
       {T1a, T1a, T2b, T2c, T2a, T2a, L3b, L4}, 180, 12,
       "五轴联动加工中心3台、数控车床8台、三坐标测量机1台、在机测量系统2套",
       "校级重大项目“数控加工精密零件工艺优化与技能传承平台建设”（2021年）；聘期内完成技术攻关项目7项",
       true, "2024-01",
       {honour("山东省技术能手", 2018, "鲁人社字〔2018〕135号"),
        contest("山东省职业技能大赛数控车工赛项", "省级一类", 2, "个人", 2017)},
       {90, 87.5, 86.5, 88, 84}, "13905346218"},
      // The 2025-03 station is still within its term: criterion 9 rejects it.
      {"2026-02", "建筑信息模型技术技师工作站", "建筑工程系", "建筑信息模型技术员", "吴雪梅", false, 1986, T1a,
       "建筑信息模型", {T2a, T2b, T1a, T2a, T2a, L3b}, 80, 12,
       "BIM图形工作站40台、三维激光扫描仪1台、VR沉浸式设计评审系统1套",
       "校级重大项目“装配式建筑BIM正向设计应用”（2022年）", true, "2025-03",
       {contest("德州市建筑信息模型技术员职业技能竞赛", "市级一类", 1, "个人", 2022)},
       {87, 84, 84.5, 83.5, 81}, "15154466953"},
      // The 2024-03 station was revoked in 2025 (第七条): flagged; below threshold too.
      {"2026-03", "工业机器人技师工作站", "机电工程系", "工业机器人系统运维员", "孔令辉", true, 1985, T1a,
       "工业机器人", {T1a, T2a, T2b, T2a, L3a}, 120, 10,
       "六轴工业机器人工作站4套、智能产线1条、视觉检测系统2套",
       "校级重大科研项目“焊装机器人离线编程与调试技术研究”（2022年）", true, "2024-03",
       {contest("山东省“技能兴鲁”职业技能大赛工业机器人系统运维员赛项", "省级一类", 3, "个人", 2021,
                "LSJS2021-0317")},
       {74, 71, 70.5, 71, 67}, "18653411296"},
      {"2026-04", "智能网联汽车技师工作站", "汽车工程系", "汽车装调工", "马骏", true, 1987, T1a, "智能网联",
       {T2a, T2b, T2a, T1c, L3a, L3b}, 140, 10,
       "智能网联汽车实训车2辆、激光雷达标定系统1套、线控底盘实训台4套",
       "校级重大项目“智能网联汽车传感器标定技术服务”（2024年）", true, "",
       {honour("山东省技术能手", 2024, "鲁人社字〔2024〕88号")},
       {84, 80.5, 81, 80.3, 77}, "17806249913"},
      // 第四条（三）warning: 58 m², otherwise eligible and recommended.
      {"2026-05", "制冷与空调技师工作站", "机电工程系", "制冷空调系统安装维修工", "邵国庆", true, 1978, T1a,
       "制冷空调", {T2a, T2a, T2b, T2a, L3a, L4}, 58, 10,
       "多联机空调实训系统2套、冷库实训装置1套、冷媒回收设备4台",
       "校级重大项目“冷链物流制冷系统节能改造”（2023年）", true, "",
       {honour("德州市技术能手", 2020, "德人社字〔2020〕88号")},
       {79, 76, 76.5, 75.5, 72}, "13854442260"},
      {"2026-06", "药物制剂技师工作站", "化工与医药系", "药物制剂工", "朱慧敏", false, 1984, T1a, "药物制剂",
       {T2a, T2b, T2a, T1a, L3a, L3b}, 100, 10,
       "GMP模拟车间1间、压片机3台、包衣机2台、流化床制粒机1台",
       "校级重大项目“中药配方颗粒制剂工艺优化”（2023年）", true, "",
       {honour("德州市首席技师", 2023, "德政字〔2023〕52号")},
       {82, 79, 79.5, 78.5, 75}, "15908921147"},
      // 第四条（一）: an honour typed where the certificate level belongs is not a level;
      // 3 confirmed + 1 for the experts = 4 < 5, so 不通过 whichever way it is read.
      {"2026-07", "信息通信网络技师工作站", "信息工程系", "信息通信网络运行管理员", "郭晨", true, 1990, T2b,
       "信息通信", {T2a, T2b, "德州市首席技师", L3a, L3b, L3c}, 95, 10,
       "5G通信实训基站1套、光传输设备6套、网络运维实训平台1套",
       "校级重大项目“5G专网在智慧校园中的应用”（2024年）", true, "",
       {contest("德州市信息通信网络运行管理员职业技能竞赛", "市级一类", 1, "个人", 2024)},
       {84, 81, 81.5, 80.5, 78}, "13012665439"},
      {"2026-08", "装配式建筑施工技师工作站", "建筑工程系", "装配式建筑施工员", "高原", true, 1986, T2a,
       "装配式建筑", {T2a, T2b, T2a, T1a, L3a, L3a}, 200, 10,
       "装配式构件吊装实训场1处、灌浆套筒检测设备2套",
       "校级重大项目“装配式混凝土构件安装质量控制”（2023年）", true, "",
       {honour("德州市技术能手", 2022, "德人社字〔2022〕73号")},
       {70, 66, 66.5, 65.5, 62}, "18660794413"},
      {"2026-09", "物流服务技师工作站", "经济管理系", "物流服务师", "蔡文娟", false, 1985, T2b, "物流服务",
       {T2a, T2a, T2c, T1a, L3a}, 110, 10, "智能仓储实训系统1套、AGV小车4台、冷链物流实训设备1套",
       "校级重大项目“县域电商物流共同配送模式研究”（2022年）", true, "",
       {contest("山东省物流服务师职业技能竞赛", "省级二类", 1, "个人", 2023)},
       {77, 74, 74.5, 73.5, 70}, "15318456627"},
      // The 2024-08 team again, this time with complete materials.
      {"2026-10", "服装制版技师工作站", "纺织服装系", "服装制版师", "薛晓红", false, 1983, T1a, "服装制版",
       {T2a, T2b, T2a, T2a, L3a, L3b}, 85, 10,
       "服装CAD制版系统20套、自动裁床1台、三维人体扫描仪1台",
       "校级重大项目“鲁西北非遗服饰数字化制版”（2021年）", true, "",
       {honour("德州市技术能手", 2022, "德人社字〔2022〕73号")},
       {81, 78, 78.5, 77.5, 75}, "18754342157"},
      // The 2025-06 team again: exactly 5 with the leader now (two passed 技师 in 2025).
      {"2026-11", "保育技师工作站", "学前教育学院", "保育师", "姜红梅", false, 1984, T2b, "保育",
       {T2a, T2a, T2b, T2b, L3b, L3c}, 120, 12,
       "婴幼儿照护实训室2间、智能仿真婴儿模型20个、卫生保健实训设备1套",
       "校级重大项目“托育机构保育人员岗位能力标准研究”（2022年）", true, "",
       {honour("德州市技术能手", 2022, "德人社字〔2022〕73号")},
       {75, 72, 72.5, 71.5, 69}, "13465028871"},
      {"2026-12", "钳工技师工作站", "机电工程系", "装配钳工", "李长海", true, 1968, "特级技师", "钳工",
       {"首席技师", T1a, T1c, "一级", T2a, T2b, L3a}, 160, 15,
       "精密装配实训台30套、激光干涉仪1台、数控机床装调实训设备4套",
       "国家级技能大师工作室建设项目“精密机床装配与调试技艺传承”（2018年）", true, "",
       {honour("中华技能大奖", 2016, "人社部发〔2016〕120号"),
        honour("齐鲁首席技师（山东省首席技师）", 2012)},
       {95, 91, 90.5, 91.5, 88}, "13708963317"},
  };
}

std::vector<Objection> objections_for(int year) {
  switch (year) {
    case 2024:
      return {{"2024-03", "实名反映领办人孔令辉省赛第3名为团体成绩，不符合个人名次要求", "不成立"}};
    case 2025:
      return {{"2025-04", "反映入站人员中2人已于2024年调离学校，实际具备技师及以上资格的人员不足5人",
               "成立"}};
    default:
      return {{"2026-05", "反映工作站场地与制冷实训室共用，不是独立固定场所", "不成立"}};
  }
}

std::vector<PerfSpec> performance_for(int year) {
  switch (year) {
    case 2024:
      return {
          {"2024-01", "数控加工技师工作站", 3, 3, 12, 5, 2, 3, 2, 1, 63, 1, 0.96, true, false, 35, 8, {}, ""},
          {"2024-02", "新能源汽车维修技师工作站", 3, 0, 10, 5, 2, 2, 1, 0, 120, 1, 0.93, true, false, 55, 10, {},
           "下学期合作企业停产，未开展企业对接"},
          {"2024-03", "工业机器人技师工作站", 2, 2, 9, 3, 1, 1, 1, 0, 32, 0, 0.82, true, false, 12, 6, {}, ""},
          {"2024-04", "建筑工程测量技师工作站", 2, 1, 7, 2, 1, 1, 0, 0, 25, 0, 0.65, true, false, 8, 6, 68,
           "考核委员会评分：受实训楼改造影响，部分任务顺延至次年，经集体研究评定为68分"},
          {"2024-05", "化学检验技师工作站", 4, 3, 13, 4, 2, 1, 1, 1, 58, 1, 0.91, true, false, 22, 7, {}, ""},
      };
    case 2025:
      return {
          {"2024-01", "数控加工技师工作站", 3, 4, 12, 5, 3, 2, 2, 1, 52, 1, 0.97, true, false, 41, 8, {}, ""},
          {"2024-02", "新能源汽车维修技师工作站", 2, 2, 10, 3, 1, 2, 1, 0, 40, 1, 0.88, true, false, 18, 7, {}, ""},
          {"2024-03", "工业机器人技师工作站", 2, 3, 10, 4, 2, 1, 1, 0, 35, 1, 1.0, false, true, 25, 6, {},
           "2025.12.20 审计发现部分经费用于购置与工作站无关的办公设备"},
          {"2024-04", "建筑工程测量技师工作站", 2, 2, 10, 3, 1, 1, 1, 0, 30, 0, 0.75, true, false, 9.5, 6, {}, ""},
          {"2024-05", "化学检验技师工作站", 3, 3, 15, 5, 2, 2, 1, 1, 66, 2, 0.95, true, false, 30, 8, {}, ""},
          {"2025-01", "焊接技术技师工作站", 3, 2, 12, 5, 2, 2, 1, 0, 48, 2, 0.92, true, false, 26, 8, {}, ""},
          {"2025-02", "无人机装调检修技师工作站", 2, 2, 9, 3, 1, 1, 0, 0, 20, 0, 0.78, true, false, 6, 5, {}, ""},
          {"2025-03", "建筑信息模型技术技师工作站", 2, 2, 11, 4, 1, 2, 1, 0, 38, 1, 0.86, true, false, 15, 7, {}, ""},
          {"2025-05", "人工智能训练技师工作站", 1, 2, 10, 2, 1, 1, 1, 1, 24, 0, 0.90, true, false, 21, 6, {}, ""},
      };
    default:
      return {
          {"2025-01", "焊接技术技师工作站", 2, 2, 12, 4, 2, 1, 1, 0, 41, 1, 0.89, true, false, 28, 7, {}, ""},
          {"2025-02", "无人机装调检修技师工作站", 1, 1, 6, 2, 1, 1, 0, 0, 18, 0, 0.62, true, false, 4, 5, {},
           "领办人长期外派，工作站活动基本停滞"},
          {"2025-03", "建筑信息模型技术技师工作站", 3, 3, 14, 5, 2, 2, 2, 1, 60, 1, 0.94, true, false, 50, 7, {}, ""},
          {"2025-05", "人工智能训练技师工作站", 2, 2, 10, 3, 1, 1, 1, 0, 30, 0, 0.72, true, false, 20, 6, {}, ""},
          {"2026-01", "数控加工技师工作站", 2, 2, 12, 5, 2, 1, 1, 1, 40, 1, 0.91, true, false, 16, 10, {}, ""},
          {"2026-04", "智能网联汽车技师工作站", 2, 3, 10, 3, 1, 1, 0, 1, 26, 1, 0.80, true, false, 12, 6, {}, ""},
          {"2026-05", "制冷与空调技师工作站", 0, 2, 10, 4, 1, 1, 1, 0, 20, 0, 0.70, true, false, 5, 6, {},
           "上学期工作站场地改造，未对接企业"},
          {"2026-06", "药物制剂技师工作站", 2, 2, 8, 2, 1, 0, 1, 0, 15, 0, 0.85, true, false, 10, 8, {}, ""},
          {"2026-10", "服装制版技师工作站", 2, 2, 10, 3, 1, 2, 1, 0, 34, 1, 0.88, true, false, 8, 7, {}, ""},
          {"2026-12", "钳工技师工作站", 4, 4, 16, 6, 3, 2, 2, 2, 95, 2, 0.98, true, false, 80, 9, {}, ""},
      };
  }
}

// Five experts a year; panels change a little from year to year.
std::vector<std::string> experts_for(int year) {
  switch (year) {
    case 2024: return {"马振华", "刘淑芬", "高建军", "宋立新", "谢晓明"};
    case 2025: return {"马振华", "黄凤琴", "高建军", "袁立平", "谢晓明"};
    default: return {"黄凤琴", "韩光辉", "高建军", "袁立平", "蔡德顺"};
  }
}

std::string opinion(double score, int expert) {
  static const std::vector<std::string> high = {
      "领办人技艺精湛，团队结构合理，建议立项", "设备条件好，校企合作基础扎实，同意推荐",
      "培养目标明确，预期效益突出", "技术攻关方向清晰，建议支持", "团队梯队完整，成果丰富"};
  static const std::vector<std::string> mid = {
      "基础较好，工作计划需进一步细化", "建议加强企业对接和成果转化", "培养目标基本可行",
      "设备条件一般，建议系部加大投入", "团队结构尚可，特色不够突出"};
  static const std::vector<std::string> low = {
      "申报材料较薄弱，预期效益不明确", "团队技能等级偏低，暂不建议立项", "工作计划缺乏可操作性",
      "与企业合作深度不够", "建议完善后再申报"};
  const auto& pool = score >= 80 ? high : score >= 74 ? mid : low;
  return pool[static_cast<size_t>(expert) % pool.size()];
}

// ───────────────────────────── workbook writing ──

// A cell as the sample writes it.
struct Val {
  enum Kind { Empty, Text, Number, Percent } kind = Empty;
  std::string text;
  double number = 0;
  static Val t(std::string s) { return {Text, std::move(s), 0}; }
  static Val n(double v) { return {Number, {}, v}; }
  static Val pct(double v) { return {Percent, {}, v}; }
};

struct HeaderGroup {  // a two-row header: `title` over columns first..last
  int first, last;
  std::string title;
};

struct Table {
  std::string sheet;
  std::vector<std::string> headers;  // as written: canonical or an alias variant
  std::vector<bool> text_column;     // format the column as text ("@")
  std::vector<std::vector<Val>> rows;
  std::vector<std::string> title_rows;  // merged across all columns, above the header
  std::vector<HeaderGroup> groups;      // non-empty → two header rows
};

void check(lxw_error err, const char* what) {
  if (err != LXW_NO_ERROR) throw std::runtime_error(std::string(what) + ": " + lxw_strerror(err));
}

struct Formats {
  lxw_format *title, *subtitle, *header, *text, *body, *number, *percent;
};

Formats make_formats(lxw_workbook* wb) {
  auto base = [&] {
    lxw_format* f = workbook_add_format(wb);
    format_set_font_name(f, "宋体");
    format_set_font_size(f, 11);
    return f;
  };
  Formats f{};
  f.title = base();
  format_set_bold(f.title);
  format_set_font_size(f.title, 16);
  format_set_align(f.title, LXW_ALIGN_CENTER);
  format_set_align(f.title, LXW_ALIGN_VERTICAL_CENTER);
  f.subtitle = base();
  format_set_align(f.subtitle, LXW_ALIGN_LEFT);
  f.header = base();
  format_set_bold(f.header);
  format_set_text_wrap(f.header);
  format_set_border(f.header, LXW_BORDER_THIN);
  format_set_bg_color(f.header, 0xE2EFDA);
  format_set_align(f.header, LXW_ALIGN_CENTER);
  format_set_align(f.header, LXW_ALIGN_VERTICAL_CENTER);
  f.text = base();
  format_set_num_format(f.text, "@");
  format_set_border(f.text, LXW_BORDER_THIN);
  f.body = base();
  format_set_border(f.body, LXW_BORDER_THIN);
  f.number = base();
  format_set_border(f.number, LXW_BORDER_THIN);
  f.percent = base();
  format_set_num_format(f.percent, "0%");
  format_set_border(f.percent, LXW_BORDER_THIN);
  return f;
}

void write_table(lxw_workbook* wb, const Table& t, const Formats& f) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, t.sheet.c_str());
  if (!ws) throw std::runtime_error("cannot add sheet " + t.sheet);
  const auto last_col = static_cast<lxw_col_t>(t.headers.size() - 1);
  lxw_row_t row = 0;
  for (size_t i = 0; i < t.title_rows.size(); ++i, ++row) {
    lxw_format* fmt = i == 0 ? f.title : f.subtitle;
    check(worksheet_merge_range(ws, row, 0, row, last_col, t.title_rows[i].c_str(), fmt), "title");
    check(worksheet_set_row(ws, row, i == 0 ? 32 : 20, nullptr), "row height");
  }
  if (t.groups.empty()) {
    for (size_t c = 0; c < t.headers.size(); ++c)
      check(worksheet_write_string(ws, row, c, t.headers[c].c_str(), f.header), "header");
    check(worksheet_set_row(ws, row, 30, nullptr), "row height");
    ++row;
  } else {
    // Two header rows: a group title merged over its columns, the other headers
    // merged vertically over both rows.
    std::vector<bool> grouped(t.headers.size(), false);
    for (auto& g : t.groups) {
      check(worksheet_merge_range(ws, row, g.first, row, g.last, g.title.c_str(), f.header), "group");
      for (int c = g.first; c <= g.last; ++c) {
        grouped[c] = true;
        check(worksheet_write_string(ws, row + 1, c, t.headers[c].c_str(), f.header), "header");
      }
    }
    for (size_t c = 0; c < t.headers.size(); ++c)
      if (!grouped[c])
        check(worksheet_merge_range(ws, row, c, row + 1, c, t.headers[c].c_str(), f.header), "header");
    row += 2;
  }
  worksheet_freeze_panes(ws, row, 0);
  std::vector<double> widths(t.headers.size(), 8);
  for (size_t c = 0; c < t.headers.size(); ++c)
    widths[c] = std::max(widths[c], tws::template_writer::display_width(t.headers[c]) + 2);
  for (auto& r : t.rows) {
    for (size_t c = 0; c < r.size(); ++c) {
      const Val& v = r[c];
      lxw_format* fmt = t.text_column[c] ? f.text : f.body;
      switch (v.kind) {
        case Val::Empty: check(worksheet_write_blank(ws, row, c, fmt), "blank"); break;
        case Val::Text:
          check(worksheet_write_string(ws, row, c, v.text.c_str(), fmt), "text");
          widths[c] = std::max(widths[c], std::min(40.0, tws::template_writer::display_width(v.text) + 2));
          break;
        case Val::Number: check(worksheet_write_number(ws, row, c, v.number, f.number), "number"); break;
        case Val::Percent: check(worksheet_write_number(ws, row, c, v.number, f.percent), "percent"); break;
      }
    }
    ++row;
  }
  for (size_t c = 0; c < widths.size(); ++c)
    check(worksheet_set_column(ws, c, c, widths[c], nullptr), "width");
}

// Fixed document date (2024-01-01T00:00:00Z): libxlsxwriter otherwise stamps the clock.
constexpr time_t kFixedCreated = 1704067200;

void write_workbook(const fs::path& target, const std::string& title, const std::vector<Table>& tables) {
  tws::write_atomically(target, [&](const fs::path& tmp) {
    lxw_workbook* wb = workbook_new(tmp.c_str());
    if (!wb) throw std::runtime_error("cannot create " + tmp.string());
    lxw_doc_properties props;
    std::memset(&props, 0, sizeof props);
    props.title = const_cast<char*>(title.c_str());
    props.created = kFixedCreated;
    workbook_set_properties(wb, &props);
    Formats f = make_formats(wb);
    try {
      for (auto& t : tables) write_table(wb, t, f);
    } catch (...) {
      lxw_workbook_free(wb);
      throw;
    }
    const std::string name = target.filename().string();
    check(workbook_close(wb), name.c_str());
  });
}

// ───────────────────────────── one year ──

Val text(std::string s) { return s.empty() ? Val{} : Val::t(std::move(s)); }

std::string fmt_num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// Per-year presentation choices: the imperfections HR files really have.
struct Style {
  std::vector<std::string> app_titles;  // title rows above 申报汇总's header
  std::map<std::string, std::string> app_headers, member_headers, honour_headers, review_headers,
      objection_headers, perf_headers;  // canonical → as written
  std::string member_sheet = "入站人员";
  bool member_two_row_header = false;
  std::map<std::string, Val> app_cell_override;   // "申报编号|列" → cell
  std::map<std::string, Val> perf_cell_override;  // "申报编号|列" → cell
  std::map<std::string, Val> honour_year_override;  // 申报编号 → 年份 cell of its first honour
};

Style style_for(int year) {
  Style s;
  switch (year) {
    case 2024:
      s.app_titles = {"2024年技师工作站申报汇总表"};
      s.app_headers = {{"所在部门", "所在系部（院）"}, {"领办人", "领办人\n姓名"},
                       {"工作场所面积", "工作场所面积（平方米）"}};
      s.honour_headers = {{"名称", "荣誉（竞赛）名称"}};
      s.perf_cell_override = {{"2024-02|预算执行率", Val::t("93%")}};
      s.honour_year_override = {{"2024-01", Val::t("2018年")}};
      break;
    case 2025:
      s.app_headers = {{"职业（工种）", "职业 （工种）"}, {"领办人身份证号", "身份证号码"},
                       {"材料齐全", "材料是否齐全"}};
      s.member_two_row_header = true;
      s.review_headers = {{"专家", "专家 姓名"}, {"意见", "评审意见"}};
      s.honour_headers = {{"参赛形式", "个人/团体"}};
      s.objection_headers = {{"核查结论", "核查结果"}};
      s.app_cell_override = {{"2025-01|年培养目标", Val::t("１２")}, {"2025-03|工作场所面积", Val::t("８０平方米")}};
      s.perf_cell_override = {{"2025-05|预算执行率", Val::t("90%")}};
      break;
    default:
      s.app_titles = {"2026年技师工作站申报汇总表", "填报单位：组织人事处　　填报日期：2026.4.15"};
      s.app_headers = {{"所在部门", "依托部门"}, {"年培养目标", "年培养人数"},
                       {"上一聘期编号", "上一聘期工作站编号"}, {"领办人", "领办人姓名"}};
      s.member_sheet = "入站成员";
      s.honour_year_override = {{"2026-12", Val::t("2016年度")}};
      s.perf_headers = {{"经济效益（万元）", "经济效益(万元)"}, {"考核委员会评分", "委员会评分"}};
      s.perf_cell_override = {{"2026-10|培训人次", Val::t("３４")},
                              {"2026-04|预算执行率", Val::t("80%")},
                              {"2026-12|考核年度", Val::t("2026年")}};
      break;
  }
  return s;
}

std::string header(const std::map<std::string, std::string>& variants, const std::string& canonical) {
  auto it = variants.find(canonical);
  return it == variants.end() ? canonical : it->second;
}

Table make_table(std::string sheet, const std::vector<std::pair<std::string, bool>>& columns,
                 const std::map<std::string, std::string>& variants) {
  Table t;
  t.sheet = std::move(sheet);
  for (auto& [name, is_text] : columns) {
    t.headers.push_back(header(variants, name));
    t.text_column.push_back(is_text);
  }
  return t;
}

Val pick(const std::map<std::string, Val>& overrides, const std::string& key, Val fallback) {
  auto it = overrides.find(key);
  return it == overrides.end() ? std::move(fallback) : it->second;
}

void write_year(const fs::path& root, int year, const std::vector<AppSpec>& apps, People& people) {
  const Style st = style_for(year);
  const fs::path dir = root / std::to_string(year);
  fs::create_directories(dir);

  // applications.xlsx
  Table summary = make_table("申报汇总",
                             {{"申报编号", true}, {"工作站名称", false}, {"所在部门", false},
                              {"职业（工种）", false}, {"领办人", false}, {"领办人身份证号", true},
                              {"领办人职业资格", false}, {"联系电话", true}, {"工作场所面积", false},
                              {"主要设备", false}, {"年培养目标", false}, {"制度与项目经历", false},
                              {"工作计划", false}, {"部门支持", false}, {"材料齐全", false},
                              {"上一聘期编号", true}},
                             st.app_headers);
  summary.title_rows = st.app_titles;
  Table members = make_table(st.member_sheet,
                             {{"申报编号", true}, {"姓名", false}, {"身份证号", true}, {"职业资格", false},
                              {"工种", false}, {"证书编号", true}, {"是否领办人", false}},
                             st.member_headers);
  if (st.member_two_row_header) members.groups = {{3, 5, "职业资格情况"}};
  Table honours = make_table("荣誉与竞赛",
                             {{"申报编号", true}, {"类型", false}, {"名称", false}, {"级别", false},
                              {"名次", false}, {"参赛形式", false}, {"年份", false}, {"证书编号", true}},
                             st.honour_headers);

  for (const AppSpec& a : apps) {
    const Person& leader = people.leader(a.leader, a.leader_male, a.leader_birth);
    auto key = [&](const char* col) { return a.id + "|" + col; };
    std::string systems =
        a.project.empty() ? "" : "已建立技能人才培养、评价、选拔使用和激励制度；独立承担" + a.project;
    std::string plan = "每年为企业和社会培养高技能人才" + std::to_string(a.target) +
                       "人以上；每学期对接企业不少于2家，开展技术攻关、技术交流；组织“金蓝领”培训和职业技能竞赛";
    std::string support = a.dept + "提供" + fmt_num(a.area) + "平方米固定工作场所，每年配套经费" +
                          std::to_string(3 + static_cast<int>(fnv1a(a.id) % 5)) +
                          "万元，安排专任教师参与工作站建设";
    summary.rows.push_back({
        Val::t(a.id), Val::t(a.station), Val::t(a.dept), Val::t(a.occupation), Val::t(leader.name),
        Val::t(leader.id), Val::t(a.leader_qual), Val::t(a.phone),
        pick(st.app_cell_override, key("工作场所面积"), Val::n(a.area)), Val::t(a.equipment),
        pick(st.app_cell_override, key("年培养目标"), Val::n(a.target)), text(systems), Val::t(plan),
        Val::t(support), Val::t(a.materials ? "是" : "否"), text(a.previous),
    });

    // 入站人员: the leader first, then the team. A certificate belongs to its holder
    // and level, so it stays the same when a team re-applies.
    auto cert_for = [&](const Person& p, const std::string& qual) -> std::string {
      Rng rng("cert:" + p.id + ":" + qual);
      if (qual == "主管技师") return "ZG" + std::to_string(2010 + rng.below(10)) + std::to_string(rng.between(100000, 999999));
      if (qual.find("首席技师") != std::string::npos && qual != "首席技师") return "";  // an honour, no certificate
      // Issued 2008–2023, never before the holder turned 25: valid for every sample year.
      return certificate(rng, std::min(2023, std::max(p.birth_year + 25, 2008 + rng.below(16))));
    };
    members.rows.push_back({Val::t(a.id), Val::t(leader.name), Val::t(leader.id), Val::t(a.leader_qual),
                            Val::t(a.occupation), Val::t(cert_for(leader, a.leader_qual)),
                            Val::t("是")});
    std::vector<Person> team = people.team(a.team, a.member_quals.size());
    for (size_t i = 0; i < team.size(); ++i) {
      const std::string& q = a.member_quals[i];
      std::string trade = a.occupation;
      if (q == "主管技师") trade = "医学检验";
      members.rows.push_back({Val::t(a.id), Val::t(team[i].name), Val::t(team[i].id), Val::t(q),
                              Val::t(trade), text(cert_for(team[i], q)), Val::t("否")});
    }

    for (size_t i = 0; i < a.honours.size(); ++i) {
      const HonourSpec& h = a.honours[i];
      Val year_cell = Val::n(h.year);
      if (i == 0) year_cell = pick(st.honour_year_override, a.id, year_cell);
      honours.rows.push_back({Val::t(a.id), Val::t(h.kind), Val::t(h.name), text(h.level),
                              h.rank ? Val::n(h.rank) : Val{}, text(h.form), year_cell, text(h.cert)});
    }
  }
  write_workbook(dir / "applications.xlsx", "技师工作站申报汇总", {summary, members, honours});

  // reviews.xlsx: every application scored by the year's five experts.
  Table reviews = make_table("专家评分", {{"申报编号", true}, {"专家", false}, {"评分", false}, {"意见", false}},
                             st.review_headers);
  const auto experts = experts_for(year);
  for (const AppSpec& a : apps)
    for (size_t e = 0; e < experts.size(); ++e)
      reviews.rows.push_back({Val::t(a.id), Val::t(experts[e]), Val::n(a.scores[e]),
                              Val::t(opinion(a.scores[e], static_cast<int>(e + fnv1a(a.id) % 5)))});
  write_workbook(dir / "reviews.xlsx", "技师工作站专家评分", {reviews});

  // objections.xlsx
  Table objections = make_table("公示异议", {{"申报编号", true}, {"异议事由", false}, {"核查结论", false}},
                                st.objection_headers);
  for (auto& o : objections_for(year))
    objections.rows.push_back({Val::t(o.id), Val::t(o.reason), Val::t(o.result)});
  write_workbook(dir / "objections.xlsx", "技师工作站公示异议", {objections});

  // performance.xlsx: one row per station active this year, by 申报编号.
  Table perf = make_table("年度考核",
                          {{"申报编号", true}, {"工作站名称", false}, {"考核年度", false},
                           {"上学期对接企业数", false}, {"下学期对接企业数", false},
                           {"培养高技能人才数", false}, {"带徒人数", false}, {"技术攻关项目数", false},
                           {"解决技术难题数", false}, {"创新成果数", false}, {"专利数", false},
                           {"培训人次", false}, {"竞赛获奖数", false}, {"预算执行率", false},
                           {"账目合规", false}, {"经费违规使用", false}, {"经济效益（万元）", false},
                           {"社会效益评分", false}, {"考核委员会评分", false}, {"备注", false}},
                          st.perf_headers);
  for (const PerfSpec& p : performance_for(year)) {
    auto cell = [&](const char* col, Val v) { return pick(st.perf_cell_override, p.id + "|" + col, std::move(v)); };
    perf.rows.push_back({
        Val::t(p.id), Val::t(p.station), cell("考核年度", Val::n(year)), Val::n(p.e1), Val::n(p.e2),
        Val::n(p.trained), Val::n(p.apprentices), Val::n(p.projects), Val::n(p.problems),
        Val::n(p.innovations), Val::n(p.patents), cell("培训人次", Val::n(p.trainees)), Val::n(p.awards),
        cell("预算执行率", Val::pct(p.budget)), Val::t(p.compliant ? "是" : "否"),
        Val::t(p.misused ? "是" : "否"), Val::n(p.benefit), Val::n(p.social),
        p.committee ? Val::n(*p.committee) : Val{}, text(p.remarks),
    });
  }
  write_workbook(dir / "performance.xlsx", "技师工作站年度考核", {perf});
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "用法: tws_sample OUTDIR    写出 OUTDIR/2024、OUTDIR/2025、OUTDIR/2026 的示例输入\n";
    return 2;
  }
  try {
    const fs::path root = argv[1];
    const std::vector<std::pair<int, std::vector<AppSpec>>> years = {
        {2024, applications_2024()}, {2025, applications_2025()}, {2026, applications_2026()}};
    // One set of people across the years: a re-applicant stays the same person. The
    // leaders are registered first so that no generated member takes their names.
    People people;
    for (auto& [year, apps] : years)
      for (auto& a : apps) people.leader(a.leader, a.leader_male, a.leader_birth);
    for (auto& [year, apps] : years) write_year(root, year, apps, people);
  } catch (const std::exception& e) {
    std::cerr << "tws_sample: " << e.what() << "\n";
    return 3;
  }
  return 0;
}

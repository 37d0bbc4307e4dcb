#!/usr/bin/python3
"""Synthetic year for benchmarks: bench/gen.py OUT_INPUT_DIR --scale N [--seed S] [--year Y]

Writes OUT/<year>/{applications,reviews,objections,performance}.xlsx and tws.ini with
N applications (~8 members each, honours, 5 expert scores each, a few objections)
and a performance row for every application designed to be approved, so one
`tws run --year Y` exercises select, approve and assess. Deterministic from the seed
(the data; xlsx bytes also carry a fixed document date).
"""
import argparse, datetime, os, random

from openpyxl import Workbook

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "建国志强明亮丽娟秀英海燕红梅俊杰雪梅思远晓红文静振东立军长青永刚玉兰佳婷慧敏国庆宏伟东升鹏飞德华春生桂芳晓明红霞丹丹子涵浩然"
DEPTS = ["机电工程系", "汽车工程系", "信息工程系", "建筑工程系", "化工与医药系", "经济管理系", "学前教育学院", "纺织服装系", "旅游管理系"]
TRADES = ["数控车工", "焊工", "电工", "钳工", "汽车维修工", "网络与信息安全管理员", "建筑信息模型技术员", "化学检验员", "电子商务师", "保育师", "服装制版师", "中式烹调师"]
HONOURS = ["山东省技术能手", "德州市技术能手", "德州市首席技师", "山东省技术技能大师", "齐鲁首席技师（山东省首席技师）"]
LEVELS = ["技师", "二级/技师", "高级技师", "一级/高级技师", "国家职业资格二级", "三级/高级工"]
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


USED_IDS = set()


def id_number(rng):
    """A valid GB 11643 number no one else in the year has (one ID is one person)."""
    while True:
        n = new_id(rng)
        if n not in USED_IDS:
            USED_IDS.add(n)
            return n


def new_id(rng):
    born = datetime.date(1965, 1, 1) + datetime.timedelta(days=rng.randrange(0, 365 * 30))
    first17 = "3714%02d%s%03d" % (rng.choice([2, 21, 22, 23, 24, 25, 26, 27, 28, 81, 82]), born.strftime("%Y%m%d"), rng.randrange(1, 999))
    return first17 + "10X98765432"[sum(int(a) * b for a, b in zip(first17, W)) % 11]


def name(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2])))


def save(wb, path):
    wb.properties.created = wb.properties.modified = datetime.datetime(2024, 1, 1)
    wb.save(path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--scale", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--year", type=int, default=2026)
    a = ap.parse_args()
    rng = random.Random(a.seed * 1_000_003 + a.scale)
    y = a.year
    d = os.path.join(a.out, str(y))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "tws.ini"), "w") as f:
        # The school's decision (第五条（四）) on the first weekday after the publicity's 3
        # working days (no holiday falls in them in late May of 2026).
        day, counted = datetime.date(y, 5, 25), 0
        while True:
            counted += day.weekday() < 5
            if counted == 3:
                break
            day += datetime.timedelta(days=1)
        day += datetime.timedelta(days=1)
        while day.weekday() >= 5:
            day += datetime.timedelta(days=1)
        f.write("[publicity]\nstart_date = %d-05-25\n\n[approval]\ndecided_on = %s\n" % (y, day.isoformat()))

    apps = Workbook(write_only=True)
    s1 = apps.create_sheet("申报汇总"); s2 = apps.create_sheet("入站人员"); s3 = apps.create_sheet("荣誉与竞赛")
    s1.append(["申报编号", "工作站名称", "所在部门", "职业（工种）", "领办人", "领办人身份证号", "领办人职业资格", "联系电话",
               "工作场所面积", "主要设备", "年培养目标", "制度与项目经历", "工作计划", "部门支持", "材料齐全", "上一聘期编号"])
    s2.append(["申报编号", "姓名", "身份证号", "职业资格", "工种", "证书编号", "是否领办人"])
    s3.append(["申报编号", "类型", "名称", "级别", "名次", "参赛形式", "年份", "证书编号"])
    reviews = Workbook(write_only=True); r1 = reviews.create_sheet("专家评分")
    r1.append(["申报编号", "专家", "评分", "意见"])
    objections = Workbook(write_only=True); o1 = objections.create_sheet("公示异议")
    o1.append(["申报编号", "异议事由", "核查结论"])
    perf = Workbook(write_only=True); p1 = perf.create_sheet("年度考核")
    p1.append(["申报编号", "工作站名称", "考核年度", "上学期对接企业数", "下学期对接企业数", "培养高技能人才数", "带徒人数",
               "技术攻关项目数", "解决技术难题数", "创新成果数", "专利数", "培训人次", "竞赛获奖数", "预算执行率", "账目合规",
               "经费违规使用", "经济效益（万元）", "社会效益评分", "考核委员会评分", "备注"])
    experts = [name(rng) for _ in range(5)]
    width = max(2, len(str(a.scale)))
    for i in range(1, a.scale + 1):
        app = "%d-%0*d" % (y, width, i)
        trade = rng.choice(TRADES)
        dept = rng.choice(DEPTS)
        leader, leader_id = name(rng), id_number(rng)
        good = rng.random() > 0.1            # 10 % ineligible (materials missing)
        upheld = good and rng.random() < 0.02
        s1.append([app, "%s技师工作站%d" % (trade, i), dept, trade, leader, leader_id, "高级技师",
                   "1%010d" % rng.randrange(10**10), 60 + rng.randrange(0, 140), "数控加工中心、检测设备",
                   12 + rng.randrange(0, 8), "建立培养、评价、激励制度；独立承担校级重大项目", "年度计划与目标明确，预期收益可观",
                   "系部提供场地和人员保障", "是" if good else "否", ""])
        s2.append([app, leader, leader_id, "高级技师", trade, "C%08d" % rng.randrange(10**8), "是"])
        for _ in range(rng.randrange(6, 10)):
            s2.append([app, name(rng), id_number(rng), rng.choice(LEVELS[:5]), trade, "C%08d" % rng.randrange(10**8), "否"])
        s3.append([app, "荣誉", rng.choice(HONOURS), None, None, None, y - rng.randrange(1, 8), "H%06d" % rng.randrange(10**6)])
        base = rng.uniform(78, 95) if good else rng.uniform(60, 90)
        for e in experts:
            s = round(min(100, max(0, base + rng.uniform(-4, 4))), 1)
            r1.append([app, e, s, "同意推荐" if s >= 75 else "建议暂缓"])
        if upheld or (good and rng.random() < 0.02):
            o1.append([app, "反映材料与实际不符", "成立" if upheld else "不成立"])
        if good and not upheld:
            sem1, sem2 = rng.randrange(0, 5), rng.randrange(1, 5)
            p1.append([app, None, y, sem1, sem2, rng.randrange(5, 16), rng.randrange(0, 6), rng.randrange(0, 4),
                       rng.randrange(0, 4), rng.randrange(0, 3), rng.randrange(0, 2), rng.randrange(10, 120), rng.randrange(0, 3),
                       round(rng.uniform(0.6, 1.0), 2), "是" if rng.random() > 0.05 else "否",
                       "是" if rng.random() < 0.02 else "否", round(rng.uniform(2, 80), 1), rng.randrange(3, 11), None, None])
    save(apps, os.path.join(d, "applications.xlsx"))
    save(reviews, os.path.join(d, "reviews.xlsx"))
    save(objections, os.path.join(d, "objections.xlsx"))
    save(perf, os.path.join(d, "performance.xlsx"))


if __name__ == "__main__":
    main()

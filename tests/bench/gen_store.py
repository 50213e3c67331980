#!/usr/bin/env python3
"""Deterministic synthetic stores for benchmarks (docs/performance.md).

  gen_store.py SIZE OUT [--seed N] [--errors N]

SIZE is university (30 units x 3 years x 10 objectives), region (300 units x
5 years) or national (2,000 units x 5 years: 100,000 objectives, about
400,000 quarterly results). Every unit-year has a setting table approved
before the year, four quarters of results (three in the current year, whose
Q4 has not ended on 2026-11-24), a review per quarter, and every 25th unit
misses one objective twice a year, with its variance explanations and an
ISMS-P-008 referral. The store validates without findings on --today
2026-11-24 unless --errors N asks for N broken result files (a rotating mix
of syntax errors, schema errors and semantic errors).
"""
import argparse
import os
import random
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
import digest_crosscheck  # noqa: E402  the independent digest implementation

SIZES = {"university": (30, 3), "region": (300, 5), "national": (2000, 5)}
LAST_YEAR = 2026
OBJECTIVES = 10
QUARTER_END = {1: "03-31", 2: "06-30", 3: "09-30", 4: "12-31"}
NEXT_MONTH = {1: "04", 2: "07", 3: "10", 4: "01"}


def objective(i, unit):
    """Ten measurement shapes, met by the generated values unless missed."""
    shapes = [
        dict(item="高風險弱點修補完成率", comparison=">=", target=90, unit="percent", precision=1, aggregation="ratio",
             numerator="30日內修補之高風險弱點數", denominator="高風險弱點總數"),
        dict(item="資安事件件數", comparison="<=", target=10, unit="count", precision=0, aggregation="sum"),
        dict(item="核心系統可用率", comparison=">=", target=99.5, unit="percent", precision=2, aggregation="mean"),
        dict(item="資安教育訓練完成率", comparison=">=", target=95, unit="percent", precision=1, aggregation="last"),
        dict(item="事件通報時效", comparison="<=", target=60, unit="minutes", precision=0, aggregation="max"),
        dict(item="備份還原成功率", comparison=">=", target=98, unit="percent", precision=1, aggregation="ratio",
             numerator="還原成功次數", denominator="還原測試次數"),
        dict(item="社交工程郵件開啟率", comparison="<=", target=10, unit="percent", precision=1, aggregation="mean"),
        dict(item="個資外洩事件", comparison="<=", target=0, unit="count", precision=0, aggregation="sum"),
        dict(item="弱點掃描涵蓋率", comparison=">=", target=95, unit="percent", precision=1, aggregation="min"),
        dict(item="帳號清查完成率", comparison=">=", target=100, unit="percent", precision=0, aggregation="last"),
    ]
    o = {"id": f"obj-{i:02d}", **shapes[i]}
    o.update(department=unit, owner=f"{unit}.staff", method="依資料來源統計", data_source="業務系統報表")
    return o


def met_value(o, rng):
    a = o["aggregation"]
    if a == "ratio":
        den = rng.randint(50, 200)
        return {"numerator": den, "denominator": den}
    if o["comparison"] == "<=":
        return {"actual": 0}
    return {"actual": {"percent": 100}.get(o["unit"], o["target"])}


def q(s):
    return '"' + s + '"'


def scalar(v):
    if isinstance(v, str):
        if v in (">=", "<="):
            return q(v)
        return v
    return str(v)


def setting_text(year, unit, objs):
    out = [f"kind: setting", f"year: {year}", f"unit: {unit}", "revision: 1", "status: submitted",
           f"compiled_by: {unit}.staff", f"supervisor: {unit}.head", f'updated: "{year - 1}-11-20"', "objectives:"]
    for o in objs:
        first = True
        for k, v in o.items():
            out.append(("  - " if first else "    ") + f"{k}: {scalar(v)}")
            first = False
    return "\n".join(out) + "\n"


def approval_text(year, unit, objs, table):
    out = ["kind: approval", f"year: {year}", f"unit: {unit}", "revision: 1", "decision: approved", "by: ciso",
           f'date: "{year - 1}-12-10"', f'digest: "{digest_crosscheck.digest(table)}"', "approved:"]
    keys = ("id", "item", "comparison", "target", "unit", "precision", "aggregation", "numerator", "denominator")
    for o in objs:
        first = True
        for k in keys:
            if k in o:
                out.append(("  - " if first else "    ") + f"{k}: {scalar(o[k])}")
                first = False
    return "\n".join(out) + "\n"


def report_day(year, quarter, rng):
    y = year + 1 if quarter == 4 else year
    return f"{y}-{NEXT_MONTH[quarter]}-{rng.randint(1, 12):02d}"


def generate(size, out, seed, errors):
    units_n, years_n = SIZES[size]
    rng = random.Random(seed)
    years = list(range(LAST_YEAR - years_n + 1, LAST_YEAR + 1))
    units = [f"u{n:04d}" for n in range(units_n)]
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    files = 0

    def write(rel, text):
        nonlocal files
        path = os.path.join(out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        files += 1

    people = ["  - {id: ciso, name: 資安長, email: ciso@bench.example, unit: %s}" % units[0],
              "  - {id: sec, name: 執行秘書, email: sec@bench.example, unit: %s}" % units[0]]
    unit_lines = []
    for u in units:
        people.append(f"  - {{id: {u}.head, name: 主管{u[1:]}, email: {u}.head@bench.example, unit: {u}}}")
        people.append(f"  - {{id: {u}.staff, name: 承辦{u[1:]}, email: {u}.staff@bench.example, unit: {u}}}")
        unit_lines.append(f"  - {{id: {u}, name: 單位{u[1:]}, head: {u}.head}}")
    write("isms-obj.yaml", "\n".join([
        "kind: config", "version: 1", "organisation:", f"  name: 基準測試機關（{size}）", "language: zh-TW",
        "calendar: roc", "people:", *people, "units:", *unit_lines, "roles:", "  ciso: ciso",
        "  executive_secretary: sec", "  security_team: [sec]", "policy:", "  repeated_miss_threshold: 2",
        '  setting_due: "12-15"', "  results_due_days: 15", "  review_due_days: 30", "  retention:",
        "    years: 1", "    location: 資訊中心"]) + "\n")

    for ui, u in enumerate(units):
        objs = [objective(i, u) for i in range(OBJECTIVES)]
        misses = ui % 25 == 0  # this unit misses obj-06 (open rate <= 10) in Q1 and Q2
        for year in years:
            table_text = setting_text(year, u, objs)
            table = {"kind": "setting", "year": year, "unit": u, "compiled_by": f"{u}.staff",
                     "supervisor": f"{u}.head", "objectives": objs}
            write(f"units/{u}/{year}/setting.yaml", table_text)
            write(f"approvals/{year}/{u}/r1.yaml", approval_text(year, u, objs, table))
            quarters = [1, 2, 3] if year == LAST_YEAR else [1, 2, 3, 4]
            missed = []
            for quarter in quarters:
                for o in objs:
                    value = met_value(o, rng)
                    variance = None
                    if misses and o["id"] == "obj-06" and quarter in (1, 2):
                        value = {"actual": 12.5}
                        variance = "演練主題擬真度高，開啟率偏高；已加強宣導。"
                        missed.append((quarter, variance))
                    lines = ["kind: result", f"year: {year}", f"quarter: {quarter}", f"unit: {u}",
                             f"objective: {o['id']}"]
                    lines += [f"{k}: {v}" for k, v in value.items()]
                    if variance:
                        lines.append(f"variance: {variance}")
                    lines += [f"reported_by: {u}.staff", f'reported: "{report_day(year, quarter, rng)}"']
                    write(f"units/{u}/{year}/results/q{quarter}/{o['id']}.yaml", "\n".join(lines) + "\n")
                y = year + 1 if quarter == 4 else year
                review_date = f"{y}-{NEXT_MONTH[quarter]}-{rng.randint(15, 28):02d}"
                write(f"reviews/{year}/q{quarter}/{u}.yaml", "\n".join([
                    "kind: review", f"year: {year}", f"quarter: {quarter}", f"unit: {u}", "reviewed_by: ciso",
                    "opinion: 目標執行情形良好。" if not (misses and quarter <= 2) else "opinion: 部分目標未達成，請改善。",
                    f"supervisor: {u}.head", f'date: "{review_date}"']) + "\n")
            if missed:
                entries = []
                for quarter, variance in missed:  # 12.5 every missed quarter, so the mean stays 12.5
                    entries += [f"  - quarter: {quarter}", "    actual: 12.5", "    cumulative: 12.5",
                                "    target: 10", f"    variance: {variance}"]
                write(f"referrals/{year}/{u}/obj-06.yaml", "\n".join([
                    "kind: referral", f"year: {year}", f"unit: {u}", "objective: obj-06",
                    f'raised: "{year}-07-25"', "raised_by: sec", "missed:", *entries,
                    f"case: ISMS-P-008-{year}-{ui:04d}", "state: closed", f'closed: "{year}-12-20"',
                    "closing_note: 已加強宣導，第三季起達成。"]) + "\n")

    # Broken files on request: a rotating mix over deterministic victims.
    breakers = [
        lambda t: t.replace("kind: result", "kind: result\nkind: result"),            # duplicate key
        lambda t: t.replace("reported_by:", "reported_by: [unclosed"),               # YAML syntax
        lambda t: t.replace("objective: ", "objective: NOT_AN_ID-"),                 # schema pattern
        lambda t: t + "unexpected_field: 1\n",                                       # schema unknown field
        lambda t: t.replace("reported_by: ", "reported_by: nobody-"),                # unknown person
    ]
    victims = rng.sample([(u, y) for u in units for y in years], min(errors, len(units) * len(years))) if errors else []
    for n, (u, y) in enumerate(victims):  # n picks the breaker
        path = os.path.join(out, f"units/{u}/{y}/results/q1/obj-01.yaml")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        with open(path, "w", encoding="utf-8") as f:
            f.write(breakers[n % len(breakers)](text))
    return files


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("size", choices=sorted(SIZES))
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=20261124)
    ap.add_argument("--errors", type=int, default=0)
    a = ap.parse_args()
    n = generate(a.size, a.out, a.seed, a.errors)
    print(f"{a.size}: {n} files in {a.out}")


if __name__ == "__main__":
    main()

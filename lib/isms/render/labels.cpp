#include "isms/render/labels.h"

#include <fmt/format.h>

namespace isms {

namespace {

struct Label {
  const char* key;
  const char* zh;
  const char* en;
};
constexpr Label kLabels[] = {
    {"title.summary", "資通安全目標管理審查報告", "Management review of information-security objectives"},
    {"title.setting", "資通安全目標設定表", "Information-security objective setting table"},
    {"title.review", "資通安全目標檢討表", "Information-security objective review table"},
    {"through", "統計至第{}季", "through Q{}"},
    {"through.due", "統計至第{}季：截至{}結果已到期之最後一季（--quarter 可指定其他季別）",
     "Through Q{}: the last quarter whose results were due by {} (--quarter picks another)"},
    {"dropped", "已刪除（核定版次{}）", "Dropped (revision {})"},
    {"overview", "總覽", "Overview"},
    {"unit", "單位", "Unit"},
    {"exec.unit", "目標執行單位", "Executing unit"},
    {"objectives", "目標數", "Objectives"},
    {"approved", "已核定", "Approved"},
    {"met", "達成", "Met"},
    {"not met", "未達成", "Not met"},
    {"on track", "進度正常", "On track"},
    {"no data", "無資料", "No data"},
    {"no events", "本季無事件", "No events"},
    {"no events because", "本季無事件：{}", "No events: {}"},
    {"rate", "達成率", "Achievement"},
    {"last rate", "去年達成率", "Last year"},
    {"total", "合計", "Total"},
    {"yes", "是", "yes"},
    {"no", "否", "no"},
    {"number", "No", "No"},
    {"item", "目標(量測)項目", "Objective (measurement)"},
    {"item.review", "目標項目", "Objective"},
    {"last year", "去年實績", "Last year's actual"},
    {"target", "目標值", "Target"},
    {"department", "負責部門", "Responsible department"},
    {"owner", "負責人員", "Responsible person"},
    {"method", "量測方式/計算公式", "Measurement method / formula"},
    {"resources", "所需資源", "Resources needed"},
    {"actions", "具體執行項目", "Concrete actions"},
    {"source", "檢討依據(資料來源)", "Review basis (data source)"},
    {"goal setting", "目標設定", "Objective"},
    {"goal owner", "目標權責", "Responsibility"},
    {"updated", "更新日期", "Updated"},
    {"page", "頁次", "Page"},
    {"continued", "（續下頁）", "(continued on the next page)"},
    {"classification", "機密等級：內部使用", "Classification: internal use"},
    {"ly.full", "{}年全年", "{} full year"},
    {"ly.partial", "{}年至第{}季", "{} through Q{}"},
    {"ly.with", "{}（{}）", "{} ({})"},
    {"last year period", "去年實績期間", "Last year's period"},
    {"columns.unapproved",
     "注意：本表核定後已修改，而核定紀錄僅保存量測定義；負責部門、負責人員、量測方式、所需資源、具體執行項目及檢討依據為現行設定表之內容，非核定時之內容。",
     "Note: the table changed after this approval, which records the measurement definitions only; department, "
     "person, method, resources, actions and data source are the table's current content, not what was approved."},
    {"pending.head", "設定表第{}版之下列修改尚待資通安全長核定（核定版次{}仍有效）：",
     "Revision {} of the table awaits the CISO's decision on these changes (revision {} stays in force):"},
    {"pending.unlisted", "設定表第{}版尚待資通安全長核定（核定版次{}仍有效）；核定紀錄僅保存量測定義，量測定義以外之修改無法逐項列出。",
     "Revision {} of the table awaits the CISO's decision (revision {} stays in force); the approval records the "
     "measurement definitions only, so changes to other columns cannot be listed."},
    {"pending.added", "新增目標", "Objective added"},
    {"pending.removed", "刪除目標", "Objective removed"},
    {"pending.partial", "（核定紀錄僅保存量測定義，其他欄位之修改無法列出）",
     "(the approval records the measurement definitions only: changes to other columns cannot be listed)"},
    {"field.item", "目標(量測)項目", "Objective"},
    {"field.last_year_actual", "去年實績", "Last year's actual"},
    {"field.target", "目標值", "Target"},
    {"field.unit", "量測單位", "Unit"},
    {"field.precision", "小數位數", "Precision"},
    {"field.aggregation", "累計方式", "Aggregation"},
    {"field.numerator", "分子", "Numerator"},
    {"field.denominator", "分母", "Denominator"},
    {"field.quarter_targets", "各季目標", "Quarter targets"},
    {"field.department", "負責部門", "Department"},
    {"field.owner", "負責人員", "Person responsible"},
    {"field.method", "量測方式/計算公式", "Method / formula"},
    {"field.resources", "所需資源", "Resources"},
    {"field.actions", "具體執行項目", "Actions"},
    {"field.data_source", "檢討依據(資料來源)", "Data source"},
    {"field.compiled_by", "編訂者", "Compiled by"},
    {"field.supervisor", "權責主管", "Supervisor"},
    {"history.title", "資通安全目標稽核軌跡（ISMS-P-005）— {}（{}）{}年度", "Audit trail of information-security objectives (ISMS-P-005) — {} ({}) {}"},
    {"history.none", "本年度尚無任何紀錄。", "Nothing is on record for this year."},
    {"history.submitted", "設定表第{}版送審", "Setting table revision {} submitted"},
    {"history.pending", "設定表第{}版{}", "Setting table revision {} {}"},
    {"history.draft", "草稿中", "in draft"},
    {"history.awaiting", "待資通安全長核定", "awaiting the CISO's decision"},
    {"history.first", "初版設定表", "The first revision of the table"},
    {"history.unchanged", "與核定版次{}相同之欄位內容（僅版次或更新日期不同）", "Same content as approved revision {} (only the revision or date differ)"},
    {"history.changes", "與核定版次{}相較之修改：", "Changes against approved revision {}:"},
    {"history.approved", "資通安全長核定第{}版", "The CISO approved revision {}"},
    {"history.rejected", "資通安全長退回第{}版", "The CISO rejected revision {}"},
    {"history.changes-requested", "資通安全長要求修正第{}版", "The CISO asked for changes to revision {}"},
    {"history.comment", "意見", "Comment"},
    {"history.reported", "第{}季實績", "Q{} result"},
    {"history.amended", "第{}季實績修正（第{}次紀錄）", "Q{} result amended (record {})"},
    {"history.reason", "理由", "Reason"},
    {"history.after review", "於{}審核後修正", "Amended after the review of {}"},
    {"history.confirmed", "第{}季實績經權責主管確認", "Q{} results confirmed by the unit's head"},
    {"history.reconfirmed", "第{}季實績經權責主管再確認（第{}次紀錄）", "Q{} results confirmed again by the unit's head (record {})"},
    {"history.confirmed results", "確認之實績", "Results confirmed"},
    {"history.confirmed amended", "{}（第{}次紀錄）", "{} (record {})"},
    {"history.stale", "此後實績已有新增或修正，尚待再確認", "Results were recorded or amended since: not yet confirmed again"},
    {"history.reviewed", "第{}季審核", "Q{} reviewed"},
    {"history.corrected", "第{}季審核意見更正（第{}次紀錄）", "Q{} review corrected (record {})"},
    {"history.missing", "實績缺漏說明", "Why results were missing"},
    {"history.referral", "要求矯正措施（ISMS-P-008）", "Corrective action required (ISMS-P-008)"},
    {"history.waived", "免採矯正措施（§5.5.2 得視需要）", "No corrective action needed (§5.5.2)"},
    {"history.closed", "矯正措施結案", "Corrective action closed"},
    {"history.missed", "未達成季別", "Quarters missed"},
    {"history.case", "矯正措施案號", "Case number"},
    {"history.evidence", "結案佐證", "Evidence"},
    {"history.key", "簽章金鑰 {}", "Signed with key {}"},
    {"history.unsigned", "未簽章", "Not signed"},
    {"compiled by", "編訂者", "Compiled by"},
    {"supervisor", "權責主管", "Supervisor"},
    {"ciso", "資通安全長", "CISO"},
    {"note.setting", "備註：本表由目標負責人員於每年12月15日前將下年度目標填妥後，交予權責主管確認後陳資通安全長審核。",
     "Note: the objective owners complete next year's objectives by December 15; the supervisor confirms them and the CISO approves."},
    {"year", "年度", "Year"},
    {"quarter", "季別", "Quarter"},
    {"q1", "第一季 (1-3 月)", "Q1 (Jan-Mar)"},
    {"q2", "第二季 (4-6 月)", "Q2 (Apr-Jun)"},
    {"q3", "第三季 (7-9 月)", "Q3 (Jul-Sep)"},
    {"q4", "第四季 (10-12 月)", "Q4 (Oct-Dec)"},
    {"achievement", "達成情形", "Achievement"},
    {"actual", "實績", "Actual"},
    {"cumulative", "累計", "Cumulative"},
    {"variance", "差異說明", "Variance explanation"},
    {"reporter", "報告人", "Reporter"},
    {"date", "日期", "Date"},
    {"opinion", "審核意見", "Review opinion"},
    {"note.review", "備註說明：於每季開始前將上季目標達成情形及差異說明填妥後，交由權責主管確認後陳權責主管審核。",
     "Note: before each quarter begins, last quarter's results and variance explanations are completed and confirmed by the supervisor."},
    {"status", "達成情形", "Status"},
    {"judgement", "判定", "Judgement"},
    {"forecast", "預測", "Forecast"},
    {"corrective", "矯正措施 (ISMS-P-008)", "Corrective action (ISMS-P-008)"},
    {"in force", "核定版次", "Approved revision"},
    {"approved on", "（{}核定）", " (approved {})"},
    {"not approved", "未核定", "not approved"},
    {"signed key", "，簽章金鑰 {}", "; signed with key {}"},
    {"confirmed on", "確認於{}", "confirmed {}"},
    {"confirmation stale", "；其後實績有新增或修正，尚待再確認", "; results changed since, not confirmed again"},
    {"not confirmed", "無確認紀錄", "no confirmation on record"},
    {"trend", "與去年比較", "Change since last year"},
    {"open", "處理中", "open"},
    {"closed", "已結案", "closed"},
    {"waived", "免予矯正", "waived"},
    {"case", "案號", "case"},
    {"achieved", "已達成", "achieved"},
    {"reachable", "可達成", "reachable"},
    {"lost", "無法達成", "lost"},
    {"no results", "尚無實績", "no results"},
    {"chart", "各單位達成率：本年度與去年", "Achievement by unit: this year and last year"},
    {"rate.through", "{}（至第{}季）", "{} (through Q{})"},
    {"rate.basis", "達成率＝（達成＋進度正常）÷ 已判定之目標數（不含無資料及本季無事件者）；去年為全年。",
     "Achievement = (met + on track) ÷ objectives judged (not those without data or without events); last "
     "year's is the full year."},
    {"trend.title", "歷年達成率", "Achievement over the years"},
    {"trend.units", "各單位", "Units"},
    {"trend.table", "各單位歷年達成率", "Achievement by unit over the years"},
    {"this year", "本年度", "this year"},
    {"no table", "無核定之目標設定表", "no approved setting table"},
    {"objective", "目標", "Objective"},
    {"sheet.summary", "管理審查摘要", "Summary"},
    {"sheet.setting", "ISMS-P-005-01 設定表", "ISMS-P-005-01 Setting"},
    {"sheet.review", "ISMS-P-005-02 檢討表", "ISMS-P-005-02 Review"},
    {"sheet.setting.data", "005-01 資料", "005-01 data"},
    {"sheet.review.data", "005-02 資料", "005-02 data"},
    // The quarterly review view (isms-obj review).
    {"review.title", "ISMS-P-005-02 資通安全目標檢討表", "ISMS-P-005-02 objective review"},
    {"review.period", "{}年 第{}季", "{} Q{}"},
    {"review.unit", "目標執行單位", "Unit"},
    {"review.in force", "核定版次", "Approved revision in force"},
    {"review.no table", "  — 無核定之目標設定表", "  — no approved setting table in force"},
    {"review.last", "去年實績", "Last year"},
    {"review.quarter", "第{}季 實績/累計", "Q{} actual/cum."},
    {"review.variance", "差異說明", "Variance explanations"},
    {"review.supervisor", "權責主管", "supervisor"},
    {"review.not recorded", "尚未記錄", "not recorded"},
    {"review.confirmation", "權責主管確認", "Confirmed by the unit's head"},
    {"review.not confirmed", "尚未確認（review --confirm）", "not yet (review --confirm)"},
    {"review.confirmation stale", "其後實績有新增或修正，尚待再確認", "results changed since: not confirmed again"},
    {"review.missing", "缺少實績", "Results missing"},
    {"review.missed", "未達成", "missed"},
    {"review.referral due", "待提報 (review --record)", "referral due (review --record)"},
    {"value.met", "達成", "met"},
    {"value.not met", "未達成", "not met"},
    {"value.on track", "進度正常", "on track"},
    {"value.no data", "無資料", "no data"},
    {"value.no events", "本季無事件", "no events"},
    // isms-obj status: states, kinds, reasons ({r}: a revision, {f}: the one in force).
    {"status.title", "{} — 待辦事項（{}）", "{} — status on {}"},
    {"status.state", "狀態", "state"},
    {"status.what", "項目", "what"},
    {"status.period", "期間", "period"},
    {"status.unit", "單位", "unit"},
    {"status.due", "期限", "due"},
    {"status.details", "說明", "details"},
    {"status.counts", "逾期 {}、待辦 {}、處理中 {}", "{} late, {} due, {} open"},
    {"state.late", "逾期", "late"},
    {"state.due", "待辦", "due"},
    {"state.open", "處理中", "open"},
    {"kind.setting", "目標設定表", "setting"},
    {"kind.results", "季實績", "results"},
    {"kind.review", "季審核", "review"},
    {"kind.referral", "矯正措施", "referral"},
    {"period.year", "{}年度", "{}"},
    {"period.quarter", "{}年 第{}季", "{} Q{}"},
    {"reason.no-table", "尚無目標設定表（ISMS-P-005-01）", "no setting table (ISMS-P-005-01)"},
    {"reason.draft", "設定表仍為草稿", "setting table is still a draft"},
    {"reason.submitted", "已送核，待資通安全長核定", "submitted, awaiting the CISO's decision"},
    {"reason.rejected", "資通安全長未予核定；請修訂後重新送核", "rejected by the CISO; revise and resubmit"},
    {"reason.changes-requested", "資通安全長要求修改；請修訂後重新送核", "the CISO requested changes; revise and resubmit"},
    {"reason.pending-reapproval", "第{r}版待重新核定；核定版次{f}仍有效", "revision {r} pending re-approval; revision {f} stays in force"},
    {"reason.revision", "第{r}版：{what}；核定版次{f}仍有效", "revision {r}: {what}; revision {f} stays in force"},
    {"reason.no-results", "缺少實績：{ids}", "no result for {ids}"},
    {"reason.no-review", "尚未記錄審核意見（ISMS-P-005-02）", "no review recorded (ISMS-P-005-02 審核意見)"},
    {"reason.referral-due", "「{id}」{quarters}未達成：應提報矯正措施（ISMS-P-008）",
     "'{id}' missed in {quarters}: corrective action (ISMS-P-008) is due"},
    {"reason.referral-open", "「{id}」矯正措施自{since}起處理中，{case}", "'{id}' corrective action open since {since}, {case}"},
    {"reason.no-case", "尚無ISMS-P-008案號", "no ISMS-P-008 case number yet"},
    {"reason.case", "案號{}", "case {}"},
    {"quarter.short", "第{}季", "Q{}"},
    {"list.sep", "、", ", "},
    // isms-obj retention-check.
    {"retention.title", "紀錄保存（截至{today}）：{after}至少保存{years}年，保存單位：{where}",
     "Retention as of {today}: kept at least {years} year(s) after {after}, at {where}"},
    {"retention.after-record", "自紀錄所載日期起", "the date each record states"},
    {"retention.after-year", "自紀錄所屬年度結束起", "the end of the year it covers"},
    {"retention.record", "紀錄", "record"},
    {"retention.year", "年度", "year"},
    {"retention.files", "檔案數", "files"},
    {"retention.until", "保存至", "retain until"},
    {"retention.past", "已逾保存期限：得依程序銷毀（isms-obj 不會刪除）", "past retention: may be disposed of (never by isms-obj)"},
    {"retention.kept", "保存期限內", "under retention"},
    {"retention.setting", "005-01 設定表", "005-01 setting"},
    {"retention.approval", "005-01 核定紀錄", "005-01 approval"},
    {"retention.result", "005-02 季實績", "005-02 result"},
    {"retention.review", "005-02 審核意見", "005-02 review"},
    {"retention.confirmation", "005-02 權責主管確認", "005-02 confirmation"},
    {"retention.history", "git 歷史：已檢查 {} 個涉及本紀錄庫之提交", "history: {} commit(s) touching the store's paths checked"},
    {"retention.violation", "違反保存規定", "violation"},
    {"retention.commit", "（提交 {commit}，{author}{on}）", " (commit {commit} by {author}{on})"},
    {"retention.on", "，{}", " on {}"},
    {"retention.count", "違反保存規定 {} 項", "{} violation(s)"},
    // What a forecast says it takes ({a}, {b}: numbers; {u}: the unit; {when}: the quarters left).
    {"when.one", "第4季", "Q4"},
    {"when.range", "第{}至4季", "Q{}-Q4"},
    {"need.exceeds", "{a}已超過{b}", "{a} already exceeds {b}"},
    {"need.more", "{when}至少再{a}", "at least {a} more in {when}"},
    {"need.more-at-most", "{when}至少再{a}、至多再{b}", "at least {a} more in {when} and at most {b} more"},
    {"need.at-most-more", "{when}至多再{a}", "at most {a} more in {when}"},
    {"need.no-events", "至今無事件，由{when}決定", "no events so far; decided by {when}"},
    {"need.would-need-share", "依目前量，{when}需達{a}{u}", "would need {a}{u} in {when} at the volume so far"},
    {"need.met-even-zero", "依目前量，{when}即使為0{u}亦達成", "met even with 0{u} in {when} at the volume so far"},
    {"need.at-least-share", "依目前量，{when}至少需{a}{u}", "at least {a}{u} in {when} (at the volume so far)"},
    {"need.even-zero-above", "{when}即使為0{u}仍高於{b}", "even 0{u} in {when} would leave it above {b}"},
    {"need.at-most-share", "依目前量，{when}至多{a}{u}", "at most {a}{u} in {when} (at the volume so far)"},
    {"need.would-need-average", "{when}平均需達{a}{u}", "would need an average of {a}{u} in {when}"},
    {"need.at-least-average", "{when}平均至少需{a}{u}", "an average of at least {a}{u} in {when}"},
    {"need.even-zero-average-above", "{when}即使為0，平均仍高於{b}", "even 0 in {when} would leave the average above {b}"},
    {"need.at-most-average", "{when}平均至多{a}{u}", "an average of at most {a}{u} in {when}"},
    {"need.decided-by-q4", "由第4季數值決定：{a} {b}{u}", "decided by the Q4 value: {a} {b}{u}"},
    {"need.max-exceeds", "最大值{a}已超過{b}", "the maximum {a} already exceeds {b}"},
    {"need.min-below", "最小值{a}已低於{b}", "the minimum {a} is already below {b}"},
};


}  // namespace

std::string forecast_need(const Forecast& f, const Labels& t) {
  if (f.need.key.empty()) return {};
  const std::string when = f.from_quarter >= 4 ? t("when.one") : fmt::format(fmt::runtime(t("when.range")), f.from_quarter);
  return fmt::format(fmt::runtime(t("need." + f.need.key)), fmt::arg("a", f.need.a), fmt::arg("b", f.need.b),
                     fmt::arg("u", f.percent ? (t.zh() ? "%" : " %") : ""), fmt::arg("when", when));
}

std::string date_text(const Date& d, Calendar calendar, const Labels& t) {
  if (calendar == Calendar::Roc) return t.zh() ? format_roc_long(d) : format_roc_short(d) + " (ROC)";
  return t.zh() ? fmt::format("{}年{}月{}日", d.year, d.month, d.day) : d.iso();
}

std::string date_column(const Date& d, Calendar calendar) {
  return calendar == Calendar::Roc ? format_roc_short(d) : d.iso();
}

std::string quarter_name(int quarter, const Labels& t) {
  return fmt::format(fmt::runtime(t("quarter.short")), quarter);
}

std::string list_text(const std::vector<std::string>& items, const Labels& t) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : t("list.sep")) + i;
  return out;
}

std::string quarter_names(const std::vector<int>& quarters, const Labels& t) {
  std::vector<std::string> names;
  for (int q : quarters) names.push_back(quarter_name(q, t));
  return list_text(names, t);
}

std::string year_number(int year, Calendar calendar, const Labels& t) {
  if (calendar != Calendar::Roc) return std::to_string(year);
  return t.zh() ? std::to_string(roc_year(year)) : fmt::format("ROC {}", roc_year(year));
}

std::string Labels::operator()(std::string_view key) const {
  for (const auto& l : kLabels) {
    if (key == l.key) return zh_ ? l.zh : l.en;
  }
  return std::string(key);
}

std::string change_text(const RevisionChange& c, const NameOf& name, const Labels& t) {
  const auto value = [&](const std::string& v) {
    if (v.empty()) return std::string("-");
    if (c.field == "owner" || c.field == "compiled_by" || c.field == "supervisor" || c.field == "department") {
      return name(c.field, v);
    }
    return v;
  };
  if (c.field.empty()) return fmt::format("{}：{}", t(c.after == "added" ? "pending.added" : "pending.removed"), c.item);
  const std::string change = fmt::format("{}：{} → {}", t("field." + c.field), value(c.before), value(c.after));
  return c.objective.empty() ? change : fmt::format("{} — {}", c.item, change);
}

}  // namespace isms

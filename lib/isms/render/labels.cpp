#include "isms/render/labels.h"

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
    {"trend", "與去年比較", "Change since last year"},
    {"open", "處理中", "open"},
    {"closed", "已結案", "closed"},
    {"case", "案號", "case"},
    {"achieved", "已達成", "achieved"},
    {"reachable", "可達成", "reachable"},
    {"lost", "無法達成", "lost"},
    {"no results", "尚無實績", "no results"},
    {"chart", "各單位達成率", "Achievement by unit"},
    {"this year", "本年度", "this year"},
    {"no table", "無核定之目標設定表", "no approved setting table"},
    {"objective", "目標", "Objective"},
    {"sheet.summary", "管理審查摘要", "Summary"},
    {"sheet.setting", "ISMS-P-005-01 設定表", "ISMS-P-005-01 Setting"},
    {"sheet.review", "ISMS-P-005-02 檢討表", "ISMS-P-005-02 Review"},
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
    {"review.missing", "缺少實績", "Results missing"},
    {"review.missed", "未達成", "missed"},
    {"review.referral due", "待提報 (review --record)", "referral due (review --record)"},
    {"value.met", "達成", "met"},
    {"value.not met", "未達成", "not met"},
    {"value.on track", "進度正常", "on track"},
    {"value.no data", "無資料", "no data"},
};


}  // namespace

std::string Labels::operator()(std::string_view key) const {
  for (const auto& l : kLabels) {
    if (key == l.key) return zh_ ? l.zh : l.en;
  }
  return std::string(key);
}

}  // namespace isms

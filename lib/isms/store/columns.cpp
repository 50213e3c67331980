#include "isms/store/columns.h"

#include <algorithm>

#include "isms/base/text.h"

namespace isms {

namespace {

using U = ColumnUse;

// Results: what record-quarter reads and the 005-02 sheet of an export
// writes. The executing unit and the reporter may be names; the objective
// its id, or its item when there is no id column.
constexpr Column kResultColumns[] = {
    {"year", "--year", "年度", "Year", "", U::Field, "year (2026, or ROC 115 / 115年度)"},
    {"quarter", "--quarter", "季別", "Quarter", "季", U::Field, "quarter (4, Q4, 第四季)"},
    {"unit", "--unit", "目標執行單位", "Executing unit", "", U::Field, "unit id or name"},
    {"number", "", "No", "No", "項次", U::Shown, "the form's row number"},
    {"objective", "--objective", "代號", "ID", "objective_id|id", U::Field, "objective id"},
    {"objective", "", "目標項目", "Item", "item|目標(量測)項目|Objective (measurement)", U::Fallback,
     "the objective by its item, when there is no id column"},
    {"target", "", "目標值", "Target", "", U::Shown, "the target the quarter was judged against"},
    {"last_year_actual", "", "去年實績", "Last year's actual", "", U::Shown, "last year's actual"},
    {"last_year_period", "", "去年實績期間", "Last year's period", "", U::Shown, "the period of last year's actual"},
    {"actual", "--actual", "實績", "Actual", "", U::Field,
     "the quarter's value; for a ratio, checked against numerator ÷ denominator"},
    {"numerator", "--numerator", "分子", "Numerator", "", U::Field, "ratio: the quarter's numerator"},
    {"denominator", "--denominator", "分母", "Denominator", "", U::Field, "ratio: the quarter's denominator"},
    {"no_events", "--no-events", "本季無事件", "No events", "無事件", U::Field,
     "nothing to measure happened this quarter, and why (instead of a value)"},
    {"measure_unit", "--measure-unit", "單位", "Measure unit", "", U::Field,
     "the unit the value is in; refused unless the objective's"},
    {"cumulative", "", "累計", "Cumulative", "", U::Shown, "the cumulative through the quarter"},
    {"status", "", "達成情形", "Status", "judgement", U::Shown, "the quarter's judgement"},
    {"variance", "--variance", "差異說明", "Variance explanation", "", U::Field,
     "why the result differs from the target"},
    {"reported_by", "--reporter", "報告人", "Reporter", "", U::Field, "person id, name or e-mail"},
    {"reported", "--reported", "日期", "Date reported", "報告日期", U::Field,
     "date reported (2027-01-05, 2027/1/5, 116/01/05)"},
    {"opinion", "", "審核意見", "Review opinion", "", U::Shown, "the CISO's opinion"},
};

// Objectives: what `set --from` reads and the 005-01 sheet of an export
// writes. The department and the owner may be names.
constexpr Column kObjectiveColumns[] = {
    {"year", "", "年度", "Year", "", U::Shown, "the table's year (set --year)"},
    {"executing_unit", "", "目標執行單位", "Executing unit", "", U::Shown, "the table's unit (set --unit)"},
    {"number", "", "No", "No", "項次", U::Shown, "the form's row number"},
    {"id", "--objective", "代號", "ID", "objective", U::Field, "objective id (lowercase letters, digits, -)"},
    {"item", "--item", "目標(量測)項目", "Objective (measurement)", "目標項目", U::Field, "what is measured"},
    {"last_year_actual", "--last-year-actual", "去年實績", "Last year's actual", "", U::Field,
     "last year's actual, a number (empty: none)"},
    {"last_year_through", "", "去年實績截至季別", "Last year's actual through", "", U::Field,
     "the quarter last year's actual runs through, when not the full year (1-3)"},
    {"comparison", "--comparison", "比較方式", "Comparison", "", U::Field, ">=, <= or range (≥, ≤, 以上, 以下)"},
    {"target", "--target", "目標值", "Target", "", U::Field, "a number, MIN..MAX for a range, or ≥ 95%"},
    {"unit", "--measure-unit", "單位", "Measure unit", "", U::Field,
     "percent, count, hours, minutes, days or score"},
    {"precision", "--precision", "小數位數", "Decimal places", "", U::Field,
     "decimal places results are rounded to before comparing (0-4)"},
    {"aggregation", "--aggregation", "累計方式", "Aggregation", "", U::Field,
     "how the cumulative forms: sum, ratio, mean, last, max, min"},
    {"numerator", "--numerator", "分子", "Numerator", "", U::Field, "ratio: what the numerator counts"},
    {"denominator", "--denominator", "分母", "Denominator", "", U::Field, "ratio: what the denominator counts"},
    {"q1", "--q1", "第一季目標", "Q1 target", "", U::Field, "target for the cumulative at the end of Q1"},
    {"q2", "--q2", "第二季目標", "Q2 target", "", U::Field, "target for the cumulative at the end of Q2"},
    {"q3", "--q3", "第三季目標", "Q3 target", "", U::Field, "target for the cumulative at the end of Q3"},
    {"q4", "--q4", "第四季目標", "Q4 target", "", U::Field, "target for the cumulative at the end of Q4"},
    {"department", "--department", "負責部門", "Department", "", U::Field, "unit id or name"},
    {"owner", "--owner", "負責人員", "Owner", "", U::Field, "person id or name"},
    {"method", "--method", "量測方式/計算公式", "Method / formula", "", U::Field, "how it is measured"},
    {"resources", "--resources", "所需資源", "Resources", "", U::Field, "resources needed"},
    {"actions", "--action", "具體執行項目", "Actions", "", U::Field, "actions, separated by ； or new lines"},
    {"data_source", "--data-source", "檢討依據(資料來源)", "Data source", "資料來源", U::Field,
     "what the review is based on"},
    {"compiled_by", "", "編訂者", "Compiled by", "", U::Shown, "the table's compiler (set --compiled-by)"},
    {"supervisor", "", "權責主管", "Supervisor", "", U::Shown, "the table's supervisor (set --supervisor)"},
    {"ciso", "", "資通安全長", "CISO", "", U::Shown, "who approved the revision in force"},
};

// A name as compared: NFKC (full-width brackets and letters), trimmed,
// ASCII lowercase, '-' as '_', without leading dashes.
std::string normal_name(std::string_view name) {
  std::string s = compatibility_form(std::string(name));
  const auto first = s.find_first_not_of(" \t");
  const auto last = s.find_last_not_of(" \t");
  s = first == std::string::npos ? std::string() : s.substr(first, last - first + 1);
  while (!s.empty() && s.front() == '-') s.erase(0, 1);
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '-') c = '_';
  }
  return s;
}

bool names(const Column& c, const std::string& n) {
  if (n == normal_name(c.field) || n == normal_name(c.zh) || n == normal_name(c.en)) return true;
  if (!c.option.empty() && n == normal_name(c.option)) return true;
  std::string_view rest = c.also;
  while (!rest.empty()) {
    const auto bar = rest.find('|');
    if (n == normal_name(rest.substr(0, bar))) return true;
    rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
  }
  return false;
}

}  // namespace

std::span<const Column> result_columns() { return kResultColumns; }
std::span<const Column> objective_columns() { return kObjectiveColumns; }

const Column* find_column(std::span<const Column> columns, std::string_view name) {
  const std::string n = normal_name(name);
  if (n.empty()) return nullptr;
  // A Field's own id wins over another column's heading or alias.
  for (const auto& c : columns) {
    if (c.use == ColumnUse::Field && n == normal_name(c.field)) return &c;
  }
  const auto it = std::find_if(columns.begin(), columns.end(), [&](const Column& c) { return names(c, n); });
  return it == columns.end() ? nullptr : &*it;
}

std::string column_field(std::span<const Column> columns, std::string_view name) {
  const Column* c = find_column(columns, name);
  if (!c) return {};
  return std::string(c->use == ColumnUse::Shown ? kShownColumn : c->field);
}

const Column* column_of(std::span<const Column> columns, std::string_view field) {
  const auto it = std::find_if(columns.begin(), columns.end(),
                               [&](const Column& c) { return c.use == ColumnUse::Field && c.field == field; });
  return it == columns.end() ? nullptr : &*it;
}

std::string_view heading(const Column& c, Language language) { return language == Language::ZhTW ? c.zh : c.en; }

}  // namespace isms

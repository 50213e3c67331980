#include "isms/ops/record.h"

#include <algorithm>
#include <charconv>
#include <functional>
#include <map>

#include <fmt/format.h>

#include "isms/base/i18n.h"
#include "isms/base/text.h"
#include "isms/format/csv.h"
#include "isms/format/office.h"
#include "isms/format/sheet.h"
#include "isms/format/tree.h"
#include "isms/rules/lifecycle.h"
#include "isms/rules/validate.h"
#include "isms/store/columns.h"
#include "isms/store/store.h"

namespace isms {

namespace fs = std::filesystem;

namespace {


// The cells of a row as office spreadsheets write them, rewritten in the
// records' spelling (format/office.h): years and quarters in ROC or zh-TW
// forms, units and reporters by name, dates as Excel shows them, numbers
// with separators, percent signs and full-width digits. A cell none of
// those forms reads is reported through `error`; false then. `percent`
// says the actual was written with a percent sign.
bool office_forms(const Config& config, std::map<std::string, std::string>& f, bool* percent,
                  const std::function<void(std::string)>& error) {
  bool ok = true;
  if (auto it = f.find("year"); it != f.end()) {
    if (const auto y = office_year(it->second)) it->second = std::to_string(*y);
  }
  if (auto it = f.find("quarter"); it != f.end()) {
    if (const auto q = office_quarter(it->second)) it->second = std::to_string(*q);
  }
  if (auto it = f.find("unit"); it != f.end() && !config.unit(it->second)) {
    std::string hint;
    if (const Unit* u = config.unit_named(it->second, &hint)) {
      it->second = u->id;
    } else {
      error(trf("unit '{}' is not in {}{}", it->second, kConfigFileName, hint));
      ok = false;
    }
  }
  if (auto it = f.find("reported_by"); it != f.end() && !config.person(it->second)) {
    std::string hint;
    if (const Person* p = config.person_named(it->second, &hint)) {
      it->second = p->id;
    } else {
      error(trf("reporter '{}' is not a person in {}{}", it->second, kConfigFileName, hint));
      ok = false;
    }
  }
  if (auto it = f.find("reported"); it != f.end()) {
    if (const auto d = office_date(it->second)) {
      it->second = d->iso();
    } else {
      error(trf("'{}' is not a date (2027-01-05, 2027/1/5, 116/01/05 or 民國116年1月5日)", it->second));
      ok = false;
    }
  }
  for (const char* key : {"actual", "numerator", "denominator"}) {
    auto it = f.find(key);
    if (it == f.end()) continue;
    const auto n = office_number(it->second);
    if (!n || (n->percent && std::string_view(key) != "actual")) {
      error(trf("{} '{}' is not a number{}", key, it->second,
                        n ? " (a numerator or denominator is a count, without %)" : ""));
      ok = false;
      continue;
    }
    it->second = n->text;
    if (std::string_view(key) == "actual") *percent = n->percent;
  }
  return ok;
}

bool same_value(const std::optional<Decimal>& a, const std::optional<Decimal>& b) { return a == b; }

// A row resolved against the defaults, ready to become a result record.
struct Pending {
  Mark at;
  RecordPath where;
  std::map<std::string, std::string> fields;
  std::string path;
  bool unchanged = false;
  bool amended = false;
};

}  // namespace

std::string result_field(std::string_view name) { return column_field(result_columns(), name); }

namespace {

bool known_result_field(std::string_view h) { return !result_field(h).empty(); }

void to_result_rows(const std::vector<NamedRow>& rows, std::vector<ResultRow>* out) {
  for (const auto& row : rows) {
    ResultRow rr;
    rr.at = row.at;
    for (const auto& [name, cell] : row.cells) rr.fields.push_back({name, cell, row.at});
    out->push_back(std::move(rr));
  }
}

}  // namespace

bool result_rows_from_xlsx(std::string_view bytes, const std::string& file, const std::string& sheet,
                           std::vector<ResultRow>* out, Diagnostics& diags) {
  std::vector<CsvRow> cells;
  if (!table_of_xlsx(bytes, file, sheet, known_result_field, &cells, diags)) return false;
  std::vector<NamedRow> rows;
  const bool ok = named_rows(std::move(cells), file, known_result_field, "results", &rows, diags);
  to_result_rows(rows, out);
  return ok;
}

bool result_rows_from_csv(std::string_view bytes, const std::string& file, std::vector<ResultRow>* out,
                          Diagnostics& diags) {
  std::vector<NamedRow> rows;
  const bool ok = read_named_rows(bytes, file, known_result_field, "results", &rows, diags);
  to_result_rows(rows, out);
  return ok;
}

bool result_rows_from_yaml(std::string_view bytes, const std::string& file, std::vector<ResultRow>* out,
                           Diagnostics& diags) {
  auto root = parse_yaml(bytes, file, diags);
  if (!root || diags.has_errors()) return false;
  std::vector<const YamlNode*> maps;
  if (root->is_map()) maps.push_back(&*root);
  if (root->is_seq()) {
    for (const auto& c : root->children) maps.push_back(&c);
  }
  bool ok = !maps.empty();
  if (!ok) diags.report(DiagCode::InputEmpty, file, root->mark, "expected a list of results, or one result mapping");
  for (const YamlNode* m : maps) {
    if (!m->is_map()) {
      diags.report(DiagCode::InputRowShape, file, m->mark, "each result is a mapping of fields");
      ok = false;
      continue;
    }
    ResultRow rr;
    rr.at = m->mark;
    for (std::size_t i = 0; i < m->keys.size(); ++i) {
      const YamlNode& v = m->children[i];
      if (result_field(m->keys[i]).empty() || !v.is_scalar()) {
        diags.report(DiagCode::InputUnknownColumn, file, m->key_marks[i],
                    trf("'{}' is not a result field with a single value", m->keys[i]));
        ok = false;
        continue;
      }
      rr.fields.push_back({m->keys[i], v.kind == YamlNode::Kind::Null ? "" : v.text, m->key_marks[i]});
    }
    out->push_back(std::move(rr));
  }
  return ok;
}

namespace {

// The unit-years the rows write into; the whole store when a row does not
// say (it will be refused, with the whole store's view).
LoadScope scope_of(const RecordRequest& req) {
  LoadScope scope;
  for (const auto& row : req.rows) {
    std::string year = req.year ? std::to_string(*req.year) : "", unit = req.unit;
    for (const auto& f : row.fields) {
      const std::string field = result_field(f.name);
      if (field == "year" && !trim(f.text).empty()) year = trim(f.text);
      if (field == "unit" && !trim(f.text).empty()) unit = trim(f.text);
    }
    // A unit written by name is resolved once the configuration is read:
    // until then, the whole store.
    const auto y = office_year(year);
    if (!y || !is_unit_id(unit)) return {};
    scope.years.insert(*y);
    scope.units.insert(unit);
  }
  return scope;
}

}  // namespace

Status record_results(Env& env, const fs::path& root, const RecordRequest& req, RecordOutcome* out,
                      Diagnostics& diags) {
  WriteTransaction tx;
  const LoadScope scope = scope_of(req);
  if (Status s = tx.begin(env, root, req, scope, &out->previous_lock_holder, diags); !s.is_ok()) return s;
  // A quarter's cumulative and status are computed from the other quarters.
  if (Status s = tx.refuse_unreadable(diags); !s.is_ok()) return s;
  Store& store = tx.store();
  const Config& config = tx.config();

  const std::string source = req.input.empty() ? std::string(tr("command line")) : req.input;
  auto row_error = [&](DiagCode code, Mark at, std::string message) {
    diags.report(code, source, req.input.empty() ? Mark{} : at, std::move(message));
  };

  // The reporter when rows do not name one.
  std::string default_reporter = req.reporter;
  if (default_reporter.empty() && !req.reporter_email.empty()) {
    if (const Person* p = person_by_email(config, req.reporter_email)) default_reporter = p->id;
  }

  std::vector<Pending> pending;
  for (const auto& row : req.rows) {
    Pending p;
    p.at = row.at;
    std::map<std::string, std::string> by_item;  // an objective by its item, where no id is given
    for (const auto& f : row.fields) {
      const Column* c = find_column(result_columns(), f.name);
      if (!c) {
        row_error(DiagCode::InputUnknownColumn, f.mark, trf("'{}' is not a result field", f.name));
        continue;
      }
      const std::string text = trim(f.text);
      if (c->use == ColumnUse::Shown || text.empty()) continue;
      (c->use == ColumnUse::Fallback ? by_item : p.fields)[std::string(c->field)] = text;
    }
    for (auto& [field, text] : by_item) p.fields.try_emplace(field, text);
    // A row of a sheet that only names its quarter and objective — an
    // export's quarter without a result, a form's row not filled in — has
    // nothing to record.
    if (!req.input.empty() && std::all_of(p.fields.begin(), p.fields.end(), [](const auto& kv) {
          return kv.first == "year" || kv.first == "quarter" || kv.first == "unit" || kv.first == "objective";
        })) {
      out->skipped.push_back(row.at.line);
      continue;
    }
    auto take = [&](const char* key, const std::string& fallback) {
      if (!p.fields.count(key) && !fallback.empty()) p.fields[key] = fallback;
      return p.fields.count(key) ? p.fields[key] : std::string();
    };
    take("year", req.year ? std::to_string(*req.year) : "");
    take("quarter", req.quarter ? std::to_string(*req.quarter) : "");
    take("unit", req.unit);
    take("objective", req.objective);
    take("reported_by", default_reporter);
    take("reported", (req.reported ? *req.reported : req.today).iso());
    bool percent = false;
    if (!office_forms(config, p.fields, &percent, [&](std::string m) { row_error(DiagCode::InputValue, row.at, m); })) {
      continue;
    }
    const std::string year = p.fields.count("year") ? p.fields["year"] : "";
    const std::string quarter = p.fields.count("quarter") ? p.fields["quarter"] : "";
    const std::string unit = p.fields.count("unit") ? p.fields["unit"] : "";
    std::string objective = p.fields.count("objective") ? p.fields["objective"] : "";

    RecordPath& w = p.where;
    w.kind = RecordKind::Result;
    const auto y = parse_int(year, 2000, 2200);
    std::string q = quarter;
    if (q.size() == 2 && (q[0] == 'q' || q[0] == 'Q')) q = q.substr(1);
    const auto qn = parse_int(q, 1, 4);
    if (!y || !qn || unit.empty() || objective.empty()) {
      row_error(DiagCode::InputValue, row.at,
                trf("a result needs a year (2000-2200), a quarter (1-4), a unit and an objective; got "
                            "year '{}', quarter '{}', unit '{}', objective '{}'",
                            year, quarter, unit, objective));
      continue;
    }
    // An objective named by its item (目標項目), as the forms show it.
    if (const SettingTable* t = store.setting(*y, unit); t && !t->objective(objective)) {
      for (const auto& o : t->objectives) {
        if (compatibility_form(o.item) == compatibility_form(objective)) objective = o.id;
      }
      p.fields["objective"] = objective;
    }
    w.year = *y;
    w.quarter = *qn;
    w.unit = unit;
    w.objective = objective;
    p.fields["year"] = std::to_string(*y);
    p.fields["quarter"] = std::to_string(*qn);
    if (!classify_path(record_path(w))) {
      row_error(DiagCode::InputValue, row.at,
                trf("unit '{}' or objective '{}' is not an id (lowercase letters, digits, '-')", unit,
                            objective));
      continue;
    }
    if (!p.fields.count("reported_by")) {
      row_error(DiagCode::RecordReporter, row.at,
                req.reporter_email.empty()
                    ? std::string(tr("who reports? give --reporter PERSON-ID (or a reported_by column), or set git "
                                  "config user.email to an address in isms-obj.yaml"))
                    : trf("git user.email {} belongs to nobody in {}; give --reporter PERSON-ID",
                                  req.reporter_email, kConfigFileName));
      continue;
    }

    const Approval* in_force = nullptr;
    const Objective* def = definition_in_force(store, w.year, w.unit, w.objective, w.quarter, &in_force);
    if (!def) {
      row_error(DiagCode::RecordNotInForce, row.at,
                in_force ? trf("objective '{}' is not in the approved revision in force for Q{} {} ({}); "
                                       "results are recorded only for approved objectives",
                                       w.objective, w.quarter, w.year, in_force->file)
                         : trf("unit '{}' has no approved {} setting table in force for Q{}; the CISO "
                                       "approves the table before results are recorded",
                                       w.unit, w.year, w.quarter));
      continue;
    }
    // A ratio's 實績 beside its 分子 and 分母 (as exports show it) is what
    // they give, or the row disagrees with itself.
    if (def->aggregation == Aggregation::Ratio && p.fields.count("actual") && p.fields.count("numerator") &&
        p.fields.count("denominator")) {
      const auto a = Decimal::parse(p.fields["actual"]);
      const auto n = Decimal::parse(p.fields["numerator"]);
      const auto d = Decimal::parse(p.fields["denominator"]);
      const auto computed = n && d ? Decimal::ratio(*n, *d, ratio_scale(*def), def->precision) : std::nullopt;
      if (a && computed) {
        const Decimal given = a->round(def->precision);
        if (given != *computed) {
          row_error(DiagCode::InputValue, row.at,
                    trf("actual {} does not agree with numerator/denominator {}/{} = {}; give the "
                                "numerator and denominator only",
                                p.fields["actual"], p.fields["numerator"], p.fields["denominator"],
                                computed->to_string()));
          continue;
        }
        p.fields.erase("actual");
        percent = false;
      }
    }
    if (percent && def->unit != MeasureUnit::Percent) {
      row_error(DiagCode::InputValue, row.at,
                // xgettext:no-c-format
                trf("actual '{}%' has a percent sign, but '{}' is measured in {}", p.fields["actual"],
                            w.objective, to_string(def->unit)));
      continue;
    }

    // Same values already on record: nothing to do. Other values: amend.
    if (const Result* existing = store.latest_result(w.year, w.unit, w.objective, w.quarter)) {
      auto dec = [&](const char* key) -> std::optional<Decimal> {
        return p.fields.count(key) ? Decimal::parse(p.fields[key]) : std::nullopt;
      };
      const bool same = same_value(dec("actual"), existing->actual) &&
                        same_value(dec("numerator"), existing->numerator) &&
                        same_value(dec("denominator"), existing->denominator) &&
                        (p.fields.count("no_events") ? p.fields["no_events"] : std::string()) == existing->no_events &&
                        (!p.fields.count("variance") || p.fields["variance"] == existing->variance);
      if (same) {
        p.unchanged = true;
        p.path = existing->file;
        pending.push_back(std::move(p));
        continue;
      }
      if (!req.amend) {
        const std::string was = !existing->no_events.empty() ? std::string(tr("no events"))
                                : existing->actual ? existing->actual->to_string()
                                                 : fmt::format("{}/{}", existing->numerator ? existing->numerator->to_string() : "?",
                                                               existing->denominator ? existing->denominator->to_string() : "?");
        row_error(DiagCode::RecordAlreadyRecorded, row.at,
                  trf("Q{} {} of '{}' is already recorded as {} ({}); to replace it give --amend --reason "
                              "\"…\" (the earlier value stays on record)",
                              w.quarter, w.year, w.objective, was, existing->file));
        continue;
      }
      if (trim(req.reason).empty()) {
        row_error(DiagCode::RecordAmendReason, row.at, "--amend needs --reason saying why the value changes");
        continue;
      }
      w.sequence = existing->sequence + 1;
      p.amended = true;
      p.fields["sequence"] = std::to_string(w.sequence);
      p.fields["reason"] = trim(req.reason);
      if (!p.fields.count("variance") && !existing->variance.empty()) p.fields["variance"] = existing->variance;
    }
    p.path = record_path(w);

    YamlNode tree = make_map(row.at);
    set_key(tree, "kind", make_scalar(YamlNode::Kind::String, "result", row.at));
    static constexpr std::string_view numeric[] = {"year", "quarter", "actual", "numerator", "denominator", "sequence"};
    for (const auto& [key, value] : p.fields) {
      const bool is_number = std::find(std::begin(numeric), std::end(numeric), key) != std::end(numeric);
      set_key(tree, key, is_number ? number_or_text(value, row.at) : make_scalar(YamlNode::Kind::String, value, row.at),
              row.at);
    }
    Diagnostics file_diags;
    tx.check_tree(p.path, std::move(tree), file_diags);
    for (auto d : file_diags.items()) {
      d.file = source;
      d.mark = req.input.empty() ? Mark{} : row.at;
      diags.add(d);
    }
    pending.push_back(std::move(p));
  }

  // Cross-record checks with the whole batch in place, then the rule that a
  // quarter left unmet needs its explanation.
  const Diagnostics after = tx.check_rules();
  for (const auto& p : pending) {
    if (p.unchanged) continue;
    for (auto d : after.items()) {
      if (d.file != p.path || d.severity != Severity::Error) continue;
      d.file = source;
      d.mark = req.input.empty() ? Mark{} : p.at;
      diags.add(d);
    }
    const Result* r = store.latest_result(p.where.year, p.where.unit, p.where.objective, p.where.quarter);
    if (!r || r->file != p.path) continue;
    const ObjectiveYear y = evaluate(store, p.where.year, p.where.unit, p.where.objective, p.where.quarter);
    const QuarterOutcome& o = y.quarters[static_cast<std::size_t>(p.where.quarter - 1)].outcome;
    if (o.status == QuarterStatus::NotMet && r->variance.empty()) {
      row_error(DiagCode::RecordVarianceRequired, p.at,
                trf("Q{} {} of '{}' is not met (cumulative {}); give a variance explanation (差異說明) with "
                            "--variance or a variance column",
                            p.where.quarter, p.where.year, p.where.objective,
                            o.cumulative ? o.cumulative->to_string() : "-"));
    }
  }
  diags.finish();
  if (diags.has_errors()) {
    return refuse(trf("nothing was recorded: {} problem{} in {}", diags.error_count(),
                              diags.error_count() == 1 ? "" : "s", source));
  }

  // Write every new record; each file appears whole or not at all.
  for (const auto& p : pending) {
    if (p.unchanged) continue;
    const Result* r = store.latest_result(p.where.year, p.where.unit, p.where.objective, p.where.quarter);
    if (!r) return Status::io_error("internal error: a recorded result did not load");
    const Objective* listed = nullptr;
    if (const SettingTable* t = store.setting(p.where.year, p.where.unit)) listed = t->objective(p.where.objective);
    Diagnostics round_trip;
    if (!tx.put(p.path, Result(*r), listed ? std::string_view(listed->item) : std::string_view(), round_trip)) {
      return unwritable(round_trip, p.path, diags);
    }
  }
  for (const auto& path : tx.staged()) {
    if (tx.exists(path)) {
      return Status::conflict(trf("{} appeared while recording; nothing more was written", path));
    }
  }
  if (!req.dry_run) {
    if (Status s = tx.commit(); !s.is_ok()) return s;
  }

  for (const auto& p : pending) {
    RecordedRow row;
    row.action = p.unchanged ? RecordedRow::Action::Unchanged
                 : p.amended ? RecordedRow::Action::Amended
                             : RecordedRow::Action::Recorded;
    row.path = p.path;
    row.year = p.where.year;
    row.quarter = p.where.quarter;
    row.unit = p.where.unit;
    row.objective = p.where.objective;
    const ObjectiveYear y = evaluate(store, row.year, row.unit, row.objective, row.quarter);
    const QuarterRecord& rec = y.quarters[static_cast<std::size_t>(row.quarter - 1)];
    row.outcome = rec.outcome;
    if (rec.definition) row.comparison = rec.definition->comparison;
    if (rec.result) {
      row.numerator = rec.result->numerator;
      row.denominator = rec.result->denominator;
    }
    out->rows.push_back(row);
  }
  return Status::ok();
}

}  // namespace isms

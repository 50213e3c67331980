#include "isms/render/report.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "isms/base/text.h"
#include "isms/format/csv.h"
#include "isms/render/json.h"
#include "isms/render/labels.h"
#include "isms/render/table.h"
#include "isms/store/columns.h"

namespace isms {

namespace {

std::string dec(const std::optional<Decimal>& d) { return d ? d->to_string() : "-"; }

std::string unit_symbol(const Objective& d, bool zh) {
  switch (d.unit) {
    case MeasureUnit::Percent: return "%";
    case MeasureUnit::Count: return zh ? "件" : "";
    case MeasureUnit::Hours: return zh ? "小時" : "h";
    case MeasureUnit::Minutes: return zh ? "分鐘" : "min";
    case MeasureUnit::Days: return zh ? "天" : "d";
    case MeasureUnit::Score: return zh ? "分" : "";
  }
  return "";
}

// The target as forms show it: "≥ 95%", "99.5–100%", in the reader's units.
std::string form_target(const Objective& d, const Target& t, bool zh) {
  const std::string u = unit_symbol(d, zh);
  if (t.is_range) return fmt::format("{}–{}{}", t.min.to_string(), t.max.to_string(), u);
  return fmt::format("{} {}{}", d.comparison == Comparison::AtLeast ? "≥" : "≤", t.value.to_string(), u);
}

std::string rate_text(const std::optional<Decimal>& r) { return r ? r->to_string(1) + "%" : "-"; }

// Text inside a CSS string ("…"): quotes, backslashes and line breaks escaped.
std::string css_string(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\a ";
      continue;
    }
    out += c;
  }
  return out;
}

std::string html_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// Text as Markdown shows it literally, in a table cell, list item or
// heading: every character CommonMark (and GitHub's tables and
// strikethrough) gives a meaning inline is backslash-escaped, a line break
// becomes <br>, and what would open a block at the start (a heading, list,
// quote, thematic break or numbered item) is escaped there too.
std::string md_escape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\n') {
      out += "<br>";
    } else if (c == '\r') {
      continue;
    } else if (std::string_view("\\`*_[]<>|~&!").find(c) != std::string_view::npos ||
               (i == 0 && std::string_view("#+-=").find(c) != std::string_view::npos)) {
      out += '\\';
      out += c;
    } else if (i > 0 && (c == '.' || c == ')') && (i + 1 == s.size() || s[i + 1] == ' ') &&
               out.find_first_not_of("0123456789") == std::string::npos) {
      out += '\\';  // "1." or "1)" opening the text: an ordered list
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string report_date(const Date& d, const ReportOptions& o) {
  return date_text(d, o.calendar, Labels(o.language));
}

std::string report_year(int year, const ReportOptions& o) {
  const bool zh = o.language == Language::ZhTW;
  if (o.calendar == Calendar::Roc) return zh ? fmt::format("{}年度", roc_year(year)) : fmt::format("ROC {}", roc_year(year));
  return zh ? fmt::format("{}年度", year) : std::to_string(year);
}

namespace {

// ---------------------------------------------------------------- tables shared by text and Markdown

std::vector<std::vector<std::string>> overview_rows(const Report& r, const Labels& t) {
  // The no-events column appears when some quarter had no events, so that
  // such objectives are not read as missing data.
  const bool events = r.no_events > 0;
  std::vector<std::vector<std::string>> rows = {{t("unit"), t("objectives"), t("approved"), t("met"), t("not met"),
                                                 t("on track"), t("no data"), t("rate"), t("last rate")}};
  if (events) rows[0].insert(rows[0].begin() + 7, t("no events"));
  for (const auto& u : r.units) {
    rows.push_back({u.name, std::to_string(u.counted), u.in_force ? t("yes") : t("no"),
                    std::to_string(u.met), std::to_string(u.not_met), std::to_string(u.on_track),
                    std::to_string(u.no_data), rate_text(u.achievement), rate_text(u.last_year_achievement)});
    if (events) rows.back().insert(rows.back().begin() + 7, std::to_string(u.no_events));
  }
  rows.push_back({t("total"), std::to_string(r.objectives), fmt::format("{}/{}", r.approved_tables, r.units.size()),
                  std::to_string(r.met), std::to_string(r.not_met), std::to_string(r.on_track), std::to_string(r.no_data),
                  rate_text(r.achievement), rate_text(r.last_year_achievement)});
  if (events) rows.back().insert(rows.back().begin() + 7, std::to_string(r.no_events));
  return rows;
}

std::string status_label(QuarterStatus s, const Labels& t) { return t(std::string(to_string(s))); }

// The period a 去年實績 covers: 114年全年, 114年至第3季; empty when unknown.
std::string last_year_period(int year, int through, const ReportOptions& o, const Labels& t) {
  if (through == 0) return {};
  return through == 4 ? fmt::format(fmt::runtime(t("ly.full")), year_number(year, o.calendar, t))
                      : fmt::format(fmt::runtime(t("ly.partial")), year_number(year, o.calendar, t), through);
}

// 去年實績 with its period: "96.4（114年全年）", "80（114年至第3季）", "-".
std::string last_year_text(const LastYear& ly, const ReportOptions& o, const Labels& t) {
  if (!ly.value) return "-";
  const std::string period = last_year_period(ly.year, ly.through, o, t);
  return period.empty() ? ly.value->to_string() : fmt::format(fmt::runtime(t("ly.with")), ly.value->to_string(), period);
}

// The target quarter q was judged against, as forms show it; empty when the
// quarter was not judged (no definition in force).
std::string quarter_target(const ObjectiveReport& o, int q, const Labels& t) {
  const QuarterRecord& rec = o.year.quarters[static_cast<std::size_t>(q - 1)];
  if (!rec.definition) return {};
  return form_target(*rec.definition, rec.outcome.target, t.zh());
}

// Whether some reported quarter was judged against another target than the
// annual one shown in the row (a milestone, a pro-rata share, an earlier
// revision's target).
bool targets_differ(const ObjectiveReport& o, int through, const Labels& t) {
  const std::string annual = form_target(*o.definition, o.definition->target, t.zh());
  for (int q = 1; q <= through; ++q) {
    const std::string qt = quarter_target(o, q, t);
    if (!qt.empty() && qt != annual) return true;
  }
  return false;
}

// The status column: the reported quarter's status, or that the objective
// was dropped.
std::string objective_status(const ObjectiveReport& o, const Labels& t) {
  if (o.dropped_by) return fmt::format(fmt::runtime(t("dropped")), o.dropped_by->revision);
  return status_label(o.status, t);
}

std::vector<std::vector<std::string>> objective_rows(const Report& r, const UnitReport& u, const Labels& t) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {t("item.review"), t("target"), t("last year")};
  for (int q = 1; q <= r.options.through; ++q) header.push_back(t.zh() ? fmt::format("第{}季 實績/累計", q) : fmt::format("Q{} actual/cum.", q));
  header.push_back(t("status"));
  header.push_back(t("forecast"));
  rows.push_back(header);
  for (const auto& o : u.objectives) {
    const auto& d = *o.definition;
    const std::string annual = form_target(d, d.target, t.zh());
    std::vector<std::string> row = {d.item, annual, last_year_text(o.last_year, r.options, t)};
    for (int q = 1; q <= r.options.through; ++q) {
      const auto& out = o.year.quarters[static_cast<std::size_t>(q - 1)].outcome;
      std::string cell = out.status == QuarterStatus::NoEvents ? fmt::format("{} / {}", t("no events"), dec(out.cumulative))
                         : !out.value && !out.cumulative      ? "-"
                                                              : fmt::format("{} / {}", dec(out.value), dec(out.cumulative));
      if (const std::string qt = quarter_target(o, q, t); !qt.empty() && qt != annual) cell += fmt::format(" ({})", qt);
      row.push_back(std::move(cell));
    }
    row.push_back(objective_status(o, t));
    row.push_back(o.dropped_by ? "-" : t(std::string(to_string(o.forecast.state))));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string person_name(const Report& r, const std::string& id, const Labels& t) {
  const auto p = r.people.find(id);
  if (p == r.people.end()) return id;
  return t.zh() || p->second.name_en.empty() ? p->second.name : p->second.name_en;
}

// A department as forms name it: the unit's name when it is a unit's id.
std::string department_name(const Report& r, const std::string& id) {
  const auto u = r.unit_names.find(id);
  return u == r.unit_names.end() ? id : u->second;
}

// Variance explanations, corrective actions and review opinions of a unit.
std::vector<std::string> unit_notes(const Report& r, const UnitReport& u, const Labels& t) {
  std::vector<std::string> out;
  for (const auto& o : u.objectives) {
    for (int q = 1; q <= r.options.through; ++q) {
      const Result* res = o.year.quarters[static_cast<std::size_t>(q - 1)].result;
      if (res && !res->no_events.empty()) {
        out.push_back(fmt::format("{} {} {}: {}", t("no events"), quarter_name(q, t), o.definition->item, res->no_events));
      }
      if (res && !res->variance.empty()) {
        out.push_back(fmt::format("{} {} {}: {}", t("variance"), quarter_name(q, t), o.definition->item, res->variance));
      }
    }
    for (const Referral* ref : o.referrals) {
      std::vector<int> missed;
      for (const auto& m : ref->missed) missed.push_back(m.quarter);
      const std::string qs = quarter_names(missed, t);
      out.push_back(fmt::format("{}: {} ({}) — {}{}", t("corrective"), o.definition->item, qs,
                                t(to_string(ref->state)),
                                ref->case_number.empty() ? "" : fmt::format(", {} {}", t("case"), ref->case_number)));
    }
  }
  for (int q = 1; q <= r.options.through; ++q) {
    if (const Review* v = u.reviews[static_cast<std::size_t>(q - 1)]) {
      out.push_back(fmt::format("{} {}: {} ({} {})", t("opinion"), quarter_name(q, t), v->opinion, person_name(r, v->reviewed_by, t),
                                v->date ? report_date(*v->date, r.options) : ""));
    }
  }
  return out;
}

std::string heading(const Report& r, const Labels& t, std::string_view title_key) {
  return fmt::format("{} {} {}（{}）", r.organisation, report_year(r.options.year, r.options), t(title_key),
                     fmt::format(fmt::runtime(t("through")), r.options.through));
}

// How the reported quarter was chosen, when the reader did not choose it.
std::string through_basis(const Report& r, const Labels& t) {
  if (!r.options.due_as_of) return {};
  return fmt::format(fmt::runtime(t("through.due")), r.options.through, report_date(*r.options.due_as_of, r.options));
}

// A unit's heading: its name and the revision in force with the day the
// CISO approved it (the record's path is in the JSON, not in front of a
// reader).
std::string unit_line(const Report& r, const UnitReport& u, const Labels& t) {
  if (!u.in_force) return fmt::format("{} — {}", u.name, t("no table"));
  return fmt::format("{} — {} {}{}", u.name, t("in force"), u.in_force->revision,
                     u.in_force->date ? fmt::format(fmt::runtime(t("approved on")), report_date(*u.in_force->date, r.options))
                                      : "");
}

// ---------------------------------------------------------------- text and Markdown

std::string text_summary(const Report& r, const Labels& t) {
  std::string out = heading(r, t, "title.summary") + "\n";
  if (const auto basis = through_basis(r, t); !basis.empty()) out += basis + "\n";
  out += "\n" + t("overview") + "\n";
  out += format_table(overview_rows(r, t), {Align::Left, Align::Right, Align::Left, Align::Right, Align::Right,
                                             Align::Right, Align::Right, Align::Right, Align::Right});
  for (const auto& u : r.units) {
    out += "\n" + unit_line(r, u, t) + "\n";
    if (u.objectives.empty()) continue;
    std::vector<Align> align = {Align::Left, Align::Left, Align::Right};
    align.insert(align.end(), static_cast<std::size_t>(r.options.through), Align::Right);
    align.insert(align.end(), {Align::Left, Align::Left});
    out += format_table(objective_rows(r, u, t), align);
    for (const auto& n : unit_notes(r, u, t)) out += "  " + n + "\n";
  }
  return out;
}

std::string markdown_table(const std::vector<std::vector<std::string>>& rows) {
  std::string out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out += "|";
    for (const auto& c : rows[i]) out += " " + md_escape(c) + " |";
    out += "\n";
    if (i == 0) {
      out += "|";
      for (std::size_t k = 0; k < rows[i].size(); ++k) out += "---|";
      out += "\n";
    }
  }
  return out;
}

std::string markdown_summary(const Report& r, const Labels& t) {
  std::string out = "# " + md_escape(heading(r, t, "title.summary")) + "\n\n";
  if (const auto basis = through_basis(r, t); !basis.empty()) out += md_escape(basis) + "\n\n";
  out += "## " + t("overview") + "\n\n";
  out += markdown_table(overview_rows(r, t));
  for (const auto& u : r.units) {
    out += "\n## " + md_escape(unit_line(r, u, t)) + "\n\n";
    if (u.objectives.empty()) continue;
    out += markdown_table(objective_rows(r, u, t));
    const auto notes = unit_notes(r, u, t);
    if (!notes.empty()) out += "\n";
    for (const auto& n : notes) out += "- " + md_escape(n) + "\n";
  }
  return out;
}

// Form 005-01 rows: the form's columns for each objective of the table.
std::vector<std::vector<std::string>> setting_rows(const Report& r, const UnitReport& u, const Labels& t) {
  std::vector<std::vector<std::string>> rows = {{t("number"), t("item"), t("last year"), t("target"), t("department"),
                                                 t("owner"), t("method"), t("resources"), t("actions"), t("source")}};
  int n = 0;
  for (const auto& o : u.objectives) {
    const Objective& d = *o.definition;
    const Objective* l = o.listed;
    std::string actions;
    if (l) {
      for (const auto& a : l->actions) actions += (actions.empty() ? "" : "；") + a;
    }
    // As declared in the table the CISO approved, with its period when given.
    const std::string declared =
        l && l->last_year_actual
            ? last_year_text(LastYear{l->last_year_actual, r.options.year - 1, l->last_year_through.value_or(0), false},
                             r.options, t)
            : "-";
    rows.push_back({std::to_string(++n), d.item, declared,
                    form_target(d, d.target, t.zh()), l ? department_name(r, l->department) : "",
                    l ? person_name(r, l->owner, t) : "", l ? l->method : "",
                    l ? l->resources : "", actions, l ? l->data_source : ""});
  }
  return rows;
}


// The CISO's entry on the 005-01 signatures line: who approved and when,
// and for a signed approval the key it was signed with, in place of the
// paper form's signature.
std::string approver_entry(const Report& r, const UnitReport& u, const Labels& t, std::string_view open,
                           std::string_view close) {
  if (!u.in_force) return t("not approved");
  return fmt::format("{}{}{}{}{}", person_name(r, u.in_force->by, t), open,
                     u.in_force->date ? report_date(*u.in_force->date, r.options) : "",
                     u.approval_keys.empty() ? "" : fmt::format(fmt::runtime(t("signed key")), u.approval_keys), close);
}

std::string setting_footer(const Report& r, const UnitReport& u, const Labels& t) {
  return fmt::format("{}：{}    {}：{}    {}：{}", t("compiled by"), person_name(r, u.compiled_by, t), t("supervisor"),
                     person_name(r, u.supervisor, t), t("ciso"), approver_entry(r, u, t, " (", ")"));
}

// What a reader of the form of the revision in force must know about the
// table as it is now: columns not covered by the approval, and the changes
// awaiting the CISO's decision.
std::vector<std::string> setting_caveats(const Report& r, const UnitReport& u, const Labels& t) {
  std::vector<std::string> out;
  if (!u.in_force) return out;
  if (u.columns_unapproved) out.push_back(t("columns.unapproved"));
  if (u.pending_revision == 0) return out;
  if (u.pending.empty()) {
    // Nothing the approval records has changed; the rest it cannot show.
    out.push_back(fmt::format(fmt::runtime(t("pending.unlisted")), u.pending_revision, u.in_force->revision));
    return out;
  }
  out.push_back(fmt::format(fmt::runtime(t("pending.head")), u.pending_revision, u.in_force->revision));
  const auto name = [&](const std::string& field, const std::string& v) {
    if (field == "department") return department_name(r, v);
    return person_name(r, v, t);
  };
  for (const auto& c : u.pending) out.push_back(change_text(c, name, t));
  if (u.changes_partial) out.push_back(t("pending.partial"));
  return out;
}

std::string text_setting(const Report& r, const Labels& t, bool markdown) {
  const std::string title = fmt::format("{} {} {}", r.organisation, report_year(r.options.year, r.options), t("title.setting"));
  std::string out = (markdown ? "# " + md_escape(title) : title) + "\n";
  for (const auto& u : r.units) {
    out += "\n" + (markdown ? "## " + md_escape(unit_line(r, u, t)) : unit_line(r, u, t)) + "\n";
    if (u.updated) {
      out += fmt::format("{}：{}\n", t("updated"), report_date(*u.updated, r.options));
    }
    if (u.objectives.empty()) continue;
    out += markdown ? "\n" + markdown_table(setting_rows(r, u, t)) : format_table(setting_rows(r, u, t));
    out += (markdown ? "\n" : "") + setting_footer(r, u, t) + "\n";
    const auto caveats = setting_caveats(r, u, t);
    if (!caveats.empty()) out += markdown ? "\n" : "";
    for (const auto& c : caveats) out += (markdown ? "- " + md_escape(c) : "  " + c) + "\n";
  }
  out += "\n" + t("note.setting") + "\n";
  return out;
}

// A quarter's confirmation in the report's JSON, or null.
nlohmann::ordered_json confirmation_json(const UnitReport& u, int quarter) {
  const auto q = static_cast<std::size_t>(quarter - 1);
  const Confirmation* k = u.confirmations[q];
  if (!k) return nullptr;
  return {{"file", k->file},
          {"confirmed_by", k->confirmed_by},
          {"date", k->date ? k->date->iso() : ""},
          {"current", u.confirmed[q]},
          {"signed_with", u.confirmation_keys[q]}};
}

// 權責主管 of a quarter on 005-02: the head who confirmed the results, when,
// and with which key; a review's supervisor without a confirmation on record
// is marked as such.
std::string supervisor_entry(const Report& r, const UnitReport& u, int quarter, const Labels& t) {
  const auto q = static_cast<std::size_t>(quarter - 1);
  if (const Confirmation* k = u.confirmations[q]) {
    const std::string& keys = u.confirmation_keys[q];
    return fmt::format("{}（{}{}{}）", person_name(r, k->confirmed_by, t),
                       k->date ? fmt::format(fmt::runtime(t("confirmed on")), report_date(*k->date, r.options)) : "",
                       keys.empty() ? "" : fmt::format(fmt::runtime(t("signed key")), keys),
                       u.confirmed[q] ? "" : t("confirmation stale"));
  }
  const Review* v = u.reviews[q];
  return v ? fmt::format("{}（{}）", person_name(r, v->supervisor, t), t("not confirmed")) : "";
}

// Form 005-02 of one objective: rows of the form, columns Q1..Q4.
std::vector<std::vector<std::string>> review_rows(const Report& r, const UnitReport& u,
                                                  const ObjectiveReport& o, const Labels& t) {
  std::vector<std::string> h = {t("quarter")}, tg = {t("target")}, actual = {t("actual")},
                           cum = {t("cumulative")}, st = {t("judgement")}, var = {t("variance")}, rep = {t("reporter")},
                           op = {t("opinion")}, sup = {t("supervisor")};
  for (int q = 1; q <= 4; ++q) {
    const auto& rec = o.year.quarters[static_cast<std::size_t>(q - 1)];
    const bool shown = q <= r.options.through;
    const Review* v = u.reviews[static_cast<std::size_t>(q - 1)];
    h.push_back(t(fmt::format("q{}", q)));
    tg.push_back(shown ? quarter_target(o, q, t) : "");
    const bool no_events = rec.outcome.status == QuarterStatus::NoEvents && rec.result;
    actual.push_back(!shown ? "" : no_events ? t("no events") : dec(rec.outcome.value));
    cum.push_back(shown ? dec(rec.outcome.cumulative) : "");
    st.push_back(!shown              ? ""
                 : rec.definition    ? status_label(rec.outcome.status, t)
                 : o.dropped_by      ? objective_status(o, t)
                                     : "");
    std::string variance = shown && rec.result ? rec.result->variance : "";
    if (shown && no_events) {
      // Why nothing was measured is the quarter's explanation.
      variance = fmt::format(fmt::runtime(t("no events because")), rec.result->no_events) +
                 (variance.empty() ? "" : (t.zh() ? "；" : "; ") + variance);
    }
    var.push_back(variance);
    rep.push_back(shown && rec.result ? fmt::format("{} {}", person_name(r, rec.result->reported_by, t),
                                                    rec.result->reported ? report_date(*rec.result->reported, r.options) : "")
                                      : "");
    std::string opinion = v ? v->opinion : "";
    if (v) {
      for (const auto& [id, text] : v->objective_opinions) {
        if (id != o.id) continue;
        // After a finished sentence the objective's opinion simply follows.
        const bool finished = opinion.empty() || opinion.ends_with("。") || opinion.ends_with("！") ||
                              opinion.ends_with("？") || opinion.ends_with(".");
        opinion += (!finished ? "；" : opinion.ends_with(".") ? " " : "") + text;
      }
    }
    // Who gave the opinion, and when: the form's 審核意見 is signed.
    if (v) {
      const std::string& keys = u.review_keys[static_cast<std::size_t>(q - 1)];
      opinion += fmt::format("（{}{}{}）", person_name(r, v->reviewed_by, t),
                             v->date ? " " + report_date(*v->date, r.options) : "",
                             keys.empty() ? "" : fmt::format(fmt::runtime(t("signed key")), keys));
    }
    op.push_back(shown ? opinion : "");
    sup.push_back(shown ? supervisor_entry(r, u, q, t) : "");
  }
  return {h, tg, actual, cum, st, var, rep, op, sup};
}

// Rows of review_rows by meaning.
enum ReviewRow : std::size_t { kQuarterRow, kTargetRow, kActualRow, kCumulativeRow, kStatusRow, kFirstTextRow };

// The 005-02 rows a reader needs: the per-quarter target row only when some
// quarter was judged against another target than the annual one.
std::vector<std::vector<std::string>> review_rows_shown(const Report& r, const UnitReport& u, const ObjectiveReport& o,
                                                        const Labels& t) {
  auto rows = review_rows(r, u, o, t);
  if (!targets_differ(o, r.options.through, t)) rows.erase(rows.begin() + kTargetRow);
  return rows;
}

std::string review_head(const Report& r, const UnitReport& u, const ObjectiveReport& o, const Labels& t) {
  const Objective& d = *o.definition;
  return fmt::format("{}：{}  {}：{}\n{}：{}  {}：{}  {}：{}\n{}：{}\n", t("year"), report_year(r.options.year, r.options),
                     t("exec.unit"), u.name, t("item.review"), d.item, t("last year"),
                     last_year_text(o.last_year, r.options, t), t("target"),
                     form_target(d, d.target, t.zh()), t("method"), o.listed ? o.listed->method : "");
}

std::string text_review(const Report& r, const Labels& t, bool markdown) {
  const std::string title = fmt::format("{} {} {}", r.organisation, report_year(r.options.year, r.options), t("title.review"));
  std::string out = (markdown ? "# " + md_escape(title) : title) + "\n";
  for (const auto& u : r.units) {
    for (const auto& o : u.objectives) {
      const std::string form_title = fmt::format("{} — {}", u.name, o.definition->item);
      out += "\n" + (markdown ? "## " + md_escape(form_title) : form_title) + "\n";
      std::string head = review_head(r, u, o, t);
      if (markdown) {
        // Each line escaped, then a hard line break ("  ") between them.
        std::string md;
        std::size_t from = 0;
        for (std::size_t nl; (nl = head.find('\n', from)) != std::string::npos; from = nl + 1) {
          md += md_escape(std::string_view(head).substr(from, nl - from)) + "  \n";
        }
        head = md;
      }
      out += (markdown ? "\n" : "") + head + (markdown ? "\n" + markdown_table(review_rows_shown(r, u, o, t))
                                                        : format_table(review_rows_shown(r, u, o, t)));
    }
  }
  out += "\n" + t("note.review") + "\n";
  return out;
}

// ---------------------------------------------------------------- CSV and spreadsheets

// Form ISMS-P-005-01 as one row per objective, after a header row.
// A sheet's header row in the vocabulary's order (store/columns.h), so
// that set --from and record-quarter --from read the export back.
std::vector<std::string> sheet_header(std::span<const Column> columns, const Labels& t) {
  std::vector<std::string> out;
  for (const auto& c : columns) out.emplace_back(heading(c, t.zh() ? Language::ZhTW : Language::En));
  return out;
}

std::string plain_target(const Target& target) {
  return target.is_range ? fmt::format("{}..{}", target.min.to_string(), target.max.to_string())
                         : target.value.to_string();
}

// Form ISMS-P-005-01 as one row per objective: the table as the unit keeps
// it (its revision on file; the definition in force where it no longer has
// the objective), every column in the records' spelling; people and
// departments by name.
std::vector<std::vector<std::string>> setting_sheet_rows(const Report& r, const Labels& t) {
  std::vector<std::vector<std::string>> out;
  out.push_back(sheet_header(objective_columns(), t));
  for (const auto& u : r.units) {
    int n = 0;
    for (const auto& o : u.objectives) {
      const Objective& d = o.listed ? *o.listed : *o.definition;
      ++n;
      std::vector<std::string> cells;
      for (const auto& c : objective_columns()) {
        const std::string_view f = c.field;
        std::string v;
        if (f == "year") v = std::to_string(r.options.year);
        else if (f == "executing_unit") v = u.name;
        else if (f == "number") v = std::to_string(n);
        else if (f == "id") v = o.id;
        else if (f == "item") v = d.item;
        else if (f == "last_year_actual") v = d.last_year_actual ? d.last_year_actual->to_string() : "";
        else if (f == "last_year_through") v = d.last_year_through ? std::to_string(*d.last_year_through) : "";
        else if (f == "comparison") v = to_string(d.comparison);
        else if (f == "target") v = plain_target(d.target);
        else if (f == "unit") v = to_string(d.unit);
        else if (f == "precision") v = std::to_string(d.precision);
        else if (f == "aggregation") v = to_string(d.aggregation);
        else if (f == "numerator") v = d.numerator_label;
        else if (f == "denominator") v = d.denominator_label;
        else if (f.size() == 2 && f[0] == 'q') {
          const auto& qt = d.quarter_targets[static_cast<std::size_t>(f[1] - '1')];
          v = qt ? plain_target(*qt) : "";
        } else if (f == "department") v = d.department.empty() ? "" : department_name(r, d.department);
        else if (f == "owner") v = d.owner.empty() ? "" : person_name(r, d.owner, t);
        else if (f == "method") v = d.method;
        else if (f == "resources") v = d.resources;
        else if (f == "actions") v = fmt::format("{}", fmt::join(d.actions, "；"));
        else if (f == "data_source") v = d.data_source;
        else if (f == "compiled_by") v = person_name(r, u.compiled_by, t);
        else if (f == "supervisor") v = person_name(r, u.supervisor, t);
        else if (f == "ciso") v = u.in_force ? person_name(r, u.in_force->by, t) : "";
        cells.push_back(std::move(v));
      }
      out.push_back(std::move(cells));
    }
  }
  return out;
}

// Form ISMS-P-005-02 as one row per objective × quarter: the result on
// record (the latest amendment) with what the form shows beside it. A
// quarter without a result is a row without a value, which imports skip.
std::vector<std::vector<std::string>> review_sheet_rows(const Report& r, const Labels& t) {
  std::vector<std::vector<std::string>> out;
  out.push_back(sheet_header(result_columns(), t));
  for (const auto& u : r.units) {
    int n = 0;
    for (const auto& o : u.objectives) {
      ++n;
      for (int q = 1; q <= r.options.through; ++q) {
        const auto& rec = o.year.quarters[static_cast<std::size_t>(q - 1)];
        const Result* res = rec.result;
        const Review* v = u.reviews[static_cast<std::size_t>(q - 1)];
        std::vector<std::string> cells;
        for (const auto& c : result_columns()) {
          const std::string_view f = c.field;
          std::string x;
          if (f == "number") x = std::to_string(n);
          else if (f == "year") x = std::to_string(r.options.year);
          else if (f == "quarter") x = std::to_string(q);
          else if (f == "unit") x = u.name;
          else if (f == "objective") x = c.use == ColumnUse::Field ? o.id : o.definition->item;
          else if (f == "target") x = form_target(*o.definition, rec.outcome.target, t.zh());
          else if (f == "last_year_actual") x = o.last_year.value ? o.last_year.value->to_string() : "";
          else if (f == "last_year_period") x = last_year_period(o.last_year.year, o.last_year.through, r.options, t);
          // As recorded (a ratio's as computed), not as rounded for the form.
          else if (f == "actual") x = res && res->actual ? res->actual->to_string()
                                      : rec.outcome.value ? rec.outcome.value->to_string()
                                                          : "";
          else if (f == "numerator") x = res && res->numerator ? res->numerator->to_string() : "";
          else if (f == "denominator") x = res && res->denominator ? res->denominator->to_string() : "";
          else if (f == "no_events") x = res ? res->no_events : "";
          else if (f == "measure_unit") x = res ? res->measure_unit : "";
          else if (f == "cumulative") x = rec.outcome.cumulative ? rec.outcome.cumulative->to_string() : "";
          else if (f == "status") x = status_label(rec.outcome.status, t);
          else if (f == "variance") x = res ? res->variance : "";
          else if (f == "reported_by") x = res ? person_name(r, res->reported_by, t) : "";
          else if (f == "reported") x = res && res->reported ? res->reported->iso() : "";
          else if (f == "opinion") x = v ? v->opinion : "";
          cells.push_back(std::move(x));
        }
        out.push_back(std::move(cells));
      }
    }
  }
  return out;
}

// UTF-8 with a byte-order mark and CRLF line ends, so Excel in Taiwan opens
// Traditional Chinese correctly.
std::string csv_report(const Report& r, ReportForm form, const Labels& t) {
  std::string out = "\xEF\xBB\xBF";
  // The summary is its overview (per unit and in total, as the xlsx's
  // summary sheet); the forms are one row per objective (005-01) or per
  // objective and quarter (005-02).
  const auto rows = form == ReportForm::Setting  ? setting_sheet_rows(r, t)
                    : form == ReportForm::Review ? review_sheet_rows(r, t)
                                                 : overview_rows(r, t);
  for (const auto& cells : rows) {
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_field(cells[i]);
    out += "\r\n";
  }
  return out;
}

// ---------------------------------------------------------------- JSON

nlohmann::ordered_json json_trend(const std::vector<YearRate>& trend) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& y : trend) {
    out.push_back({{"year", y.year}, {"through_quarter", y.through}, {"achieved", y.achieved},
                   {"judged", y.judged}, {"achievement", json_number(y.rate)}});
  }
  return out;
}

std::string json_report(const Report& r, ReportForm form) {
  using nlohmann::ordered_json;
  const auto num = json_number;
  const auto target = json_target;
  ordered_json j;
  j["format"] = "isms-obj.report/1";
  j["form"] = form == ReportForm::Summary ? "summary" : form == ReportForm::Setting ? "setting" : "review";
  j["organisation"] = r.organisation;
  j["year"] = r.options.year;
  j["through_quarter"] = r.options.through;
  // The day whose due results chose the quarter, when the reader did not.
  j["due_as_of"] = r.options.due_as_of ? ordered_json(r.options.due_as_of->iso()) : ordered_json(nullptr);
  j["totals"] = {{"objectives", r.objectives},     {"tables", r.tables},    {"approved_tables", r.approved_tables},
                 {"met", r.met},                   {"not_met", r.not_met},  {"on_track", r.on_track},
                 {"no_data", r.no_data}, {"no_events", r.no_events},           {"achievement", num(r.achievement)},
                 {"last_year_achievement", num(r.last_year_achievement)}};
  if (!r.trend.empty()) j["trend"] = json_trend(r.trend);
  j["units"] = ordered_json::array();
  for (const auto& u : r.units) {
    ordered_json uj;
    uj["id"] = u.id;
    uj["name"] = u.name;
    uj["table_state"] = to_string(u.table.state);
    uj["in_force"] = u.in_force ? ordered_json{{"revision", u.in_force->revision}, {"file", u.in_force->file},
                                               {"by", u.in_force->by},
                                               {"date", u.in_force->date ? u.in_force->date->iso() : ""},
                                               {"signed_with", u.approval_keys}}
                                : ordered_json(nullptr);
    if (u.in_force || u.table.table) {
      uj["compiled_by"] = u.in_force ? u.compiled_by : u.table.table->compiled_by;
      uj["supervisor"] = u.in_force ? u.supervisor : u.table.table->supervisor;
    }
    uj["columns_unapproved"] = u.columns_unapproved;
    if (u.pending_revision == 0) {
      uj["pending"] = nullptr;
    } else {
      ordered_json changes = ordered_json::array();
      for (const auto& c : u.pending) {
        changes.push_back({{"objective", c.objective}, {"field", c.field}, {"before", c.before}, {"after", c.after}});
      }
      uj["pending"] = {{"revision", u.pending_revision}, {"partial", u.changes_partial}, {"changes", changes}};
    }
    uj["counts"] = {{"met", u.met}, {"not_met", u.not_met}, {"on_track", u.on_track}, {"no_data", u.no_data}, {"no_events", u.no_events}};
    uj["achievement"] = num(u.achievement);
    uj["last_year_achievement"] = num(u.last_year_achievement);
    if (!u.trend.empty()) uj["trend"] = json_trend(u.trend);
    uj["objectives"] = ordered_json::array();
    for (const auto& o : u.objectives) {
      const Objective& d = *o.definition;
      ordered_json oj;
      oj["id"] = o.id;
      oj["item"] = d.item;
      put_measurement(oj, d);
      oj["last_year_actual"] = o.listed ? num(o.listed->last_year_actual) : ordered_json(nullptr);
      oj["last_year_cumulative"] = num(o.last_year_cumulative);
      oj["last_year"] = {{"value", num(o.last_year.value)},
                         {"year", o.last_year.year},
                         {"through_quarter", o.last_year.through ? ordered_json(o.last_year.through) : ordered_json(nullptr)},
                         {"source", o.last_year.from_records ? "records" : "table"}};
      if (o.listed) {
        oj["department"] = o.listed->department;
        oj["owner"] = o.listed->owner;
        oj["method"] = o.listed->method;
        oj["resources"] = o.listed->resources;
        oj["actions"] = o.listed->actions;
        oj["data_source"] = o.listed->data_source;
      }
      oj["quarters"] = ordered_json::array();
      for (int q = 1; q <= r.options.through; ++q) {
        const auto& rec = o.year.quarters[static_cast<std::size_t>(q - 1)];
        ordered_json qj = {{"quarter", q},
                           {"value", num(rec.outcome.value)},
                           {"cumulative", num(rec.outcome.cumulative)},
                           {"target", target(rec.outcome.target)},
                           {"milestone", rec.outcome.milestone},
                           {"pro_rata", rec.outcome.pro_rata},
                           {"status", to_string(rec.outcome.status)}};
        if (rec.result) {
          qj["variance"] = rec.result->variance;
          if (!rec.result->no_events.empty()) qj["no_events"] = rec.result->no_events;
          qj["reported_by"] = rec.result->reported_by;
          qj["reported"] = rec.result->reported ? rec.result->reported->iso() : "";
        }
        oj["quarters"].push_back(qj);
      }
      oj["status"] = to_string(o.status);
      oj["dropped_by"] = o.dropped_by ? ordered_json{{"revision", o.dropped_by->revision}, {"file", o.dropped_by->file}}
                                      : ordered_json(nullptr);
      oj["forecast"] = {{"state", to_string(o.forecast.state)}, {"needed", forecast_need(o.forecast, Labels(Language::En))}};
      oj["referrals"] = ordered_json::array();
      for (const Referral* ref : o.referrals) {
        oj["referrals"].push_back({{"file", ref->file},
                                   {"state", to_string(ref->state)},
                                   {"case", ref->case_number}});
      }
      uj["objectives"].push_back(oj);
    }
    uj["reviews"] = ordered_json::array();
    for (int q = 1; q <= r.options.through; ++q) {
      if (const Review* v = u.reviews[static_cast<std::size_t>(q - 1)]) {
        uj["reviews"].push_back({{"quarter", q}, {"reviewed_by", v->reviewed_by}, {"opinion", v->opinion},
                                 {"supervisor", v->supervisor}, {"date", v->date ? v->date->iso() : ""},
                                 {"signed_with", u.review_keys[static_cast<std::size_t>(q - 1)]},
                                 {"confirmation", confirmation_json(u, q)}});
      }
    }
    j["units"].push_back(uj);
  }
  return json_text(j);
}

// ---------------------------------------------------------------- HTML

// A line chart of one objective's cumulative by quarter, each point against
// the target that applied in its quarter (a step per quarter: a milestone,
// a pro-rata share, an earlier revision's target), with the value axis
// labelled. A quarter without a result draws no point.
std::string objective_chart(const ObjectiveReport& o, int through, const Labels& t) {
  const Objective& d = *o.definition;
  struct Column {
    std::optional<double> value;
    std::vector<double> targets;  // one, or a range's two bounds
    QuarterStatus status = QuarterStatus::NoData;
  };
  std::vector<Column> cols(4);
  std::optional<double> lo, hi;
  const auto extend = [&](double v) {
    lo = lo ? std::min(*lo, v) : v;
    hi = hi ? std::max(*hi, v) : v;
  };
  for (int q = 1; q <= 4; ++q) {
    const QuarterRecord& rec = o.year.quarters[static_cast<std::size_t>(q - 1)];
    Column& c = cols[static_cast<std::size_t>(q - 1)];
    // Quarters not reported (or without a definition) show the annual target.
    const Target& applied = q <= through && rec.definition ? rec.outcome.target : d.target;
    c.targets = applied.is_range ? std::vector<double>{applied.min.to_double(), applied.max.to_double()}
                                 : std::vector<double>{applied.value.to_double()};
    for (double v : c.targets) extend(v);
    if (q <= through && rec.outcome.cumulative) {
      c.value = rec.outcome.cumulative->to_double();
      c.status = rec.outcome.status;
      extend(*c.value);
    }
  }
  const double pad = std::max((*hi - *lo) * 0.15, 0.5);
  const double y_lo = *lo - pad, y_hi = *hi + pad;
  const double w = 215, h = 96, left = 36, right = 6, top = 6, bottom = 16;
  const double col_w = (w - left - right) / 4.0;
  auto x = [&](int q) { return left + col_w * (q - 0.5); };
  auto y = [&](double v) { return top + (h - top - bottom) * (y_hi - v) / (y_hi - y_lo); };
  std::string svg = fmt::format(R"(<svg class="chart" viewBox="0 0 {} {}" width="{}" height="{}" role="img">)", w, h, w, h);
  svg += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}" fill="none" stroke="#999"/>)", left, top, w - left - right,
                     h - top - bottom);
  // The value axis: three ticks with their values.
  for (int i = 0; i <= 2; ++i) {
    const double step = (y_hi - y_lo - pad) / 2.0;
    double v = y_lo + pad / 2 + step * i;
    if (std::abs(v) < 1e-9) v = 0;  // no "-0"
    // As many decimals as it takes to tell the ticks apart.
    const int decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : 2;
    svg += fmt::format(R"(<line x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}" stroke="#ddd"/>)", left, y(v), w - right, y(v));
    svg += fmt::format(R"(<text x="{}" y="{:.1f}" font-size="7" text-anchor="end">{}</text>)", left - 2, y(v) + 2.5,
                       fmt::format("{:.{}f}", v, decimals));
  }
  for (int q = 1; q <= 4; ++q) {
    const Column& c = cols[static_cast<std::size_t>(q - 1)];
    for (double tv : c.targets) {
      svg += fmt::format(R"(<line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" stroke="#c00" stroke-dasharray="3 2"/>)",
                         left + col_w * (q - 1), y(tv), left + col_w * q, y(tv));
    }
  }
  std::string points, dots;
  for (int q = 1; q <= 4; ++q) {
    svg += fmt::format(R"(<text x="{:.1f}" y="{}" font-size="8" text-anchor="middle">{}</text>)", x(q), h - 4,
                       quarter_name(q, t));
    const Column& c = cols[static_cast<std::size_t>(q - 1)];
    if (!c.value) continue;
    points += fmt::format("{:.1f},{:.1f} ", x(q), y(*c.value));
    // Green met, amber on track (a milestone or share reached), red not met.
    // Grey: a quarter without events, which carries the year so far.
    const char* colour = c.status == QuarterStatus::NotMet     ? "#c00"
                         : c.status == QuarterStatus::OnTrack  ? "#d80"
                         : c.status == QuarterStatus::NoEvents ? "#888"
                                                               : "#070";
    dots += fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="3" fill="{}"/>)", x(q), y(*c.value), colour);
  }
  if (!points.empty()) svg += fmt::format(R"(<polyline points="{}" fill="none" stroke="#036"/>)", points);
  return svg + dots + "</svg>";
}

// A year as the trend and the unit chart name it: 115年度（至第3季） for a
// year reported part-way, 114年度 for a full one.
std::string rate_year(const YearRate& y, const ReportOptions& o, const Labels& t) {
  const std::string year = report_year(y.year, o);
  return y.through < 4 ? fmt::format(fmt::runtime(t("rate.through")), year, y.through) : year;
}

// The lowest value a rate axis shows: 0, or a multiple of 10 below the
// lowest rate so that differences near 100 % can be seen.
double rate_floor(const std::vector<double>& rates) {
  double lo = 100;
  for (double v : rates) lo = std::min(lo, v);
  return std::max(0.0, std::floor(lo / 10.0) * 10.0 - 10.0);
}

// A legend entry: a swatch and its name.
std::string legend(double x, double y, const char* colour, const std::string& name) {
  return fmt::format(R"(<rect x="{:.0f}" y="{:.0f}" width="9" height="9" fill="{}"/>)"
                     R"(<text x="{:.0f}" y="{:.0f}" font-size="9">{}</text>)",
                     x, y - 8, colour, x + 12, y, html_escape(name));
}

// Each unit's achievement this year beside last year's (full year), as two
// bars with their values, on an axis from 0 % to 100 %; one chart per 25
// units, so that each fits a printed page.
std::string unit_chart(const Report& r, const Labels& t) {
  constexpr const char* kThis = "#2f5d8a";
  constexpr const char* kLast = "#a9bfd6";
  constexpr std::size_t kPerChart = 25;
  // Room for the longest name at 9 px (a CJK character is two columns of
  // about 4.7 px), within bounds that leave the bars most of the width.
  int columns = 0;
  for (const auto& u : r.units) columns = std::max(columns, display_width(u.name));
  const double label_w = std::clamp(columns * 4.7 + 8, 60.0, 230.0);
  const double bar_h = 9.5, gap = 5, w = 640, plot_w = w - label_w - 60, top = 34;
  const double row_h = 2 * bar_h + gap;
  const YearRate now{r.options.year, r.options.through, 0, 0, std::nullopt};
  const YearRate before{r.options.year - 1, 4, 0, 0, std::nullopt};
  auto x = [&](double v) { return label_w + plot_w * v / 100; };
  std::string out;
  for (std::size_t first = 0; first < r.units.size(); first += kPerChart) {
    const std::size_t n = std::min(kPerChart, r.units.size() - first);
    const double bottom = top + row_h * static_cast<double>(n);
    const double h = bottom + 14;
    std::string svg =
        fmt::format(R"(<svg class="chart" viewBox="0 0 {} {:.0f}" width="{}" height="{:.0f}" role="img">)", w, h, w, h);
    svg += fmt::format(R"(<text x="0" y="11" font-size="10" font-weight="bold">{}</text>)", html_escape(t("chart")));
    svg += legend(label_w, 26, kThis, rate_year(now, r.options, t));
    svg += legend(label_w + 170, 26, kLast, rate_year(before, r.options, t));
    for (int v = 0; v <= 100; v += 25) {
      svg += fmt::format(R"(<line x1="{:.1f}" y1="{:.0f}" x2="{:.1f}" y2="{:.0f}" stroke="{}"/>)", x(v), top - 2, x(v),
                         bottom, v == 0 ? "#666" : "#ddd");
      svg += fmt::format(R"(<text x="{:.1f}" y="{:.0f}" font-size="8" text-anchor="middle">{}%</text>)", x(v),
                         bottom + 10, v);
    }
    double row = top;
    for (std::size_t i = first; i < first + n; ++i) {
      const UnitReport& u = r.units[i];
      svg += fmt::format(R"(<text x="{:.0f}" y="{:.1f}" font-size="9" text-anchor="end">{}</text>)", label_w - 4,
                         row + bar_h + 3, html_escape(u.name));
      const std::pair<const std::optional<Decimal>*, const char*> bars[] = {{&u.achievement, kThis},
                                                                             {&u.last_year_achievement, kLast}};
      double y = row;
      for (const auto& [value, colour] : bars) {
        const double v = *value ? (*value)->to_double() : 0;
        if (*value) {
          svg += fmt::format(R"(<rect x="{:.0f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}"/>)", label_w, y,
                             x(v) - label_w, bar_h - 0.5, colour);
        }
        svg += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" font-size="8">{}</text>)", x(v) + 3, y + bar_h - 1.5,
                           *value ? rate_text(*value) : t("no data"));
        y += bar_h;
      }
      row += row_h;
    }
    out += svg + "</svg>";
  }
  return out;
}

// The organisation's achievement by year (a bold line with its values) and
// each unit's (thin grey lines), oldest year first; the table under it has
// every unit's figures. Nothing when the store has only one year.
std::string trend_chart(const Report& r, const Labels& t) {
  if (r.trend.size() < 2) return {};
  std::vector<double> rates;
  for (const auto& y : r.trend) {
    if (y.rate) rates.push_back(y.rate->to_double());
  }
  for (const auto& u : r.units) {
    for (const auto& y : u.trend) {
      if (y.rate) rates.push_back(y.rate->to_double());
    }
  }
  const double lo = rate_floor(rates);
  const double w = 640, h = 150, left = 40, right = 70, top = 22, bottom = 20;
  const double step = (w - left - right) / static_cast<double>(r.trend.size());
  auto x = [&](std::size_t i) { return left + step * (static_cast<double>(i) + 0.5); };
  auto y = [&](double v) { return top + (h - top - bottom) * (100 - v) / (100 - lo); };
  std::string svg = fmt::format(R"(<svg class="chart" viewBox="0 0 {} {}" width="{}" height="{}" role="img">)", w, h, w, h);
  svg += fmt::format(R"(<line x1="{}" y1="8" x2="{}" y2="8" stroke="#2f5d8a" stroke-width="2.5"/>)"
                     R"(<text x="{}" y="11" font-size="9">{}</text>)"
                     R"(<line x1="{}" y1="8" x2="{}" y2="8" stroke="#bbb"/><text x="{}" y="11" font-size="9">{}</text>)",
                     w - 250, w - 235, w - 231, html_escape(r.organisation), w - 120, w - 105, w - 101,
                     html_escape(t("trend.units")));
  const double tick = (100 - lo) >= 50 ? 25 : 10;
  for (double v = lo; v <= 100.001; v += tick) {
    svg += fmt::format(R"(<line x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}" stroke="#ddd"/>)", left, y(v), w - right, y(v));
    svg += fmt::format(R"(<text x="{}" y="{:.1f}" font-size="8" text-anchor="end">{:.0f}%</text>)", left - 3, y(v) + 3, v);
  }
  for (std::size_t i = 0; i < r.trend.size(); ++i) {
    svg += fmt::format(R"(<text x="{:.1f}" y="{}" font-size="8.5" text-anchor="middle">{}</text>)", x(i), h - 5,
                       html_escape(rate_year(r.trend[i], r.options, t)));
  }
  auto line = [&](const std::vector<YearRate>& years, const char* stroke, double width) {
    std::string points;
    for (std::size_t i = 0; i < years.size(); ++i) {
      if (years[i].rate) points += fmt::format("{:.1f},{:.1f} ", x(i), y(years[i].rate->to_double()));
    }
    return points.empty() ? std::string()
                          : fmt::format(R"(<polyline points="{}" fill="none" stroke="{}" stroke-width="{}"/>)", points,
                                        stroke, width);
  };
  for (const auto& u : r.units) svg += line(u.trend, "#bbb", 1);
  svg += line(r.trend, "#2f5d8a", 2.5);
  // A unit's line is named at its last point when no other line ends near
  // it (a name among several lines ending together would single one out).
  std::vector<double> ends;
  if (r.trend.back().rate) ends.push_back(y(r.trend.back().rate->to_double()));
  for (const auto& u : r.units) {
    if (u.trend.back().rate) ends.push_back(y(u.trend.back().rate->to_double()));
  }
  for (const auto& u : r.units) {
    if (!u.trend.back().rate) continue;
    const double end_y = y(u.trend.back().rate->to_double());
    if (std::count_if(ends.begin(), ends.end(), [&](double other) { return std::abs(other - end_y) < 10; }) > 1) continue;
    svg += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" font-size="8" fill="#666">{}</text>)", x(r.trend.size() - 1) + 6,
                       end_y + 3, html_escape(u.name));
  }
  for (std::size_t i = 0; i < r.trend.size(); ++i) {
    if (!r.trend[i].rate) continue;
    const double v = r.trend[i].rate->to_double();
    svg += fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="3.5" fill="#2f5d8a"/>)"
                       R"(<text x="{:.1f}" y="{:.1f}" font-size="9" text-anchor="middle">{}</text>)",
                       x(i), y(v), x(i), y(v) + (v > lo + (100 - lo) * 0.8 ? 14 : -7), rate_text(r.trend[i].rate));
  }
  return svg + "</svg>";
}

// Every unit's achievement by year, and the organisation's, as a table.
std::vector<std::vector<std::string>> trend_rows(const Report& r, const Labels& t) {
  std::vector<std::vector<std::string>> rows = {{t("unit")}};
  for (const auto& y : r.trend) rows[0].push_back(rate_year(y, r.options, t));
  for (const auto& u : r.units) {
    rows.push_back({u.name});
    for (const auto& y : u.trend) rows.back().push_back(rate_text(y.rate));
  }
  rows.push_back({t("total")});
  for (const auto& y : r.trend) rows.back().push_back(rate_text(y.rate));
  return rows;
}

std::string html_table(const std::vector<std::vector<std::string>>& rows, bool header_row = true) {
  std::string out = "<table>";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out += "<tr>";
    for (std::size_t k = 0; k < rows[i].size(); ++k) {
      const bool th = (header_row && i == 0) || (!header_row && k == 0);
      out += fmt::format("<{0}>{1}</{0}>", th ? "th" : "td", html_escape(rows[i][k]));
    }
    out += "</tr>";
  }
  return out + "</table>";
}

// A printable document. Every printed page carries the document's code
// (the form's, or the procedure's for the summary) at the top left and its
// classification at the top right, in the page margin, as the procedure's
// own pages do.
std::string html_document(const std::string& title, bool landscape, const std::string& body, const Labels& t,
                          std::string_view code) {
  const bool zh = t.zh();
  return fmt::format(R"(<!DOCTYPE html>
<html lang="{}">
<head>
<meta charset="utf-8">
<title>{}</title>
<style>
@page {{ size: A4 {}; margin: 14mm 12mm 12mm;
  @top-left {{ content: "{}"; font-family: "Noto Sans CJK TC", "Noto Sans TC", "Microsoft JhengHei", sans-serif; font-size: 8pt; }}
  @top-right {{ content: "{}"; font-family: "Noto Sans CJK TC", "Noto Sans TC", "Microsoft JhengHei", sans-serif; font-size: 8pt; }} }}
body {{ font-family: "Noto Sans CJK TC", "Noto Sans TC", "Microsoft JhengHei", "PingFang TC", sans-serif; font-size: 10pt; color: #000; margin: 0; }}
.page {{ page-break-after: always; break-after: page; }}
.page:last-child {{ page-break-after: auto; break-after: auto; }}
h1 {{ font-size: 15pt; text-align: center; margin: 0 0 2mm; letter-spacing: 0.3em; }}
h2 {{ font-size: 12pt; margin: 4mm 0 2mm; }}
.org {{ text-align: center; font-size: 16pt; font-weight: bold; }}
.org-en {{ text-align: center; font-size: 9pt; letter-spacing: 0.4em; margin-bottom: 2mm; }}
.meta {{ display: flex; justify-content: space-between; margin: 1mm 0 2mm; }}
table {{ border-collapse: collapse; width: 100%; margin-bottom: 2mm; }}
table.form {{ table-layout: fixed; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; }}
th, td {{ border: 1px solid #000; padding: 1mm 1.5mm; vertical-align: top; font-size: 8.5pt; }}
td {{ overflow-wrap: anywhere; }}
th {{ background: #eee; font-weight: bold; }}
.sign {{ display: flex; justify-content: space-between; margin-top: 6mm; font-size: 10pt; }}
.note {{ font-size: 8.5pt; margin-top: 3mm; }}
.caveats {{ border: 1px solid #c60; background: #fff6e8; padding: 1mm 2mm 1mm 6mm; }}
.chart {{ display: block; margin: 2mm 0; }}
.caption {{ font-weight: bold; margin: 2mm 0 1mm; }}
.charts {{ display: flex; flex-wrap: wrap; gap: 2mm; }}
.charts figure {{ margin: 0; width: 222px; font-size: 8pt; break-inside: avoid; }}
ul {{ margin: 1mm 0; padding-left: 5mm; font-size: 8.5pt; }}
</style>
</head>
<body>
{}
</body>
</html>
)",
                     zh ? "zh-Hant-TW" : "en", html_escape(title), landscape ? "landscape" : "portrait", css_string(code),
                     css_string(t("classification")), body);
}

std::string org_header(const Report& r, const std::string& form_title) {
  std::string out = fmt::format(R"(<div class="org">{}</div>)", html_escape(r.org_name));
  if (!r.org_name_en.empty()) out += fmt::format(R"(<div class="org-en">{}</div>)", html_escape(r.org_name_en));
  return out + fmt::format("<h1>{}</h1>", html_escape(form_title));
}

std::string html_summary(const Report& r, const Labels& t) {
  const std::string title = heading(r, t, "title.summary");
  std::string body = "<section class=\"page\">" + org_header(r, t("title.summary"));
  body += fmt::format("<div class=\"meta\"><span>{}</span><span>{}</span></div>", html_escape(report_year(r.options.year, r.options)),
                      html_escape(fmt::format(fmt::runtime(t("through")), r.options.through)));
  if (const auto basis = through_basis(r, t); !basis.empty()) {
    body += fmt::format("<p class=\"note\">{}</p>", html_escape(basis));
  }
  body += fmt::format("<h2>{}</h2>", html_escape(t("overview"))) + html_table(overview_rows(r, t));
  body += fmt::format("<p class=\"note\">{}</p>", html_escape(t("rate.basis"))) + unit_chart(r, t);
  body += "</section>";
  // The trend on a page of its own: the committee's second look, and the
  // overview stays one page.
  if (const std::string trend = trend_chart(r, t); !trend.empty()) {
    body += fmt::format("<section class=\"page\"><h2>{}</h2>", html_escape(t("trend.title"))) + trend +
            fmt::format("<p class=\"caption\">{}</p>", html_escape(t("trend.table"))) + html_table(trend_rows(r, t)) +
            "</section>";
  }
  for (const auto& u : r.units) {
    body += "<section class=\"page\">" + fmt::format("<h2>{}</h2>", html_escape(unit_line(r, u, t)));
    if (!u.objectives.empty()) {
      body += html_table(objective_rows(r, u, t));
      body += "<div class=\"charts\">";
      for (const auto& o : u.objectives) {
        body += fmt::format("<figure>{}<figcaption>{}</figcaption></figure>", objective_chart(o, r.options.through, t),
                            html_escape(o.definition->item));
      }
      body += "</div>";
      const auto notes = unit_notes(r, u, t);
      if (!notes.empty()) {
        body += "<ul>";
        for (const auto& n : notes) body += "<li>" + html_escape(n) + "</li>";
        body += "</ul>";
      }
    }
    body += "</section>";
  }
  return html_document(title, false, body, t, "ISMS-P-005");
}

// Form 005-01's columns on a landscape A4 page: their share of the width
// (per cent), and the estimate of how many printed lines a cell takes there.
constexpr int kSettingColumns[] = {3, 15, 5, 6, 8, 6, 17, 13, 15, 12};

// Lines a cell of `share` per cent of the 273 mm text width takes at 8.5 pt:
// a CJK character is about 3 mm wide, a Latin one half that.
int cell_lines(std::string_view text, int share) {
  const double inner_mm = 273.0 * share / 100.0 - 3.0;
  const double text_mm = 1.5 * display_width(text);
  return std::max(1, static_cast<int>(std::ceil(text_mm / std::max(inner_mm, 3.0))));
}

// The objectives of one 005-01 table split into printed pages: rows are kept
// whole and a page holds what fits below the form's heading and header rows
// and above its signature block (estimated from the text, conservatively),
// so every page has its header rows and its own 頁次 k/n.
std::vector<std::vector<std::size_t>> setting_pages(const std::vector<std::vector<std::string>>& rows) {
  constexpr double kRowsMm = 105.0, kLineMm = 4.4, kPaddingMm = 2.2;
  std::vector<std::vector<std::size_t>> pages(1);
  double used = 0;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    int lines = 1;
    for (std::size_t c = 0; c < rows[i].size() && c < std::size(kSettingColumns); ++c) {
      lines = std::max(lines, cell_lines(rows[i][c], kSettingColumns[c]));
    }
    const double h = lines * kLineMm + kPaddingMm;
    if (!pages.back().empty() && used + h > kRowsMm) {
      pages.emplace_back();
      used = 0;
    }
    pages.back().push_back(i);
    used += h;
  }
  return pages;
}

std::string html_setting(const Report& r, const Labels& t) {
  std::string body;
  for (const auto& u : r.units) {
    const auto rows = setting_rows(r, u, t);
    const auto pages = setting_pages(rows);
    for (std::size_t page = 0; page < pages.size(); ++page) {
      const bool last = page + 1 == pages.size();
      body += "<section class=\"page\">" + org_header(r, t("title.setting"));
      body += fmt::format("<div class=\"meta\"><span>{}：{}　{}：{}</span><span>{}：{}　{}：{}/{}</span></div>",
                          html_escape(t("year")), html_escape(report_year(r.options.year, r.options)),
                          html_escape(t("exec.unit")), html_escape(u.name), html_escape(t("updated")),
                          html_escape(u.updated ? report_date(*u.updated, r.options) : ""),
                          html_escape(t("page")), page + 1, pages.size());
      // The form's two-level header: 目標設定 (item, last year, target), 目標權責 (department, person).
      body += "<table class=\"form\"><colgroup>";
      for (int w : kSettingColumns) body += fmt::format("<col style=\"width:{}%\">", w);
      body += "</colgroup><thead><tr>";
      body += fmt::format("<th rowspan=\"2\">{}</th><th colspan=\"3\">{}</th><th colspan=\"2\">{}</th>",
                          html_escape(t("number")), html_escape(t("goal setting")), html_escape(t("goal owner")));
      for (const char* k : {"method", "resources", "actions", "source"}) {
        body += fmt::format("<th rowspan=\"2\">{}</th>", html_escape(t(k)));
      }
      body += "</tr><tr>";
      for (const char* k : {"item", "last year", "target", "department", "owner"}) {
        body += fmt::format("<th>{}</th>", html_escape(t(k)));
      }
      body += "</tr></thead><tbody>";
      for (std::size_t i : pages[page]) {
        body += "<tr>";
        for (const auto& c : rows[i]) body += "<td>" + html_escape(c) + "</td>";
        body += "</tr>";
      }
      if (rows.size() == 1) body += fmt::format("<tr><td colspan=\"10\">{}</td></tr>", html_escape(t("no table")));
      body += "</tbody></table>";
      if (last) {
        body += fmt::format(R"(<div class="sign"><span>{}：{}</span><span>{}：{}</span><span>{}：{}</span></div>)",
                            html_escape(t("compiled by")), html_escape(person_name(r, u.compiled_by, t)),
                            html_escape(t("supervisor")), html_escape(person_name(r, u.supervisor, t)),
                            html_escape(t("ciso")), html_escape(approver_entry(r, u, t, "（", "）")));
        body += fmt::format("<p class=\"note\">{}</p>", html_escape(t("note.setting")));
        const auto caveats = setting_caveats(r, u, t);
        if (!caveats.empty()) {
          body += "<ul class=\"caveats\">";
          for (const auto& c : caveats) body += "<li>" + html_escape(c) + "</li>";
          body += "</ul>";
        }
      } else {
        body += fmt::format("<p class=\"note\">{}</p>", html_escape(t("continued")));
      }
      body += "</section>";
    }
  }
  return html_document(fmt::format("{} {} {}", r.organisation, report_year(r.options.year, r.options), t("title.setting")), true,
                       body, t, "ISMS-P-005-01");
}

std::string html_review(const Report& r, const Labels& t) {
  std::string body;
  for (const auto& u : r.units) {
    for (const auto& o : u.objectives) {
      const Objective& d = *o.definition;
      body += "<section class=\"page\">" + org_header(r, t("title.review"));
      body += "<table>";
      body += fmt::format("<tr><th>{}</th><td>{}</td><th>{}</th><td colspan=\"6\">{}</td></tr>", html_escape(t("year")),
                          html_escape(report_year(r.options.year, r.options)), html_escape(t("exec.unit")), html_escape(u.name));
      body += fmt::format(
          "<tr><th>{}</th><td colspan=\"2\">{}</td><th>{}</th><td>{}</td><th>{}</th><td>{}</td><th>{}</th><td>{}</td></tr>",
          html_escape(t("item.review")), html_escape(d.item), html_escape(t("last year")),
          html_escape(last_year_text(o.last_year, r.options, t)),
          html_escape(t("target")), html_escape(form_target(d, d.target, t.zh())), html_escape(t("method")),
          html_escape(o.listed ? o.listed->method : ""));
      body += fmt::format("<tr><th>{}</th>", html_escape(t("quarter")));
      for (int q = 1; q <= 4; ++q) body += fmt::format("<th colspan=\"2\">{}</th>", html_escape(t(fmt::format("q{}", q))));
      body += fmt::format("</tr><tr><th>{}</th>", html_escape(t("achievement")));
      for (int q = 1; q <= 4; ++q) body += fmt::format("<th>{}</th><th>{}</th>", html_escape(t("actual")), html_escape(t("cumulative")));
      body += "</tr><tr><td></td>";
      const auto rows = review_rows(r, u, o, t);
      for (int q = 1; q <= 4; ++q) {
        body += fmt::format("<td>{}</td><td>{}</td>", html_escape(rows[kActualRow][static_cast<std::size_t>(q)]),
                            html_escape(rows[kCumulativeRow][static_cast<std::size_t>(q)]));
      }
      body += "</tr>";
      std::vector<std::size_t> shown = {kStatusRow};
      if (targets_differ(o, r.options.through, t)) shown.insert(shown.begin(), kTargetRow);
      for (std::size_t k = kFirstTextRow; k < rows.size(); ++k) shown.push_back(k);
      for (std::size_t k : shown) {
        body += fmt::format("<tr><th>{}</th>", html_escape(rows[k][0]));
        for (int q = 1; q <= 4; ++q) body += fmt::format("<td colspan=\"2\">{}</td>", html_escape(rows[k][static_cast<std::size_t>(q)]));
        body += "</tr>";
      }
      body += "</table>" + objective_chart(o, r.options.through, t);
      body += fmt::format("<p class=\"note\">{}</p></section>", html_escape(t("note.review")));
    }
  }
  if (body.empty()) body = fmt::format("<section class=\"page\">{}<p>{}</p></section>", org_header(r, t("title.review")),
                                       html_escape(t("no table")));
  return html_document(fmt::format("{} {} {}", r.organisation, report_year(r.options.year, r.options), t("title.review")), false,
                       body, t, "ISMS-P-005-02");
}

}  // namespace

std::vector<ReportSheet> report_sheets(const Report& report) {
  const Labels t(report.options.language);
  const ReportOptions& o = report.options;
  const std::string year = report_year(o.year, o);
  const std::string through = fmt::format(fmt::runtime(t("through")), o.through);
  std::vector<ReportSheet> sheets(5);

  // The summary: the overview with each unit's achievement against last
  // year's, and the trend over the years.
  ReportSheet& summary = sheets[0];
  summary.name = t("sheet.summary");
  summary.title = fmt::format("{} {} {} ({})", report.organisation, year, t("title.summary"), through);
  summary.code = "ISMS-P-005";
  summary.landscape = false;
  SheetBlock overview;
  overview.rows = overview_rows(report, t);
  if (const auto basis = through_basis(report, t); !basis.empty()) overview.heading.push_back(basis);
  overview.notes.push_back(t("rate.basis"));
  if (!report.units.empty()) {
    const std::size_t n = report.units.size();
    SheetChart chart;
    chart.title = t("chart");
    chart.categories = {1, 0, n, 0};
    chart.series = {{rate_year({o.year, o.through, 0, 0, std::nullopt}, o, t), {1, 7, n, 7}, false},
                    {rate_year({o.year - 1, 4, 0, 0, std::nullopt}, o, t), {1, 8, n, 8}, false}};
    chart.percent = true;
    chart.width_px = 620;
    chart.height_px = 280;
    overview.charts.push_back(std::move(chart));
  }
  summary.blocks.push_back(std::move(overview));
  if (report.trend.size() >= 2) {
    SheetBlock trend;
    trend.heading.push_back(t("trend.table"));
    trend.rows = trend_rows(report, t);
    SheetChart chart;
    chart.kind = SheetChart::Kind::Line;
    chart.title = t("trend.title");
    const std::size_t last_row = trend.rows.size() - 1, last_col = report.trend.size();
    chart.categories = {0, 1, 0, last_col};
    chart.series = {{report.organisation, {last_row, 1, last_row, last_col}, false}};
    chart.percent = true;
    std::vector<double> rates;
    for (const auto& y : report.trend) {
      if (y.rate) rates.push_back(y.rate->to_double());
    }
    chart.axis_min = rate_floor(rates) / 100;
    chart.width_px = 620;
    chart.height_px = 240;
    trend.charts.push_back(std::move(chart));
    trend.new_page = true;
    summary.blocks.push_back(std::move(trend));
  }

  // Form ISMS-P-005-01: each unit's table on a page of its own, as approved.
  ReportSheet& setting = sheets[1];
  setting.name = t("sheet.setting");
  setting.title = fmt::format("{} {} (ISMS-P-005-01)", report.org_name, t("title.setting"));
  setting.code = "ISMS-P-005-01";
  for (const auto& u : report.units) {
    SheetBlock b;
    b.new_page = true;
    b.heading.push_back(fmt::format("{}：{}　{}：{}　{}：{}", t("year"), year, t("exec.unit"), u.name, t("updated"),
                                    u.updated ? report_date(*u.updated, o) : ""));
    b.rows = setting_rows(report, u, t);
    if (b.rows.size() == 1) b.rows.push_back({"", t("no table")});
    b.notes.push_back(setting_footer(report, u, t));
    b.notes.push_back(t("note.setting"));
    for (const auto& c : setting_caveats(report, u, t)) b.notes.push_back(c);
    setting.blocks.push_back(std::move(b));
  }

  // Form ISMS-P-005-02: per objective, the quarters side by side (target,
  // actual, cumulative, judgement, explanations, opinions) and a chart of the
  // cumulative against the target that applied.
  ReportSheet& review = sheets[2];
  review.name = t("sheet.review");
  review.title = fmt::format("{} {} (ISMS-P-005-02, {})", report.org_name, t("title.review"), through);
  review.code = "ISMS-P-005-02";
  review.widths = {10, 24, 24, 24, 24};  // the quarters alike
  for (const auto& u : report.units) {
    for (const auto& ob : u.objectives) {
      const Objective& d = *ob.definition;
      SheetBlock b;
      b.new_page = true;  // one objective a page, as the form
      b.header_row = true;
      b.label_column = true;
      b.heading.push_back(fmt::format("{}：{}　{}：{}　{}：{}", t("year"), year, t("exec.unit"), u.name,
                                      t("item.review"), d.item));
      b.heading.push_back(fmt::format("{}：{}　{}：{}　{}：{}", t("target"), form_target(d, d.target, t.zh()),
                                      t("last year"), last_year_text(ob.last_year, o, t), t("method"),
                                      ob.listed ? ob.listed->method : ""));
      b.rows = review_rows(report, u, ob, t);
      // A quarter without a value is an empty cell: a chart draws no point
      // for it (a "-" would be drawn as 0).
      for (std::size_t k : {std::size_t{kActualRow}, std::size_t{kCumulativeRow}}) {
        for (auto& cell : b.rows[k]) {
          if (cell == "-") cell.clear();
        }
      }
      SheetChart chart;
      chart.kind = SheetChart::Kind::Line;
      chart.title = t("cumulative");
      chart.categories = {kQuarterRow, 1, kQuarterRow, 4};
      chart.series = {{t("cumulative"), {kCumulativeRow, 1, kCumulativeRow, 4}, false},
                      {t("target"), {kTargetRow, 1, kTargetRow, 4}, true}};
      chart.right = true;
      chart.width_px = 330;
      chart.height_px = 240;
      b.charts.push_back(std::move(chart));
      review.blocks.push_back(std::move(b));
    }
  }
  if (review.blocks.empty()) review.blocks.push_back(SheetBlock{{t("no table")}, {}, false, false, {}, {}, false});

  // The two forms as data: one row per objective, per objective and quarter.
  sheets[3].name = t("sheet.setting.data");
  sheets[3].title = fmt::format("{} {} {} (ISMS-P-005-01)", report.organisation, year, t("title.setting"));
  sheets[3].code = "ISMS-P-005-01";
  sheets[3].blocks.push_back(SheetBlock{{}, setting_sheet_rows(report, t), true, false, {}, {}, false});
  sheets[4].name = t("sheet.review.data");
  sheets[4].title = fmt::format("{} {} {} (ISMS-P-005-02, {})", report.organisation, year, t("title.review"), through);
  sheets[4].code = "ISMS-P-005-02";
  sheets[4].blocks.push_back(SheetBlock{{}, review_sheet_rows(report, t), true, false, {}, {}, false});
  sheets[3].data = sheets[4].data = true;

  for (auto& sh : sheets) {
    sh.classification = t("classification");
    sh.fills = {{status_label(QuarterStatus::Met, t), 0xC6EFCE},
                {status_label(QuarterStatus::OnTrack, t), 0xFFEB9C},
                {status_label(QuarterStatus::NotMet, t), 0xFFC7CE},
                {status_label(QuarterStatus::NoData, t), 0xE7E6E6},
                {status_label(QuarterStatus::NoEvents, t), 0xDDEBF7}};
  }
  return sheets;
}

std::string render_report(const Report& report, ReportForm form, ReportFormat format) {
  const Labels t(report.options.language);
  switch (format) {
    case ReportFormat::Json: return json_report(report, form);
    case ReportFormat::Csv: return csv_report(report, form, t);
    case ReportFormat::Html:
      return form == ReportForm::Summary ? html_summary(report, t)
             : form == ReportForm::Setting ? html_setting(report, t)
                                           : html_review(report, t);
    case ReportFormat::Text:
    case ReportFormat::Markdown: {
      const bool md = format == ReportFormat::Markdown;
      if (form == ReportForm::Setting) return text_setting(report, t, md);
      if (form == ReportForm::Review) return text_review(report, t, md);
      return md ? markdown_summary(report, t) : text_summary(report, t);
    }
  }
  return {};
}

}  // namespace isms

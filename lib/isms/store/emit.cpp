#include "isms/store/emit.h"

#include <filesystem>

#include <fmt/format.h>

#include "isms/format/yaml.h"
#include "isms/store/store.h"

namespace isms {

namespace fs = std::filesystem;

namespace {

std::string target_yaml(const Target& t) {
  if (t.is_range) return fmt::format("{{min: {}, max: {}}}", t.min.to_string(), t.max.to_string());
  return t.value.to_string();
}

std::string line(std::string_view indent, std::string_view key, std::string_view value) {
  return fmt::format("{}{}: {}\n", indent, key, value);
}

}  // namespace

std::string header_text(const EmitHeader& h) {
  std::string out;
  if (!h.schema_path.empty()) out += "# yaml-language-server: $schema=" + h.schema_path + "\n";
  if (!h.title.empty()) out += "# " + h.title + "\n";
  for (const auto& n : h.notes) out += (n.empty() ? "#" : "# " + n) + "\n";
  return out;
}

std::string unit_display_name(const Store& store, const std::string& unit) {
  if (store.config) {
    if (const Unit* u = store.config->unit(unit)) return u->name;
  }
  return unit;
}

EmitHeader header_for(const Store& store, RecordKind kind, const std::string& rel, const std::string& unit,
                      int year, int quarter, std::string_view item) {
  EmitHeader h;
  const std::string schema = fmt::format(".isms-obj/schemas/{}.schema.json", record_kind_name(kind));
  if (store.editor_schemas.count(kind)) {
    std::string up;
    for (char c : rel) {
      if (c == '/') up += "../";
    }
    h.schema_path = up + schema;
  }
  const std::string unit_name = unit_display_name(store, unit);
  switch (kind) {
    case RecordKind::Setting:
      h.title = fmt::format("ISMS-P-005-01 資通安全目標設定表 — {} {}年度", unit_name, year);
      break;
    case RecordKind::Approval:
      h.title = fmt::format("資通安全長核定 — {} {}年度 資通安全目標設定表", unit_name, year);
      break;
    case RecordKind::Result:
      h.title = fmt::format("ISMS-P-005-02 實績 — {} {}年度", unit_name, year);
      if (!item.empty()) h.title += fmt::format(" 第{}季 {}", quarter, item);
      break;
    case RecordKind::Review:
      h.title = fmt::format("ISMS-P-005-02 審核意見 — {} {}年第{}季", unit_name, year, quarter);
      break;
    case RecordKind::Referral:
      h.title = fmt::format("矯正及預防措施提報 (ISMS-P-008) — {} {}", unit_name, item);
      break;
    case RecordKind::Confirmation:
      h.title = fmt::format("ISMS-P-005-02 權責主管確認 — {} {}年第{}季", unit_name, year, quarter);
      break;
    case RecordKind::Config:
      break;
  }
  return h;
}

std::string emit_objective(const Objective& o, bool snapshot_only) {
  std::string out;
  const std::string_view first = "  - ";
  const std::string_view rest = "    ";
  out += line(first, "id", emit_scalar(o.id));
  out += line(rest, "item", emit_scalar(o.item));
  if (!snapshot_only) {
    out += line(rest, "last_year_actual", o.last_year_actual ? o.last_year_actual->to_string() : "null");
    if (o.last_year_through) out += line(rest, "last_year_through", std::to_string(*o.last_year_through));
  }
  out += line(rest, "comparison", o.comparison == Comparison::Range ? "range" : fmt::format("\"{}\"", to_string(o.comparison)));
  out += line(rest, "target", target_yaml(o.target));
  out += line(rest, "unit", to_string(o.unit));
  out += line(rest, "precision", std::to_string(o.precision));
  out += line(rest, "aggregation", to_string(o.aggregation));
  if (!o.numerator_label.empty()) out += line(rest, "numerator", emit_scalar(o.numerator_label));
  if (!o.denominator_label.empty()) out += line(rest, "denominator", emit_scalar(o.denominator_label));
  std::string qt;
  for (int q = 1; q <= 4; ++q) {
    if (const auto& t = o.quarter_targets[static_cast<std::size_t>(q - 1)]) {
      qt += fmt::format("{}q{}: {}", qt.empty() ? "" : ", ", q, target_yaml(*t));
    }
  }
  if (!qt.empty()) out += line(rest, "quarter_targets", "{" + qt + "}");
  if (snapshot_only) return out;
  out += line(rest, "department", emit_scalar(o.department));
  out += line(rest, "owner", emit_scalar(o.owner));
  out += line(rest, "method", emit_scalar(o.method));
  if (!o.resources.empty()) out += line(rest, "resources", emit_scalar(o.resources));
  if (!o.actions.empty()) {
    out += fmt::format("{}actions:\n", rest);
    for (const auto& a : o.actions) out += fmt::format("{}  - {}\n", rest, emit_scalar(a));
  }
  out += line(rest, "data_source", emit_scalar(o.data_source));
  return out;
}

std::string emit_setting(const SettingTable& t, const EmitHeader& h) {
  std::string out = header_text(h);
  out += "kind: setting\n";
  out += line("", "year", std::to_string(t.year));
  out += line("", "unit", emit_scalar(t.unit));
  out += line("", "revision", std::to_string(t.revision));
  out += line("", "status", to_string(t.status));
  out += line("", "compiled_by", emit_scalar(t.compiled_by));
  out += line("", "supervisor", emit_scalar(t.supervisor));
  if (t.updated) out += line("", "updated", emit_scalar(t.updated->iso()));
  if (!t.note.empty()) out += line("", "note", emit_scalar(t.note));
  if (t.carried_from) out += line("", "carried_from", std::to_string(*t.carried_from));
  out += "objectives:\n";
  for (const auto& o : t.objectives) out += emit_objective(o, false);
  return out;
}

// Last, as a literal block: adding it leaves the signed content as it was.
static std::string signature_block(const std::string& signature, std::string_view key = "signature") {
  if (signature.empty()) return {};
  std::string out = fmt::format("{}: |\n", key);
  std::size_t from = 0;
  while (from < signature.size()) {
    const std::size_t nl = signature.find('\n', from);
    const std::size_t end = nl == std::string::npos ? signature.size() : nl;
    out += "  " + signature.substr(from, end - from) + "\n";
    from = end + 1;
  }
  return out;
}

std::string emit_approval(const Approval& a, const EmitHeader& h) {
  std::string out = header_text(h);
  out += "kind: approval\n";
  out += line("", "year", std::to_string(a.year));
  out += line("", "unit", emit_scalar(a.unit));
  out += line("", "revision", std::to_string(a.revision));
  out += line("", "decision", to_string(a.decision));
  out += line("", "by", emit_scalar(a.by));
  if (a.date) out += line("", "date", emit_scalar(a.date->iso()));
  if (!a.comment.empty()) out += line("", "comment", emit_scalar(a.comment));
  out += line("", "digest", fmt::format("\"{}\"", a.digest));
  if (a.full_snapshot) {
    out += line("", "compiled_by", emit_scalar(a.compiled_by));
    out += line("", "supervisor", emit_scalar(a.supervisor));
    if (a.table_updated) out += line("", "table_updated", emit_scalar(a.table_updated->iso()));
  }
  if (!a.approved.empty()) {
    out += "approved:\n";
    for (const auto& o : a.approved) out += emit_objective(o, !a.full_snapshot);
  }
  out += signature_block(a.signature);
  return out;
}

std::string emit_result(const Result& r, const EmitHeader& h) {
  std::string out = header_text(h);
  out += "kind: result\n";
  out += line("", "year", std::to_string(r.year));
  out += line("", "quarter", std::to_string(r.quarter));
  out += line("", "unit", emit_scalar(r.unit));
  out += line("", "objective", emit_scalar(r.objective));
  if (r.actual) out += line("", "actual", r.actual->to_string());
  if (r.numerator) out += line("", "numerator", r.numerator->to_string());
  if (r.denominator) out += line("", "denominator", r.denominator->to_string());
  if (!r.no_events.empty()) out += line("", "no_events", emit_scalar(r.no_events));
  if (!r.measure_unit.empty()) out += line("", "measure_unit", r.measure_unit);
  if (!r.variance.empty()) out += line("", "variance", emit_scalar(r.variance));
  out += line("", "reported_by", emit_scalar(r.reported_by));
  if (r.reported) out += line("", "reported", emit_scalar(r.reported->iso()));
  if (r.sequence > 1) {
    out += line("", "sequence", std::to_string(r.sequence));
    out += line("", "reason", emit_scalar(r.reason));
  }
  return out;
}

std::string emit_review(const Review& r, const EmitHeader& h) {
  std::string out = header_text(h);
  out += "kind: review\n";
  out += line("", "year", std::to_string(r.year));
  out += line("", "quarter", std::to_string(r.quarter));
  out += line("", "unit", emit_scalar(r.unit));
  out += line("", "reviewed_by", emit_scalar(r.reviewed_by));
  out += line("", "opinion", emit_scalar(r.opinion));
  out += line("", "supervisor", emit_scalar(r.supervisor));
  if (r.date) out += line("", "date", emit_scalar(r.date->iso()));
  if (!r.objective_opinions.empty()) {
    out += "objectives:\n";
    for (const auto& [id, text] : r.objective_opinions) out += line("  ", emit_scalar(id), emit_scalar(text));
  }
  if (!r.missing_reason.empty()) out += line("", "missing_reason", emit_scalar(r.missing_reason));
  if (!r.reason.empty()) out += line("", "reason", emit_scalar(r.reason));
  out += signature_block(r.signature);
  return out;
}

std::string emit_confirmation(const Confirmation& c, const EmitHeader& h) {
  std::string out = header_text(h);
  out += "kind: confirmation\n";
  out += line("", "year", std::to_string(c.year));
  out += line("", "quarter", std::to_string(c.quarter));
  out += line("", "unit", emit_scalar(c.unit));
  out += line("", "confirmed_by", emit_scalar(c.confirmed_by));
  if (c.date) out += line("", "date", emit_scalar(c.date->iso()));
  out += "results:\n";
  for (const auto& [id, sequence] : c.results) out += line("  ", emit_scalar(id), std::to_string(sequence));
  out += signature_block(c.signature);
  return out;
}

std::string emit_referral(const Referral& r, const EmitHeader& h) {
  std::string out = header_text(h);
  out += "kind: referral\n";
  out += line("", "year", std::to_string(r.year));
  out += line("", "unit", emit_scalar(r.unit));
  out += line("", "objective", emit_scalar(r.objective));
  if (r.raised) out += line("", "raised", emit_scalar(r.raised->iso()));
  out += line("", "raised_by", emit_scalar(r.raised_by));
  if (!r.case_number.empty()) out += line("", "case", emit_scalar(r.case_number));
  out += "missed:\n";
  for (const auto& m : r.missed) {
    out += fmt::format("  - quarter: {}\n", m.quarter);
    if (m.actual) out += line("    ", "actual", m.actual->to_string());
    if (m.cumulative) out += line("    ", "cumulative", m.cumulative->to_string());
    if (m.target) out += line("    ", "target", target_yaml(*m.target));
    if (!m.variance.empty()) out += line("    ", "variance", emit_scalar(m.variance));
  }
  out += line("", "state", to_string(r.state));
  if (!r.waived_reason.empty()) out += line("", "waived_reason", emit_scalar(r.waived_reason));
  if (r.closed) out += line("", "closed", emit_scalar(r.closed->iso()));
  if (!r.closed_by.empty()) out += line("", "closed_by", emit_scalar(r.closed_by));
  if (!r.closing_note.empty()) out += line("", "closing_note", emit_scalar(r.closing_note));
  out += signature_block(r.signature);
  out += signature_block(r.closing_signature, "closing_signature");
  return out;
}

}  // namespace isms

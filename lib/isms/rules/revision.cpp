#include "isms/rules/revision.h"

#include <fmt/format.h>

namespace isms {

namespace {

// The 005-01 fields a reader compares, as recorded, in form order.
std::vector<std::pair<std::string, std::string>> fields_of(const Objective& o, bool full) {
  std::vector<std::pair<std::string, std::string>> f = {
      {"item", o.item},
      {"target", target_text(o.comparison, o.target)},
      {"unit", std::string(to_string(o.unit))},
      {"precision", std::to_string(o.precision)},
      {"aggregation", std::string(to_string(o.aggregation))},
      {"numerator", o.numerator_label},
      {"denominator", o.denominator_label},
  };
  std::string qt;
  for (int q = 1; q <= 4; ++q) {
    if (const auto& t = o.quarter_targets[static_cast<std::size_t>(q - 1)]) {
      qt += fmt::format("{}Q{} {}", qt.empty() ? "" : ", ", q, target_text(o.comparison, *t));
    }
  }
  f.emplace_back("quarter_targets", qt);
  if (!full) return f;
  std::string actions;
  for (const auto& a : o.actions) actions += (actions.empty() ? "" : "；") + a;
  f.insert(f.begin() + 1, {"last_year_actual", o.last_year_actual ? o.last_year_actual->to_string() : ""});
  f.emplace_back("department", o.department);
  f.emplace_back("owner", o.owner);
  f.emplace_back("method", o.method);
  f.emplace_back("resources", o.resources);
  f.emplace_back("actions", actions);
  f.emplace_back("data_source", o.data_source);
  return f;
}

const Objective* find(const std::vector<Objective>& in, const std::string& id) {
  for (const auto& o : in) {
    if (o.id == id) return &o;
  }
  return nullptr;
}

}  // namespace

RevisionContent revision_of(const Approval& approval) {
  return {&approval.approved, approval.compiled_by, approval.supervisor, approval.full_snapshot};
}

RevisionContent revision_of(const SettingTable& table) {
  return {&table.objectives, table.compiled_by, table.supervisor, true};
}

std::vector<RevisionChange> compare_revisions(const RevisionContent& before, const RevisionContent& after) {
  static const std::vector<Objective> kNone;
  const auto& was = before.objectives ? *before.objectives : kNone;
  const auto& now = after.objectives ? *after.objectives : kNone;
  const bool full = before.full && after.full;
  std::vector<RevisionChange> out;
  if (full) {
    if (before.compiled_by != after.compiled_by) out.push_back({"", "", "compiled_by", before.compiled_by, after.compiled_by});
    if (before.supervisor != after.supervisor) out.push_back({"", "", "supervisor", before.supervisor, after.supervisor});
  }
  for (const auto& o : now) {
    const Objective* then = find(was, o.id);
    if (!then) {
      out.push_back({o.id, o.item, "", "", "added"});
      continue;
    }
    const auto b = fields_of(*then, full), a = fields_of(o, full);
    for (std::size_t i = 0; i < b.size(); ++i) {
      if (b[i].second != a[i].second) out.push_back({o.id, o.item, b[i].first, b[i].second, a[i].second});
    }
  }
  for (const auto& then : was) {
    if (!find(now, then.id)) out.push_back({then.id, then.item, "", "removed", ""});
  }
  return out;
}

}  // namespace isms

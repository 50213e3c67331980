#include "isms/views/complete.h"

#include <algorithm>
#include <set>
#include <system_error>

#include "isms/store/store.h"

namespace isms {

namespace fs = std::filesystem;

namespace {

// The year-named subdirectories of `dir` (none when it cannot be read).
void years_below(Env& env, const fs::path& dir, std::set<int>* years) {
  for (const auto& name : env.subdirectories(dir)) {
    if (auto y = year_directory(name)) years->insert(*y);
  }
}

Store load_quietly(Env& env, const fs::path& root, const LoadScope& scope, const std::string& cache_tool_id,
                   Status* status) {
  Store store;
  LoadOptions load;
  load.scope = scope;
  load.cache_tool_id = cache_tool_id;
  Diagnostics ignored;
  *status = load_store(env, root, load, &store, ignored);
  return store;
}

}  // namespace

Status completion_values(Env& env, const fs::path& root, CompletionKind kind, const CompletionContext& context,
                         const Date& today, const std::string& cache_tool_id, std::vector<std::string>* out) {
  out->clear();
  std::set<std::string> values;
  Status status = Status::ok();
  switch (kind) {
    case CompletionKind::Units:
    case CompletionKind::People: {
      const Store store = load_quietly(env, root, LoadScope::configuration(), cache_tool_id, &status);
      if (!store.config) break;
      if (kind == CompletionKind::Units) {
        for (const auto& u : store.config->units) values.insert(u.id);
      } else {
        for (const auto& p : store.config->people) values.insert(p.id);
      }
      break;
    }
    case CompletionKind::Years: {
      if (!env.is_directory(root)) return Status::io_error("cannot read the store " + root.string());
      std::set<int> years{today.year, today.year + 1};
      for (const char* top : {"approvals", "reviews", "referrals"}) years_below(env, root / top, &years);
      if (context.unit) {
        if (!is_unit_id(*context.unit)) break;
        years_below(env, root / "units" / *context.unit, &years);
      } else {
        for (const auto& unit : env.subdirectories(root / "units")) years_below(env, root / "units" / unit, &years);
      }
      for (int y : years) values.insert(std::to_string(y));
      break;
    }
    case CompletionKind::Objectives: {
      LoadScope scope;
      scope.years = {context.year.value_or(today.year)};
      if (context.unit) {
        if (!is_unit_id(*context.unit)) break;
        scope.units = {*context.unit};
      }
      const Store store = load_quietly(env, root, scope, cache_tool_id, &status);
      for (const auto& table : store.settings) {
        for (const auto& o : table.objectives) values.insert(o.id);
      }
      break;
    }
  }
  if (!status.is_ok()) return status;
  out->assign(values.begin(), values.end());
  return Status::ok();
}

}  // namespace isms

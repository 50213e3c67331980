#include "isms/ops/init.h"

#include <fmt/format.h>

#include "isms/base/i18n.h"
#include "isms/format/yaml.h"
#include "isms/store/embedded.h"
#include "isms/store/store.h"

namespace isms {

namespace fs = std::filesystem;

std::string config_skeleton(const InitOptions& o) {
  return fmt::format(
      R"(# yaml-language-server: $schema=.isms-obj/schemas/config.schema.json
# isms-obj store configuration: ISMS-P-005 資通安全目標管理程序書.
# Edit by hand and run `isms-obj validate`; docs/formats.md describes every field.
kind: config
version: 1
organisation:
  name: {}
  # name_en: Example University
language: {}            # zh-TW or en: labels in reports
calendar: {}            # gregorian or roc (民國): dates in reports

# Everyone the records name, by id (lowercase letters, digits, . _ -).
# The lines starting with # are examples: delete the # to use one.
people:
#  - id: wang.cs
#    name: 王志成
#    email: cs.wang@example.edu.tw
#    unit: lio

# Units that set objectives (目標執行單位), by id (lowercase letters, digits, -).
units:
#  - id: lio
#    name: 圖書資訊處
#    name_en: Library and Information Office
#    head: wang.cs          # the unit's head (權責主管), who confirms its results

roles:
  ciso:                    # 資通安全長: a person id (ciso: wang.cs), or terms of office:
#    - person: wang.cs
#      from: "2026-01-01"
#  executive_secretary: wang.cs   # 執行秘書
  security_team:           # 資通安全處理小組: person ids
#    - wang.cs

policy:
{}  repeated_miss_threshold: 2   # quarters missed in a year that require corrective action (ISMS-P-008)
  setting_due: "12-15"         # next year's setting tables (ISMS-P-005-01) are due on this MM-DD
  results_due_days: 15         # a quarter's results are due this many days after it ends
  review_due_days: 30          # a quarter's review is due this many days after it ends
  retention:
    years: 1                   # records are kept at least this many years after their year ends (5.7)
    location: 圖書資訊處
)",
      emit_scalar(o.organisation), to_string(o.language), to_string(o.calendar),
      o.first_year ? fmt::format("  first_year: {}             # the store begins: nothing earlier is due or missing\n",
                                 o.first_year)
                   : std::string());
}

Status init_store(Env& env, const fs::path& dir, const InitOptions& options, std::vector<std::string>* written) {
  if (env.store_path_exists(dir, kConfigFileName)) {
    return Status::conflict(trf("{} is already a store ({} exists); nothing was changed", dir.string(),
                                        kConfigFileName));
  }
  if (Status s = env.create_directories(dir); !s.is_ok()) return s;

  auto create = [&](const std::string& rel, std::string_view content) -> Status {
    Status s = env.write_store_file(dir, rel, content, /*exclusive=*/true);
    if (s.is_ok()) written->push_back(rel);
    return s;
  };
  // The configuration is what makes a directory a store, so it is written
  // last: an init stopped before it leaves no store, and running init again
  // finishes the job. A file that is already there (from the stopped run,
  // or a .gitignore of the person's own) is kept as it is.
  for (auto name : embedded_names()) {
    Status s = create(fmt::format(".isms-obj/schemas/{}.schema.json", name), embedded_file(name));
    if (!s.is_ok() && s.code() != Status::Code::Conflict) return s;
  }
  Status s = create(".gitignore", "# isms-obj working files (the lock and caches are never records)\n"
                                  ".isms-obj/cache/\n.isms-obj/lock\n");
  if (!s.is_ok() && s.code() != Status::Code::Conflict) return s;
  return create(std::string(kConfigFileName), config_skeleton(options));
}

}  // namespace isms

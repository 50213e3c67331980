// validate's whole job, with a cache for warm runs.
//
// A store that has not changed since the last run is not read again: the
// findings of that run are kept in `.isms-obj/cache/validate` (git-ignored)
// with, for every record file read, its stamp (size, mtime, ctime, inode,
// device) and the SHA-256 of the bytes that were checked. A later run lists
// the store and stamps every record file; it answers from the cache only
// when the listing is the same and every file's content is the same:
//   * a file whose stamp matches, and whose mtime and ctime are more than
//     kRacySeconds before the earlier run began, is taken as unchanged;
//   * any other file (touched, or modified so close to the earlier run that
//     a later write could share its timestamp) is read and its SHA-256
//     compared; only a different content makes the run cold.
// The cache is keyed by the tool that wrote it (`tool_id`, the executable's
// stamp), the day (deadline checks depend on it) and the message catalog
// (the findings are text in its language), so a new build, another --today
// or another language never reuses findings. It is written atomically (a
// temporary file renamed over it), so concurrent runs see one whole cache or
// none; any cache problem (read-only store, damaged file) only makes the run
// cold, never changes its answer.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "isms/base/date.h"
#include "isms/base/diagnostic.h"
#include "isms/base/status.h"
#include "isms/store/record_cache.h"
#include "isms/store/store.h"

namespace isms {

inline constexpr std::string_view kValidateCache = ".isms-obj/cache/validate";

// What a change (validate --base) touched: store-relative record paths and,
// for modified files, the lines of the new version that changed. A reviewer
// sees these lines in the pull request's diff; a finding placed on one of
// them shows there.
struct ChangedLines {
  std::set<std::string> added;                                  // every line is new
  std::map<std::string, std::vector<std::pair<int, int>>> hunks;  // modified: (first line, count)
  // Whether `d` lies on a line the change added or altered.
  bool touches(const Diagnostic& d) const;
};

struct Findings {
  std::size_t files_checked = 0;
  Diagnostics diagnostics;  // sorted
  // Set by check_change_against: what the change touched.
  std::optional<ChangedLines> change;
  // Set by validate_change when it checked only the unit-years the change
  // touches (the years × units below); absent: the whole store.
  std::optional<LoadScope> scope;
  // For `validate --summary`: the organisation, when the config loaded.
  bool has_config = false;
  std::string org_name, org_name_en;
  std::size_t units = 0, people = 0;
  std::vector<YearSummary> years;
};

enum class CacheUse { Off, Cold, Warm };

// Loads and checks the whole store as of `today`. `tool_id` identifies the
// checks (cli: the executable's stamp); empty, the cache is neither read nor
// written. Returns an IoError status when the store cannot be read; `*use`
// (when given) says whether the cache answered.
Status validate_store(Env& env, const std::filesystem::path& root, const Date& today, const std::string& tool_id,
                      Findings* out, CacheUse* use = nullptr);

// validate --base REF: what the working tree changes against the merge base
// of `ref` and HEAD, judged as a change (rules/change.h), appended to
// `out` (then sorted again), and `out->change` set. Loads the years the
// change touches. A finding about an edit as a whole (a table changed
// after its approval) that validate placed on a line the change did not
// touch is moved to the first line that changed, so that it shows in the
// pull request's diff. NotFound outside a git work tree; InvalidArgument
// for a ref that is not here.
Status check_change_against(Env& env, const std::filesystem::path& root, const Date& today, const std::string& ref,
                            Findings* out);

// validate --base REF, scoped by the change: checks only the records of the
// years and units the change touches (every rule reads only its own
// unit-year and the configuration, so each of those records gets exactly
// the findings a whole check gives it; `out->scope` says what was checked),
// then judges the change as check_change_against does. The whole store is
// checked (validate_store, then the change) when `whole_store` is set, or
// when the change touches the configuration, the store's .isms-obj files or
// a YAML file outside the layout, or a record path that is not a regular
// file: only a whole check reports those. NotFound outside a git work tree;
// InvalidArgument for a ref that is not here.
Status validate_change(Env& env, const std::filesystem::path& root, const Date& today, const std::string& tool_id,
                       const std::string& ref, bool whole_store, Findings* out);

}  // namespace isms

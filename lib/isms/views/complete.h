// Values a shell completes from a store (isms-obj completion): unit ids,
// person ids, years and objective ids. Completion runs on every Tab press, so each kind
// reads only what it needs and problems in the store are not reported here
// (validate does that): a value that cannot be read is simply not offered.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "isms/base/date.h"
#include "isms/base/status.h"
#include "isms/sys/env.h"

namespace isms {

enum class CompletionKind { Units, People, Years, Objectives };

// What the command line already says, to narrow the values down.
struct CompletionContext {
  std::optional<int> year;
  std::optional<std::string> unit;
};

// Sorted, without duplicates.
//   Units, People: the unit or person ids of isms-obj.yaml (the
//     configuration alone is read).
//   Years: the years that have record directories (units/<unit>/<year>,
//     only the given unit's when one is given; approvals/, reviews/,
//     referrals/), plus today's year and the next (objectives are set ahead).
//   Objectives: the objective ids of the setting tables of `year` (default:
//     today's) for the given unit, or every unit.
// IoError only when the store root cannot be read.
Status completion_values(Env& env, const std::filesystem::path& root, CompletionKind kind, const CompletionContext& context,
                         const Date& today, const std::string& cache_tool_id, std::vector<std::string>* out);

}  // namespace isms

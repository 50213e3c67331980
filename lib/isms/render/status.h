// isms-obj status: what is due or late, for people and cron jobs.
#pragma once

#include <string>
#include <vector>

#include "isms/views/due.h"

namespace isms {

// A heading with the organisation and the day, a table of the items, and
// their counts.
std::string status_text(const std::string& organisation, const Date& today, const std::vector<DueItem>& items);
// isms-obj.status/1, documented in docs/cli.md.
std::string status_json(const Date& today, const std::vector<DueItem>& items);

}  // namespace isms

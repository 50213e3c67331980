// isms-obj status: what is due or late, for people and cron jobs.
#pragma once

#include <string>
#include <vector>

#include "isms/store/model.h"
#include "isms/views/due.h"

namespace isms {

// Why `item` is listed, in `language`, dates in `calendar`.
std::string due_message(const DueItem& item, Language language, Calendar calendar);

// A heading with the organisation and the day, a table of the items, and
// their counts, in `language` with dates and periods in `calendar`.
std::string status_text(const std::string& organisation, const Date& today, const std::vector<DueItem>& items,
                        Language language, Calendar calendar);
// isms-obj.status/1, documented in docs/cli.md: `reason` is the stable name
// of why an item is listed, `message` its English wording (for logs and
// scripts, whatever the store's language).
std::string status_json(const Date& today, const std::vector<DueItem>& items);

}  // namespace isms

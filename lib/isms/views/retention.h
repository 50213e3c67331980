// isms-obj retention-check (ISMS-P-005 §5.7): forms 005-01 and 005-02 are
// kept at least policy.retention.years after the end of the year they cover;
// git history is the evidence of what was kept, deleted or changed, and by
// whom. docs/retention.md states the rules.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "isms/base/date.h"
#include "isms/base/diagnostic.h"
#include "isms/rules/change.h"
#include "isms/store/store.h"
#include "isms/sys/git.h"

namespace isms {

struct RetentionGroup {
  RecordKind kind = RecordKind::Setting;
  int year = 0;
  int records = 0;
  Date until;  // the latest retention end among the group's records
  bool past = false;  // retention has ended: the records may be disposed of (never by this tool)
};

// A retention finding is a diagnostic about a record (its file; no line:
// it is about the file as kept), with the commit that shows it when the
// history does.
struct RetentionFinding {
  RetentionFinding(DiagCode code, std::string path, std::string commit_hash, std::string commit_author,
                   std::optional<Date> commit_date, std::string message);
  Diagnostic diagnostic;
  std::string commit;   // the commit concerned, if any (full hash)
  std::string author;   // "name <email>"
  std::optional<Date> date;
};

struct RetentionReport {
  Date today;
  std::string location;  // policy.retention.location
  bool from_record_date = false;  // policy: counted from each record's date, not the end of its year
  int years = 1;
  std::vector<RetentionGroup> groups;
  bool history_checked = false;
  std::string history_notice;  // why history was not checked
  std::size_t commits = 0;
  std::vector<RetentionFinding> findings;  // every finding is a violation
};

// Checks `store` (loaded from `root`) as of `today`; `history` is the store's
// commits (read_history), or nullopt when there is no git history.
RetentionReport retention_check(const Store& store, const std::optional<std::vector<Commit>>& history, const Date& today);

// The retention end of the record loaded from `path` under `policy`: from
// the end of its year, or (retention.from: record-date) from the date it
// states — updated, date or reported — the same day `years` later.
Date retention_until(const Store& store, const std::string& path, const Policy& policy);

}  // namespace isms

// isms-obj set: create or revise a unit's setting table (ISMS-P-005-01),
// §5.2 carry-forward and §5.5.3 revisions.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "isms/base/diagnostic.h"
#include "isms/base/status.h"
#include "isms/format/tree.h"
#include "isms/format/yaml.h"
#include "isms/ops/transaction.h"
#include "isms/rules/lifecycle.h"

namespace isms {

// The objective field a name or form label stands for ("目標值" → "target",
// store/columns.h); kShownColumn for a column read and left out; empty when
// unknown. q1..q4 name quarter targets.
std::string objective_field(std::string_view name);

// An objective mapping from text fields, typed as the setting schema expects:
// numbers for last_year_actual, precision and targets ("99.5..100" is a
// range), a list for actions (split at newlines and semicolons), text for
// the rest. Empty texts leave a field out (last_year_actual becomes null).
YamlNode objective_node(const std::vector<FieldText>& fields, Mark at);

// Objectives from CSV with a header row of field names or form labels, one
// row per objective. Unknown columns and malformed rows are reported with
// their line; returns false then.
bool objectives_from_csv(std::string_view bytes, const std::string& file, std::vector<YamlNode>* out,
                         Diagnostics& diags);
// The same from an xlsx workbook: the sheet named `sheet`, else the one
// whose header row names objective fields (format/sheet.h).
bool objectives_from_xlsx(std::string_view bytes, const std::string& file, const std::string& sheet,
                          std::vector<YamlNode>* out, Diagnostics& diags);

struct SetRequest : WriteRequest {
  int year = 0;
  std::string unit;
  std::string input;                  // the file objectives came from; empty: the command line
  std::vector<YamlNode> objectives;   // each added, or merged field by field into the one with its id
  std::optional<YamlNode> table;      // a whole table (--from FILE.yaml) replacing the content
  std::optional<std::string> compiled_by, supervisor, note;
  std::optional<TableStatus> status;
  std::optional<int> from_year;       // draft this year's table from that year's (carry-forward)
};

struct SetOutcome {
  std::string path;
  bool created = false;
  bool changed = false;
  int revision = 0;
  TableState state = TableState::Missing;
  std::vector<std::string> added, updated;  // objective ids
  int other_rows = 0;  // rows of a sheet naming another year or unit (a report's export of many tables)
  std::string hand_edit;   // refused because a person wrote the file: what to change by hand
  std::string carry_note;  // carry-forward: what last year's actuals cover
  std::string previous_lock_holder;
};

// Writes units/<unit>/<year>/setting.yaml. A change to a revision the CISO
// has already decided on raises the revision (the decided one stays in
// force until approved again). Refuses (InvalidArgument, nothing written)
// when the result would be invalid — `diags` then holds its problems, under
// `input` — or when the existing file was written by a person, whose
// comments and layout would be lost; `hand_edit` then says what to change.
// Writing what is already there writes nothing and succeeds.
Status set_table(Env& env, const std::filesystem::path& root, const SetRequest& request, SetOutcome* outcome,
                 Diagnostics& diags);

}  // namespace isms

// isms-obj record-quarter: a quarter's results (ISMS-P-005-02 實績, §5.5.1).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "isms/base/diagnostic.h"
#include "isms/base/status.h"
#include "isms/format/tree.h"
#include "isms/ops/transaction.h"
#include "isms/rules/measure.h"

namespace isms {

// One result to record, as text fields (from options, a CSV row or a YAML
// mapping): year, quarter, unit, objective, actual, numerator, denominator,
// variance, reported_by, reported — or the form's labels (年度, 季別, 實績,
// 差異說明, 報告人, …). Fields left out take the request's defaults.
struct ResultRow {
  Mark at;  // where the row is in its input (line 0: the command line)
  std::vector<FieldText> fields;
};

// The result field a name or form label stands for (store/columns.h);
// kShownColumn for a column read and left out; empty when unknown.
std::string result_field(std::string_view name);

// Rows from CSV with a header row, or from YAML (a list of mappings, or one
// mapping). Unknown columns and malformed input are reported with their line.
bool result_rows_from_csv(std::string_view bytes, const std::string& file, std::vector<ResultRow>* out,
                          Diagnostics& diags);
bool result_rows_from_yaml(std::string_view bytes, const std::string& file, std::vector<ResultRow>* out,
                           Diagnostics& diags);
// Rows from an xlsx workbook: the sheet named `sheet`, else the one whose
// header row names result fields (format/sheet.h); lines are row numbers.
bool result_rows_from_xlsx(std::string_view bytes, const std::string& file, const std::string& sheet,
                           std::vector<ResultRow>* out, Diagnostics& diags);

struct RecordRequest : WriteRequest {
  std::string input;  // the file rows came from; empty: the command line
  std::vector<ResultRow> rows;
  // Defaults for fields a row leaves out.
  std::optional<int> year, quarter;
  std::string unit, objective, reporter, reporter_email;
  std::optional<Date> reported;  // default: today
  bool amend = false;
  std::string reason;  // required with amend
  bool dry_run = false;
};

struct RecordedRow {
  enum class Action { Recorded, Amended, Unchanged } action = Action::Recorded;
  std::string path;
  int year = 0, quarter = 0;
  std::string unit, objective;
  QuarterOutcome outcome;  // judged with this result in place
  Comparison comparison = Comparison::AtLeast;
  std::optional<Decimal> numerator, denominator;
};

struct RecordOutcome {
  std::vector<RecordedRow> rows;
  std::vector<int> skipped;  // input lines of rows without anything to record
  std::string previous_lock_holder;
};

// Records every row or none. Each row's objective must be in force for its
// quarter (an approved revision); a result that leaves the quarter not met
// needs a variance explanation (差異說明); a quarter already recorded with
// other values is refused unless `amend` with a `reason`, which writes an
// amendment beside the original (the earlier value stays on record).
// Recording again what is on record changes nothing. Problems are reported
// at their input line and nothing is written (InvalidArgument).
Status record_results(Env& env, const std::filesystem::path& root, const RecordRequest& request, RecordOutcome* outcome,
                      Diagnostics& diags);

}  // namespace isms

// The one vocabulary of the office tables: every column of a results sheet
// (form 005-02) and of an objectives sheet (form 005-01), with the record
// field it fills, the command-line option that gives the same value, and its
// headings on the zh-TW and English exports. Imports (record-quarter --from,
// set --from) read any of these names; exports (report --format csv|xlsx)
// write the headings; docs/formats.md lists the table. So what `report`
// exports imports back unchanged.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "isms/store/model.h"

namespace isms {

enum class ColumnUse : std::uint8_t {
  Field,     // fills `field`
  Fallback,  // fills `field` only when no Field column for it is present (an objective by its item)
  Shown,     // computed or shown for the reader (目標值 on a results sheet, 累計, 達成情形): read and left out
};

struct Column {
  std::string_view field;    // the record field (Field, Fallback); what it shows (Shown)
  std::string_view option;   // the command-line option giving the same value, or empty
  std::string_view zh, en;   // headings on the exports
  std::string_view also;     // other names an import accepts, '|'-separated
  ColumnUse use = ColumnUse::Field;
  std::string_view help;     // what the column holds (docs and option help)
};

// What result_field / objective_field (ops) say of a Shown column.
inline constexpr std::string_view kShownColumn = "-";

// The columns of a results sheet (one row per objective and quarter) and of
// an objectives sheet (one row per objective of a unit's table), in the
// exports' order.
std::span<const Column> result_columns();
std::span<const Column> objective_columns();

// The column `name` stands for: its field id, its option (with or without
// the dashes), or a heading or other name, compared after NFKC and trimming
// (full-width brackets, ASCII case); nullptr when none.
const Column* find_column(std::span<const Column> columns, std::string_view name);
// The field a column name stands for: its `field` (Field, Fallback),
// kShownColumn (Shown), or empty when `name` is no column of `columns`.
std::string column_field(std::span<const Column> columns, std::string_view name);
// The Field column of `field`; nullptr when none.
const Column* column_of(std::span<const Column> columns, std::string_view field);
// The heading an export writes in `language`.
std::string_view heading(const Column& c, Language language);

}  // namespace isms

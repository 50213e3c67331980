#include "isms/ops/set.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "isms/base/i18n.h"
#include "isms/base/text.h"
#include "isms/format/csv.h"
#include "isms/format/office.h"
#include "isms/format/sheet.h"
#include "isms/format/digest.h"
#include "isms/format/tree.h"
#include "isms/rules/measure.h"
#include "isms/rules/validate.h"
#include "isms/store/columns.h"
#include "isms/store/emit.h"
#include "isms/store/store.h"

namespace isms {

namespace fs = std::filesystem;

namespace {

// Keys objective_node keeps for set_table: the table a row says it is of.
constexpr const char* kRowYear = "\x01year";
constexpr const char* kRowUnit = "\x01unit";

// A number cell as office spreadsheets write it (format/office.h), else as written.
YamlNode office_number_node(const std::string& text, Mark at) {
  const auto n = office_number(text);
  return number_or_text(n ? n->text : text, at);
}

// "90" → 90; "95%" → 95; "99.5..100", "99.5~100" → {min: 99.5, max: 100}
YamlNode target_node(const std::string& text, Mark at) {
  std::size_t dots = text.find(".."), width = 2;
  for (std::string_view sep : {"~", "～"}) {
    if (dots == std::string::npos && text.find(sep) != std::string::npos) {
      dots = text.find(sep);
      width = sep.size();
    }
  }
  if (dots == std::string::npos) return office_number_node(text, at);
  YamlNode m;
  m.kind = YamlNode::Kind::Map;
  m.mark = at;
  set_key(m, "min", office_number_node(trim(text.substr(0, dots)), at), at);
  set_key(m, "max", office_number_node(trim(text.substr(dots + width)), at), at);
  return m;
}

// A target cell that starts with its comparison, as forms often write it
// ("≥ 95%", "<=2"): the comparison, and the rest.
std::pair<std::optional<std::string>, std::string> split_comparison(const std::string& text) {
  const std::string normal = compatibility_form(text);
  for (std::size_t len : {std::size_t{2}, std::size_t{3}, std::size_t{1}}) {
    if (normal.size() <= len) continue;
    if (const auto c = office_comparison(normal.substr(0, len)); c && *c != "range") {
      return {c, trim(normal.substr(len))};
    }
  }
  return {std::nullopt, text};
}

YamlNode actions_node(const std::string& text, Mark at) {
  YamlNode seq;
  seq.kind = YamlNode::Kind::Seq;
  seq.mark = at;
  std::string part;
  auto flush = [&] {
    if (auto t = trim(part); !t.empty()) seq.children.push_back(make_scalar(YamlNode::Kind::String, t, at));
    part.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == ';') {
      flush();
    } else if (text.compare(i, 3, "；") == 0) {
      flush();
      i += 2;
    } else {
      part += text[i];
    }
  }
  flush();
  return seq;
}

const YamlNode* objective_id(const YamlNode& o) {
  const YamlNode* id = o.find("id");
  return id && id->kind == YamlNode::Kind::String ? id : nullptr;
}

// Merges `incoming` into `objectives`, field by field into the objective
// with the same id, or appended.
void merge_objective(YamlNode& objectives, const YamlNode& incoming, SetOutcome* out) {
  const YamlNode* id = objective_id(incoming);
  for (auto& o : objectives.children) {
    const YamlNode* existing_id = objective_id(o);
    if (id && existing_id && existing_id->text == id->text) {
      for (std::size_t i = 0; i < incoming.keys.size(); ++i) {
        set_key(o, incoming.keys[i], incoming.children[i], incoming.key_marks[i]);
      }
      out->updated.push_back(id->text);
      return;
    }
  }
  objectives.children.push_back(incoming);
  if (id) out->added.push_back(id->text);
}

YamlNode new_table_tree(int year, const std::string& unit) {
  YamlNode t;
  t.kind = YamlNode::Kind::Map;
  set_key(t, "kind", make_scalar(YamlNode::Kind::String, "setting", {}), {});
  set_key(t, "year", make_scalar(YamlNode::Kind::Number, std::to_string(year), {}), {});
  set_key(t, "unit", make_scalar(YamlNode::Kind::String, unit, {}), {});
  set_key(t, "revision", make_scalar(YamlNode::Kind::Number, "1", {}), {});
  set_key(t, "status", make_scalar(YamlNode::Kind::String, "draft", {}), {});
  YamlNode objectives;
  objectives.kind = YamlNode::Kind::Seq;
  set_key(t, "objectives", std::move(objectives), {});
  return t;
}

YamlNode* objectives_of(YamlNode& table) {
  for (std::size_t i = 0; i < table.keys.size(); ++i) {
    if (table.keys[i] == "objectives" && table.children[i].is_seq()) return &table.children[i];
  }
  return nullptr;
}

std::string hand_edit_text(const std::string& path, const SettingTable& before, const SettingTable& after,
                           const SetOutcome& out) {
  std::string s = trf(
      "{} was written or edited by a person; isms-obj does not rewrite it, because its comments and layout "
      "would be lost.\nEdit it by hand instead:\n",
      path);
  if (after.revision != before.revision) s += trf("  - set 'revision: {}'\n", after.revision);
  if (after.updated && after.updated != before.updated) {
    s += trf("  - set 'updated: \"{}\"'\n", after.updated->iso());
  }
  if (after.status != before.status) {
    s += trf("  - set 'status: {}'\n", to_string(after.status));
  }
  if (after.compiled_by != before.compiled_by) s += trf("  - set 'compiled_by: {}'\n", after.compiled_by);
  if (after.supervisor != before.supervisor) s += trf("  - set 'supervisor: {}'\n", after.supervisor);
  if (after.note != before.note && !after.note.empty()) s += trf("  - set 'note: {}'\n", emit_scalar(after.note));
  for (const auto& id : out.updated) {
    if (const Objective* o = after.objective(id)) {
      s += trf("  - replace objective '{}' with:\n{}", id, emit_objective(*o, false));
    }
  }
  for (const auto& id : out.added) {
    if (const Objective* o = after.objective(id)) {
      s += trf("  - add under 'objectives:':\n{}", emit_objective(*o, false));
    }
  }
  s += tr("then run 'isms-obj validate'.\n");
  return s;
}

}  // namespace

std::string objective_field(std::string_view name) { return column_field(objective_columns(), name); }

YamlNode objective_node(const std::vector<FieldText>& fields, Mark at) {
  YamlNode o;
  o.kind = YamlNode::Kind::Map;
  o.mark = at;
  YamlNode quarter_targets;
  quarter_targets.kind = YamlNode::Kind::Map;
  quarter_targets.mark = at;
  for (const auto& f : fields) {
    const Column* c = find_column(objective_columns(), f.name);
    const std::string text = trim(f.text);
    if (!c) continue;
    const std::string field(c->field);
    // Of the columns shown for the reader, the table's year and unit stay
    // (kRowYear, kRowUnit) to pick a workbook's rows for this table.
    if (c->use == ColumnUse::Shown) {
      if ((field == "year" || field == "executing_unit") && !text.empty()) {
        set_key(o, field == "year" ? kRowYear : kRowUnit, make_scalar(YamlNode::Kind::String, text, f.mark), f.mark);
      }
      continue;
    }
    if (text.empty()) {
      if (field == "last_year_actual") set_key(o, field, make_scalar(YamlNode::Kind::Null, "", f.mark), f.mark);
      continue;
    }
    if (field == "q1" || field == "q2" || field == "q3" || field == "q4") {
      set_key(quarter_targets, field, target_node(split_comparison(text).second, f.mark), f.mark);
    } else if (field == "target") {
      auto [comparison, value] = split_comparison(text);
      const bool range = value.find("..") != std::string::npos || value.find('~') != std::string::npos ||
                         value.find("～") != std::string::npos;
      if (!comparison && range) comparison = "range";
      if (comparison && !o.find("comparison")) {
        set_key(o, "comparison", make_scalar(YamlNode::Kind::String, *comparison, f.mark), f.mark);
      }
      set_key(o, field, target_node(value, f.mark), f.mark);
    } else if (field == "comparison") {
      const auto cmp = office_comparison(text);
      set_key(o, field, make_scalar(YamlNode::Kind::String, cmp ? *cmp : text, f.mark), f.mark);
    } else if (field == "last_year_actual" || field == "last_year_through" || field == "precision") {
      set_key(o, field, office_number_node(text, f.mark), f.mark);
    } else if (field == "actions") {
      set_key(o, field, actions_node(f.text, f.mark), f.mark);
    } else {
      set_key(o, field, make_scalar(YamlNode::Kind::String, text, f.mark), f.mark);
    }
  }
  if (!quarter_targets.keys.empty()) set_key(o, "quarter_targets", std::move(quarter_targets), at);
  return o;
}

namespace {

bool known_objective_field(std::string_view h) { return !objective_field(h).empty(); }

bool objectives_from_rows(const std::vector<NamedRow>& rows, bool ok, const std::string& file,
                          std::vector<YamlNode>* out, Diagnostics& diags);

}  // namespace

bool objectives_from_csv(std::string_view bytes, const std::string& file, std::vector<YamlNode>* out,
                         Diagnostics& diags) {
  std::vector<NamedRow> rows;
  const bool ok = read_named_rows(bytes, file, known_objective_field, "objectives", &rows, diags);
  return objectives_from_rows(rows, ok, file, out, diags);
}

bool objectives_from_xlsx(std::string_view bytes, const std::string& file, const std::string& sheet,
                          std::vector<YamlNode>* out, Diagnostics& diags) {
  std::vector<CsvRow> cells;
  if (!table_of_xlsx(bytes, file, sheet, known_objective_field, &cells, diags)) return false;
  std::vector<NamedRow> rows;
  const bool ok = named_rows(std::move(cells), file, known_objective_field, "objectives", &rows, diags);
  return objectives_from_rows(rows, ok, file, out, diags);
}

namespace {

bool objectives_from_rows(const std::vector<NamedRow>& rows, bool ok, const std::string& file,
                          std::vector<YamlNode>* out, Diagnostics& diags) {
  bool has_id = false;
  if (!rows.empty()) {
    for (const auto& [name, cell] : rows.front().cells) has_id = has_id || objective_field(name) == "id";
  }
  if (ok && !has_id) {
    diags.report(DiagCode::InputUnknownColumn, file, {1, 1}, "the table needs an 'id' (代號) column: each objective's id, lowercase letters, digits and '-'");
    return false;
  }
  for (const auto& row : rows) {
    std::vector<FieldText> cells;
    for (const auto& [name, cell] : row.cells) cells.push_back({name, cell, row.at});
    out->push_back(objective_node(cells, row.at));
  }
  return ok;
}

}  // namespace

Status set_table(Env& env, const fs::path& root, const SetRequest& req, SetOutcome* out, Diagnostics& diags) {
  WriteTransaction tx;
  LoadScope scope{{req.year}, {req.unit}};
  if (req.from_year) scope.years.insert(*req.from_year);
  if (Status s = tx.begin(env, root, req, scope, &out->previous_lock_holder, diags); !s.is_ok()) return s;
  Store& store = tx.store();
  if (!store.config->unit(req.unit)) return refuse(trf("unit '{}' is not in {}", req.unit, kConfigFileName));
  RecordPath where;
  where.kind = RecordKind::Setting;
  where.year = req.year;
  where.unit = req.unit;
  const std::string rel = record_path(where);
  out->path = rel;
  const SettingTable* existing = store.setting(req.year, req.unit);
  diags.append(tx.errors_in(rel));
  if (diags.has_errors() || (!existing && tx.exists(rel))) {
    return refuse(trf("{} has problems; fix them (isms-obj validate) before changing it", rel));
  }

  // The candidate tree: what the table becomes.
  YamlNode candidate;
  if (req.table) {
    candidate = *req.table;
  } else if (existing) {
    candidate = *store.tree(existing->file);
  } else if (req.from_year) {
    const SettingTable* source = store.setting(*req.from_year, req.unit);
    if (!source) {
      return refuse(trf("unit '{}' has no setting table for {} to carry forward", req.unit, *req.from_year));
    }
    candidate = *store.tree(source->file);
    const Approval* in_force = in_force_for_quarter(store, *req.from_year, req.unit, 4);
    int covered = 4;
    YamlNode* objs = objectives_of(candidate);
    for (std::size_t i = 0; objs && i < objs->children.size(); ++i) {
      const Objective& o = source->objectives[i];
      const Objective* def = &o;
      if (in_force) {
        for (const auto& snap : in_force->approved) {
          if (snap.id == o.id) def = &snap;
        }
      }
      const Cumulative c = cumulative(store, *def, *req.from_year, req.unit, 4);
      covered = std::min(covered, c.last_quarter);
      set_key(objs->children[i], "last_year_actual",
              c.value ? make_scalar(YamlNode::Kind::Number, c.value->to_string(), {}) : make_scalar(YamlNode::Kind::Null, "", {}),
              {});
      // The period the figure covers travels with it (docs/lifecycle.md, 去年實績).
      if (c.value) {
        set_key(objs->children[i], "last_year_through",
                make_scalar(YamlNode::Kind::Number, std::to_string(c.last_quarter), {}), {});
      }
    }
    set_key(candidate, "year", make_scalar(YamlNode::Kind::Number, std::to_string(req.year), {}), {});
    set_key(candidate, "revision", make_scalar(YamlNode::Kind::Number, "1", {}), {});
    set_key(candidate, "status", make_scalar(YamlNode::Kind::String, "draft", {}), {});
    set_key(candidate, "carried_from", make_scalar(YamlNode::Kind::Number, std::to_string(*req.from_year), {}), {});
    out->carry_note =
        covered >= 4
            ? trf("last_year_actual is each objective's {} cumulative through Q4", *req.from_year)
            : trf("last_year_actual is each objective's {} cumulative through Q{} at the latest (no later "
                          "results yet; last_year_through says which); reports show the complete year from the "
                          "records once it is in, so the table need not change",
                          *req.from_year, covered);
    // The note lands in the table itself, so it speaks the store's language.
    const std::string note =
        store.config->language == Language::En
            ? trf("Draft carried forward from {} on {}: {}. Review every target before submitting.",
                          *req.from_year, req.today.iso(), out->carry_note)
            : fmt::format("由{}年度結轉之草稿（{}）：去年實績為{}年度{}。送核前請逐項檢討目標值。", *req.from_year,
                          req.today.iso(), *req.from_year,
                          covered >= 4 ? std::string("全年累計")
                                       : fmt::format("累計至第{}季之值（last_year_through），全年實績確定後報表依紀錄呈現全年值，本表無須修改", covered));
    set_key(candidate, "note", make_scalar(YamlNode::Kind::String, note, {}), {});
  } else {
    candidate = new_table_tree(req.year, req.unit);
  }
  if (req.from_year && existing) {
    return refuse(trf("{} already exists; carry-forward only drafts a new table", rel));
  }

  set_key(candidate, "year", make_scalar(YamlNode::Kind::Number, std::to_string(req.year), {}), {});
  set_key(candidate, "unit", make_scalar(YamlNode::Kind::String, req.unit, {}), {});
  if (req.compiled_by) set_key(candidate, "compiled_by", make_scalar(YamlNode::Kind::String, *req.compiled_by, {}), {});
  if (req.supervisor) set_key(candidate, "supervisor", make_scalar(YamlNode::Kind::String, *req.supervisor, {}), {});
  if (req.note) {
    if (req.note->empty()) {
      erase_key(candidate, "note");
    } else {
      set_key(candidate, "note", make_scalar(YamlNode::Kind::String, *req.note, {}), {});
    }
  }
  if (req.status) {
    set_key(candidate, "status",
            make_scalar(YamlNode::Kind::String, std::string(to_string(*req.status)), {}), {});
  }
  if (YamlNode* objs = objectives_of(candidate)) {
    for (YamlNode o : req.objectives) {
      // A sheet of many tables (a report's 005-01 export): this table's rows.
      const YamlNode* row_year = o.find(kRowYear);
      const YamlNode* row_unit = o.find(kRowUnit);
      const auto year_of_row = row_year ? office_year(row_year->text) : std::nullopt;
      const Unit* unit_of_row = !row_unit                              ? nullptr
                                : store.config->unit(row_unit->text) ? store.config->unit(row_unit->text)
                                                                       : store.config->unit_named(row_unit->text);
      if ((row_year && year_of_row != req.year) || (row_unit && (!unit_of_row || unit_of_row->id != req.unit))) {
        ++out->other_rows;
        continue;
      }
      erase_key(o, kRowYear);
      erase_key(o, kRowUnit);
      // People and departments as a spreadsheet names them.
      for (std::size_t i = 0; i < o.keys.size(); ++i) {
        YamlNode& v = o.children[i];
        if (v.kind != YamlNode::Kind::String) continue;
        if (o.keys[i] == "owner" && !store.config->person(v.text)) {
          if (const Person* p = store.config->person_named(v.text)) v.text = p->id;
        } else if (o.keys[i] == "department" && !store.config->unit(v.text)) {
          if (const Unit* u = store.config->unit_named(v.text)) v.text = u->id;
        }
      }
      merge_objective(*objs, o, out);
    }
  }
  // What a new table or a new objective still lacks, all in one refusal,
  // named as the input names it: an option, or a column.
  {
    struct Need {
      std::string_view field, option, label;
    };
    static constexpr Need kTable[] = {{"compiled_by", "--compiled-by", "編訂者"}, {"supervisor", "--supervisor", "權責主管"}};
    // A new objective's required fields, named as the vocabulary names them.
    static constexpr const char* kObjective[] = {"item",        "comparison", "target", "unit",   "precision",
                                                 "aggregation", "department", "owner",  "method", "data_source"};
    const bool options = req.input.empty();
    const auto named = [&](const Need& n) {
      return options ? fmt::format("{} ({})", n.option, n.label) : fmt::format("{} ({})", n.field, n.label);
    };
    std::vector<std::string> lacking;
    if (!existing) {
      for (const auto& n : kTable) {
        if (!candidate.find(n.field)) lacking.push_back(named(n));
      }
    }
    // Rows of a file are checked with their lines instead (below).
    if (const YamlNode* objs = options ? objectives_of(candidate) : nullptr) {
      for (const auto& o : objs->children) {
        const YamlNode* id = objective_id(o);
        if (!id || std::find(out->added.begin(), out->added.end(), id->text) == out->added.end()) continue;
        std::vector<std::string> fields;
        for (const char* f : kObjective) {
          const Column* c = column_of(objective_columns(), f);
          if (c && !o.find(f)) fields.push_back(named(Need{f, c->option, c->zh}));
        }
        if (!fields.empty()) {
          std::string list;
          for (const auto& f : fields) list += (list.empty() ? "" : ", ") + f;
          lacking.push_back(trf("for the new objective '{}': {}", id->text, list));
        }
      }
    }
    if (!lacking.empty()) {
      std::string list;
      for (const auto& l : lacking) list += (list.empty() ? "" : "; ") + l;
      return refuse(trf("{} still needs {} — give {} (docs/cli.md, isms-obj set)",
                                existing ? rel : trf("a new table {}", rel), list,
                                options ? tr("these options") : tr("these columns")));
    }
  }

  // Revision: changing content the CISO has decided on starts a new revision.
  const std::string digest_before = existing ? existing->digest : std::string();
  if (existing && setting_digest(candidate) != digest_before) {
    int decided = 0;
    for (const Approval* a : store.approvals_for(req.year, req.unit)) decided = std::max(decided, a->revision);
    int revision = existing->revision;
    if (const YamlNode* r = candidate.find("revision"); r && r->kind == YamlNode::Kind::Number) {
      revision = std::max(revision, std::atoi(r->text.c_str()));
    }
    if (decided >= revision) revision = decided + 1;
    set_key(candidate, "revision", make_scalar(YamlNode::Kind::Number, std::to_string(revision), {}), {});
  }
  set_key(candidate, "updated", make_scalar(YamlNode::Kind::String, req.today.iso(), {}), {});

  // Keep the existing text when nothing but the date would change.
  bool machine_written = false;
  if (existing) {
    if (Status s = tx.machine_written(rel, *existing, &machine_written); !s.is_ok()) return s;
    YamlNode same = candidate;
    const YamlNode& before = *store.tree(existing->file);
    if (const YamlNode* u = before.find("updated")) set_key(same, "updated", *u, {});
    else erase_key(same, "updated");
    if (canonical_json(same) == canonical_json(before)) {
      out->revision = existing->revision;
      out->state = table_status(store, req.year, req.unit).state;
      out->added.clear();
      out->updated.clear();
      return Status::ok();
    }
  }

  // Check the candidate exactly as validate will check the written file.
  const SettingTable before_model = existing ? *existing : SettingTable{};
  Diagnostics candidate_diags;
  tx.check_tree(rel, candidate, candidate_diags);
  candidate_diags.append(tx.check_rules());
  candidate_diags.finish();
  relabel(candidate_diags, rel, req.input, diags);
  if (diags.has_errors()) {
    return refuse(trf("nothing was written: the table would have {} problem{}", diags.error_count(),
                              diags.error_count() == 1 ? "" : "s"));
  }
  const SettingTable* after = store.setting(req.year, req.unit);
  if (!after) return Status::io_error("internal error: the new table did not load");
  if (existing && !machine_written) {
    out->hand_edit = hand_edit_text(rel, before_model, *after, *out);
    return refuse(trf("{} was written by a person and is left as it is", rel));
  }
  Diagnostics round_trip;
  if (!tx.put(rel, SettingTable(*after), round_trip)) {
    return unwritable(round_trip, rel, diags);
  }
  if (Status s = tx.commit(); !s.is_ok()) return s;
  out->created = !existing;
  out->changed = true;
  const TableLifecycle now = table_status(store, req.year, req.unit);
  out->revision = now.table ? now.table->revision : 0;
  out->state = now.state;
  return Status::ok();
}

}  // namespace isms

// isms-obj set: create or revise a unit's setting table (ISMS-P-005-01).
#include <ostream>

#include <fmt/format.h>

#include "context.h"
#include "isms/base/i18n.h"
#include "isms/render/diagnostics.h"
#include "isms/ops/set.h"
#include "isms/render/outcome.h"

namespace cli {

namespace {

struct SetCommand {
  int year = 0;
  std::string unit;
  std::string from, encoding = "auto", sheet;
  std::optional<int> from_year;
  std::optional<std::string> compiled_by, supervisor, note;
  bool submit = false, draft = false;
  double lock_timeout = 10;
  // one objective, by the form's columns
  std::vector<std::pair<std::string, std::string>> fields;
  std::vector<std::string> actions;
  std::string format = "text";
};

bool ends_with(const std::string& s, std::string_view e) {
  return s.size() >= e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0;
}

// Reads --from FILE: a CSV of objectives or a whole YAML table.
int read_input(const Context& ctx, const SetCommand& opt, const std::string& path, isms::SetRequest* req,
               isms::Diagnostics& diags) {
  std::string bytes;
  // A workbook is a zip, read as bytes; text is read in its encoding.
  if (int rc = read_input_file(ctx, path, ends_with(path, ".xlsx") ? "" : opt.encoding, &bytes); rc != kOk) return rc;
  req->input = path;
  if (ends_with(path, ".xlsx")) {
    return isms::objectives_from_xlsx(bytes, path, opt.sheet, &req->objectives, diags) ? kOk : kUsage;
  }
  if (ends_with(path, ".csv")) {
    return isms::objectives_from_csv(bytes, path, &req->objectives, diags) ? kOk : kUsage;
  }
  if (ends_with(path, ".yaml") || ends_with(path, ".yml")) {
    auto tree = isms::parse_yaml(bytes, path, diags);
    if (!tree || diags.has_errors()) return kUsage;
    isms::SchemaValidator validator;
    if (!validator.validate(isms::RecordKind::Setting, *tree, path, diags)) return kUsage;
    req->table = std::move(*tree);
    return kOk;
  }
  return report_status(ctx, isms::Status::invalid_argument("--from takes a .xlsx, .csv or .yaml file: " + path));
}

int run(const Context& ctx, const SetCommand& opt) {
  std::filesystem::path root;
  if (auto s = ctx.store_root(&root); !s.is_ok()) return report_status(ctx, s);
  isms::SetRequest req;
  req.year = opt.year;
  req.unit = opt.unit;
  req.from_year = opt.from_year;
  req.compiled_by = opt.compiled_by;
  req.supervisor = opt.supervisor;
  req.note = opt.note;
  if (opt.submit) req.status = isms::TableStatus::Submitted;
  if (opt.draft) req.status = isms::TableStatus::Draft;
  req.today = ctx.today();
  req.write = write_options(ctx, "set", opt.lock_timeout);

  isms::Diagnostics diags;
  if (!opt.from.empty()) {
    if (int rc = read_input(ctx, opt, opt.from, &req, diags); rc != kOk) {
      diags.finish();
      for (const auto& d : diags.items()) *ctx.err << isms::render_text(d, d.file) << '\n';
      if (diags.has_errors()) *ctx.err << isms::tr("isms-obj: error: ") << opt.from << isms::tr(" was rejected; nothing was written\n");
      return kUsage;
    }
  }
  if (!opt.fields.empty() || !opt.actions.empty()) {
    std::vector<isms::FieldText> fields;
    for (const auto& [name, value] : opt.fields) fields.push_back({name, value, {}});
    std::string actions;
    for (const auto& a : opt.actions) actions += a + "\n";
    if (!actions.empty()) fields.push_back({"actions", actions, {}});
    req.objectives.push_back(isms::objective_node(fields, {}));
  }

  isms::SetOutcome out;
  const isms::Status s = isms::set_table(*ctx.env, root, req, &out, diags);
  if (!out.hand_edit.empty()) *ctx.err << out.hand_edit;
  if (int rc = report_write(ctx, root, s, diags, out.previous_lock_holder); rc != kOk) return rc;

  if (opt.format == "json") *ctx.out << isms::set_report_json(out);
  if (!text_report(ctx, opt.format)) return kOk;
  std::ostream& o = *ctx.out;
  const std::string path = ctx.display(root, out.path);
  if (!out.changed) {
    o << isms::trf("{}: no change (revision {}, {})\n", path, out.revision, isms::to_string(out.state));
    return kOk;
  }
  o << fmt::format("{} {} (revision {})\n", out.created ? "created" : "updated", path, out.revision);
  auto list = [&](const char* what, const std::vector<std::string>& ids) {
    if (ids.empty()) return;
    std::string joined;
    for (const auto& id : ids) joined += (joined.empty() ? "" : ", ") + id;
    o << fmt::format("  {}: {}\n", what, joined);
  };
  list("added", out.added);
  list("updated", out.updated);
  if (out.other_rows > 0) {
    o << isms::trf("  {} row{} of other tables left out (their 年度 or 目標執行單位 is not {} {})\n", out.other_rows,
                     out.other_rows == 1 ? "" : "s", opt.year, opt.unit);
  }
  if (!out.carry_note.empty()) o << "  " << out.carry_note << '\n';
  o << fmt::format("state: {}\n", isms::to_string(out.state));
  return kOk;
}

}  // namespace

void register_set(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<SetCommand>();
  CLI::App* sub = app.add_subcommand("set", isms::tr("Create or revise a unit's objective setting table (ISMS-P-005-01)"));
  sub->add_option("--year", opt->year, isms::tr("Year the objectives are for"))->required()->check(CLI::Range(2000, 2200))->type_name("YEAR");
  sub->add_option("--unit", opt->unit, isms::tr("Unit id"))->required()->type_name("UNIT");
  sub->add_option("--from", opt->from, isms::tr("Objectives from a CSV file (header row) or a whole table from a YAML file"))
      ->check(CLI::ExistingFile)
      ->type_name("FILE");
  sub->add_option("--sheet", opt->sheet, isms::tr("The sheet of an .xlsx --from (default: the one whose header row names objective columns)"))->type_name("NAME");
  add_encoding(sub, &opt->encoding);
  sub->add_option("--from-year", opt->from_year,
                  isms::tr("Draft the table from that year's, with last year's actuals from its results (§5.2)"))->type_name("YEAR");
  sub->add_option("--compiled-by", opt->compiled_by, isms::tr("編訂者: who compiled the table (person id)"))->type_name("PERSON");
  sub->add_option("--supervisor", opt->supervisor, isms::tr("權責主管: the head responsible for it (person id)"))->type_name("PERSON");
  sub->add_option("--note", opt->note, isms::tr("Reason for this revision, or other remarks (empty removes it)"));
  sub->add_flag("--submit", opt->submit, isms::tr("Submit the table for the CISO's approval (status: submitted)"));
  sub->add_flag("--draft", opt->draft, isms::tr("Mark the table as a draft"))->excludes("--submit");
  // `type` names what the value is; the shell completions complete UNIT,
  // PERSON, YEAR and OBJECTIVE from the store.
  auto field = [&](const char* name, const char* key, const char* help, const char* type = "TEXT") {
    sub->add_option_function<std::string>(name, [opt, key](const std::string& v) { opt->fields.emplace_back(key, v); },
                                           help)
        ->type_name(type)
        ->group(isms::tr("Objective (one per call; merged into the objective with the same id)"));
  };
  field("--objective", "id", isms::tr("Objective id (lowercase letters, digits, -)"), "OBJECTIVE");
  field("--item", "item", isms::tr("目標(量測)項目: what is measured"));
  field("--last-year-actual", "last_year_actual", isms::tr("去年實績: last year's actual"));
  field("--comparison", "comparison", isms::tr("'>=', '<=' or range"));
  field("--target", "target", isms::tr("目標值: a number, or MIN..MAX for range"));
  field("--measure-unit", "unit", isms::tr("percent, count, hours, minutes, days or score"));
  field("--precision", "precision", isms::tr("Decimal places results are rounded to before comparing (0-4)"));
  field("--aggregation", "aggregation", isms::tr("How the cumulative forms: sum, ratio, mean, last, max, min"));
  field("--numerator", "numerator", isms::tr("Ratio: what the numerator counts"));
  field("--denominator", "denominator", isms::tr("Ratio: what the denominator counts"));
  field("--q1", "q1", isms::tr("Target for the cumulative at the end of Q1"));
  field("--q2", "q2", isms::tr("Target for the cumulative at the end of Q2"));
  field("--q3", "q3", isms::tr("Target for the cumulative at the end of Q3"));
  field("--q4", "q4", isms::tr("Target for the cumulative at the end of Q4"));
  field("--department", "department", isms::tr("負責部門: the department responsible (unit id)"), "UNIT");
  field("--owner", "owner", isms::tr("負責人員: the person responsible (person id)"), "PERSON");
  field("--method", "method", isms::tr("量測方式/計算公式: how it is measured or computed"));
  field("--resources", "resources", isms::tr("所需資源: the resources it needs"));
  field("--data-source", "data_source", isms::tr("檢討依據(資料來源): the data it is reviewed against"));
  sub->add_option("--action", opt->actions, isms::tr("具體執行項目: an action planned (repeat for each)"))
      ->group(isms::tr("Objective (one per call; merged into the objective with the same id)"));
  add_report_format(sub, &opt->format);
  add_lock_timeout(sub, &opt->lock_timeout);
  sub->footer(
      isms::tr("A change to a revision the CISO has decided on raises the revision; the decided one stays in force until\n"
      "approved again. Files written by a person are never rewritten: set then says what to edit by hand (exit 2).\n"
      "Anything invalid is refused with its problems (exit 2) and nothing is written."));
  document(sub, {
      "Creates or revises a unit's objective setting table for a year (form ISMS-P-005-01, "
      "`units/<unit>/<year>/setting.yaml`): objectives one at a time by options (an objective given "
      "again is merged field by field), many from a CSV or xlsx sheet or a YAML file (`--from`), or "
      "drafted at year end from the year before (`--from-year`, with last year's actuals filled in "
      "from its results).\n\nA change to content the CISO has already decided on raises the revision; "
      "the decided revision stays in force until the CISO approves the new one. `--submit` submits "
      "the table for approval. A file a person wrote or edited is never rewritten: `set` then says "
      "what to change by hand. Anything invalid is refused with all its problems and nothing is "
      "written.",
      {{"Add or change one objective.",
        "isms-obj set --year 2027 --unit lio --objective vuln-patch-rate --target 95 --comparison '>=' --measure-unit percent"},
       {"Many objectives from a sheet, then submit the table for approval.",
        "isms-obj set --year 2027 --unit lio --from objectives.csv --compiled-by chen.yl --supervisor lin.mh --submit"},
       {"Year-end collection: draft 2027 from 2026.",
        "isms-obj set --year 2027 --unit lio --from-year 2026"}},
      {{0, "The table was written, or nothing changed."}, {2, "Refused (invalid input, a file a person wrote, a usage error); nothing was written."}, {3, "A file could not be read or written."}},
      {"approve", "record-quarter"}});
  registry[sub] = [opt](const Context& ctx) { return run(ctx, *opt); };
}

}  // namespace cli

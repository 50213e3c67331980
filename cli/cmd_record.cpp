// isms-obj record-quarter: a quarter's results (ISMS-P-005-02 實績).
#include <iostream>
#include <iterator>
#include <ostream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "context.h"
#include "isms/base/i18n.h"
#include "isms/render/diagnostics.h"
#include "isms/ops/record.h"
#include "isms/render/outcome.h"

namespace cli {

namespace {

struct RecordCommand {
  std::optional<int> year, quarter;
  std::string unit, objective, actual, numerator, denominator, no_events, measure_unit, variance, reporter, reported;
  std::string from, input_format, encoding = "auto", sheet;
  bool amend = false, dry_run = false;
  std::string reason;
  double lock_timeout = 10;
  std::string format = "text";
};

int read_rows(const Context& ctx, const RecordCommand& opt, isms::RecordRequest* req, isms::Diagnostics& diags) {
  std::string bytes;
  std::string format = opt.input_format;
  const auto dot = opt.from.rfind('.');
  const std::string ext = dot == std::string::npos ? "" : opt.from.substr(dot + 1);
  if (format.empty() && ext == "xlsx") format = "xlsx";
  // A workbook is a zip, read as bytes; text is read in its encoding.
  if (int rc = read_input_file(ctx, opt.from, format == "xlsx" ? "" : opt.encoding, &bytes); rc != kOk) return rc;
  if (opt.from == "-") {
    req->input = "standard input";
    if (format.empty()) format = "csv";
  } else {
    req->input = opt.from;
    if (format.empty()) format = ext == "yaml" || ext == "yml" ? "yaml" : ext == "csv" ? "csv" : "";
    if (format.empty()) {
      return report_status(ctx, isms::Status::invalid_argument(
                                    "--from takes a .xlsx, .csv or .yaml file (or --input-format)"));
    }
  }
  const bool ok = format == "yaml"   ? isms::result_rows_from_yaml(bytes, req->input, &req->rows, diags)
                  : format == "xlsx" ? isms::result_rows_from_xlsx(bytes, req->input, opt.sheet, &req->rows, diags)
                                     : isms::result_rows_from_csv(bytes, req->input, &req->rows, diags);
  return ok ? kOk : kUsage;
}

int run(const Context& ctx, const RecordCommand& opt) {
  std::filesystem::path root;
  if (auto s = ctx.store_root(&root); !s.is_ok()) return report_status(ctx, s);
  isms::RecordRequest req;
  req.year = opt.year;
  req.quarter = opt.quarter;
  req.unit = opt.unit;
  req.objective = opt.objective;
  req.reporter = opt.reporter;
  if (opt.reporter.empty()) req.reporter_email = ctx.env->git_user_email(root);
  if (!opt.reported.empty()) req.reported = isms::Date::parse(opt.reported);
  req.amend = opt.amend;
  req.reason = opt.reason;
  req.dry_run = opt.dry_run;
  req.today = ctx.today();
  req.write = write_options(ctx, "record-quarter", opt.lock_timeout);

  isms::Diagnostics diags;
  if (!opt.from.empty()) {
    if (int rc = read_rows(ctx, opt, &req, diags); rc != kOk) {
      diags.finish();
      for (const auto& d : diags.items()) *ctx.err << isms::render_text(d, d.file) << '\n';
      if (diags.has_errors()) *ctx.err << isms::tr("isms-obj: error: ") << req.input << isms::tr(" was rejected; nothing was recorded\n");
      return rc;
    }
  } else {
    isms::ResultRow row;
    auto add = [&](const char* name, const std::string& v) {
      if (!v.empty()) row.fields.push_back({name, v, {}});
    };
    add("actual", opt.actual);
    add("numerator", opt.numerator);
    add("denominator", opt.denominator);
    add("no_events", opt.no_events);
    add("measure_unit", opt.measure_unit);
    add("variance", opt.variance);
    req.rows.push_back(std::move(row));
  }

  isms::RecordOutcome out;
  const isms::Status s = isms::record_results(*ctx.env, root, req, &out, diags);
  if (int rc = report_write(ctx, root, s, diags, out.previous_lock_holder); rc != kOk) return rc;

  if (opt.format == "json") *ctx.out << isms::record_report_json(out, opt.dry_run);
  if (!text_report(ctx, opt.format)) return kOk;
  int recorded = 0, amended = 0, unchanged = 0;
  for (const auto& r : out.rows) {
    const char* verb = "recorded";
    if (r.action == isms::RecordedRow::Action::Amended) {
      verb = "amended";
      ++amended;
    } else if (r.action == isms::RecordedRow::Action::Unchanged) {
      verb = "unchanged";
      ++unchanged;
    } else {
      ++recorded;
    }
    const auto& o = r.outcome;
    std::string value = o.status == isms::QuarterStatus::NoEvents ? "none (no events)"
                        : o.value                                   ? o.value->to_string()
                                                                    : "-";
    if (r.numerator && r.denominator) value += fmt::format(" ({}/{})", r.numerator->to_string(), r.denominator->to_string());
    *ctx.out << fmt::format("{} {}: Q{} actual {}, cumulative {}, target {}{}: {}\n", verb, ctx.display(root, r.path),
                            r.quarter, value, o.cumulative ? o.cumulative->to_string() : "-",
                            target_text(r.comparison, o.target), o.pro_rata ? " (pro rata)" : "",
                            isms::to_string(o.status));
  }
  std::string skipped;
  if (!out.skipped.empty()) {
    skipped = isms::trf(", {} row{} without a value skipped (line{} {})", out.skipped.size(),
                          out.skipped.size() == 1 ? "" : "s", out.skipped.size() == 1 ? "" : "s",
                          fmt::join(out.skipped, ", "));
  }
  *ctx.out << fmt::format("{}{} recorded, {} amended, {} unchanged{}\n", opt.dry_run ? isms::tr("dry run, nothing written: ") : "",
                          recorded, amended, unchanged, skipped);
  return kOk;
}

}  // namespace

void register_record(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<RecordCommand>();
  CLI::App* sub = app.add_subcommand("record-quarter", isms::tr("Record a quarter's results (ISMS-P-005-02 實績)"));
  sub->add_option("--year", opt->year, isms::tr("Year (default for every row)"))->check(CLI::Range(2000, 2200))->type_name("YEAR");
  sub->add_option("--quarter", opt->quarter, isms::tr("Quarter 1-4 (default for every row)"))->check(CLI::Range(1, 4));
  sub->add_option("--unit", opt->unit, isms::tr("Unit id (default for every row)"))->type_name("UNIT");
  sub->add_option("--objective", opt->objective, isms::tr("Objective id"))->type_name("OBJECTIVE");
  sub->add_option("--actual", opt->actual, isms::tr("實績: the quarter's value (every aggregation but ratio)"));
  sub->add_option("--numerator", opt->numerator, isms::tr("Ratio: the quarter's numerator"));
  sub->add_option("--denominator", opt->denominator, isms::tr("Ratio: the quarter's denominator"));
  auto* no_events = sub->add_option("--no-events", opt->no_events,
                                    isms::tr("本季無事件: nothing to measure happened this quarter, and why (instead of a value)"))
                        ->type_name("REASON");
  for (const char* value : {"--actual", "--numerator", "--denominator"}) no_events->excludes(sub->get_option(value));
  sub->add_option("--measure-unit", opt->measure_unit, isms::tr("Unit the value is in; refused unless the objective's"));
  sub->add_option("--variance", opt->variance, isms::tr("差異說明: required when the quarter ends up not met"));
  sub->add_option("--reporter", opt->reporter, isms::tr("報告人 (person id; default: whose e-mail is git user.email)"))->type_name("PERSON");
  sub->add_option("--reported", opt->reported, isms::tr("Date reported (default: today)"))->check(date_validator());
  sub->add_option("--from", opt->from, isms::tr("Many results from a CSV (header row) or YAML file, or - for standard input"))->type_name("FILE");
  sub->add_option("--sheet", opt->sheet, isms::tr("The sheet of an .xlsx --from (default: the one whose header row names result columns)"))->type_name("NAME");
  add_encoding(sub, &opt->encoding);
  sub->add_option("--input-format", opt->input_format, isms::tr("csv, yaml or xlsx, for standard input or other file names"))
      ->check(CLI::IsMember({"csv", "yaml", "xlsx"}));
  sub->add_flag("--amend", opt->amend, isms::tr("Replace a recorded value (the earlier one stays on record)"));
  sub->add_option("--reason", opt->reason, isms::tr("Why the amended value replaces the earlier one"));
  sub->add_flag("--dry-run", opt->dry_run, isms::tr("Check everything, write nothing"));
  add_report_format(sub, &opt->format);
  add_lock_timeout(sub, &opt->lock_timeout);
  sub->footer(
      isms::tr("Every row is checked before anything is written; one bad row rejects the batch (exit 2) with its line.\n"
      "Recording again what is on record changes nothing (exit 0), so cron imports can be re-run."));
  document(sub, {
      "Records a quarter's results (form ISMS-P-005-02) as "
      "`units/<unit>/<year>/results/q<Q>/<objective>.yaml`, and prints each with its cumulative, the "
      "target it was judged against and its status. One result by options, or many from a CSV, xlsx or "
      "YAML file or standard input (`--from -`).\n\nEvery row is checked before anything is written; "
      "one bad row rejects the batch with its line. A result that leaves the quarter not met needs a "
      "variance explanation. A recorded value is replaced only with `--amend` and a reason, and the "
      "earlier value stays on record. Recording again what is on record changes nothing, so a cron "
      "import can be re-run.",
      {{"One ratio result with its variance explanation.",
        "isms-obj record-quarter --year 2026 --quarter 3 --unit lio --objective vuln-patch-rate --numerator 35 --denominator 42 --variance 'Legacy hosts cannot be patched' --reporter chen.yl"},
       {"A quarter's results from a sheet, checked first without writing.",
        "isms-obj record-quarter --from q3.xlsx --dry-run"},
       {"From a cron job, reporting as JSON.",
        "isms-obj record-quarter --from - --input-format yaml --format json < results.yaml"}},
      {{0, "The results were recorded, or were on record already."}, {2, "Refused (a bad row, an objective not in force, a usage error); nothing was written."}, {3, "A file could not be read or written."}},
      {"review", "status"}});
  registry[sub] = [opt](const Context& ctx) { return run(ctx, *opt); };
}

}  // namespace cli

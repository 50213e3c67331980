// isms-obj report: the management-review summary and forms 005-01 / 005-02.
#include <algorithm>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "context.h"
#include "isms/base/i18n.h"
#include "isms/render/report.h"
#include "isms/render/xlsx.h"

namespace cli {

namespace {

struct ReportCommand {
  int year = 0;
  std::optional<int> quarter;  // default: the last quarter whose results are due
  std::optional<std::string> unit;
  std::string form = "summary";
  std::string format = "text";
  Presentation shown;
  std::string output;
  int trend_years = 4;  // how many years before the report's the summary's trend looks back
};

int run(const Context& ctx, const ReportCommand& opt) {
  if (opt.format == "xlsx" && opt.output.empty()) {
    return report_status(ctx, isms::Status::invalid_argument("--format xlsx writes a file: give --output FILE.xlsx"));
  }
  std::filesystem::path root;
  isms::Store& store = store_until_exit();
  // The year; of the year before (last year's results) and of the summary's
  // trend (in the summary and in every workbook), only their facts, each
  // year read into a store of its own that is dropped once they are known
  // (a large store never holds six years at once), or taken from the
  // summary cache when nothing in that year changed.
  const int trend_years = opt.form == "summary" || opt.format == "xlsx" ? opt.trend_years : 0;
  isms::LoadScope scope{{opt.year}, {}};
  if (opt.unit) scope.units.insert(*opt.unit);
  isms::ReportOptions o;
  if (auto s = ctx.store_root(&root); !s.is_ok()) return report_status(ctx, s);
  // Every year is listed and stamped at once (one walk of the store, not
  // one per year), the report's own year for its load.
  const int first = opt.year - std::max(trend_years, 1);
  std::vector<std::pair<isms::LoadScope, std::string>> scopes;
  for (int y = first; y < opt.year; ++y) {
    scopes.emplace_back(isms::LoadScope{{y}, scope.units}, isms::year_facts_summary(y, scope.units));
  }
  scopes.emplace_back(scope, std::string());
  auto snapshots = isms::snapshot_scopes(*ctx.env, root, scopes, ctx.cache_id());
  for (int y = first; y < opt.year; ++y) {
    int rc = kOk;
    const auto load = [&](const isms::LoadOptions& options, isms::Store* earlier) {
      rc = load_for_reading(ctx, &root, earlier, options);
      return rc == kOk;
    };
    auto& snapshot = snapshots[static_cast<std::size_t>(y - first)];
    if (!isms::earlier_year_facts(*ctx.env, root, ctx.cache_id(), y, scope.units, load, &o.earlier[y], &snapshot)) {
      return rc;
    }
    snapshot = isms::ScopeSnapshot{};  // its listing is not needed again
  }
  isms::LoadOptions own;
  own.scope = scope;
  own.cache_tool_id = ctx.cache_id();
  if (int rc = load_for_reading(ctx, &root, &store, isms::load_options_from(snapshots.back(), own)); rc != kOk) {
    return rc;
  }
  if (opt.unit && !store.config->unit(*opt.unit)) {
    return report_status(ctx, isms::Status::invalid_argument(isms::trf("unit \'{}\' is not in isms-obj.yaml", *opt.unit)));
  }
  o.year = opt.year;
  if (opt.quarter) {
    o.through = *opt.quarter;
  } else {
    const isms::Date today = ctx.today();
    o.through = isms::last_due_quarter(store.config->policy, opt.year, today);
    o.due_as_of = today;
    if (o.through == 0) {
      if (opt.form != "setting") {
        return report_status(
            ctx, isms::Status::invalid_argument(isms::trf(
                     "no quarter of {} has results due as of {} (Q1's are due on {}); give --quarter to report one "
                     "in progress",
                     opt.year, today.iso(),
                     isms::quarter_end(opt.year, 1).add_days(store.config->policy.results_due_days).iso())));
      }
      o.through = 1;  // the setting form shows the table; its quarter only picks the revision in force
    }
  }
  o.unit = opt.unit;
  if (trend_years > 0) o.trend_from = opt.year - trend_years;
  o.language = opt.shown.language(*store.config);
  o.calendar = opt.shown.calendar_of(*store.config);
  const isms::Report report = isms::build_report(store, o);
  if (opt.format == "xlsx") {
    // The workbook holds the summary and both forms, whatever --form says.
    // Its creation date is the reported year's first day, so the same store
    // gives the same bytes.
    std::string bytes;
    const std::string title = fmt::format("{} {}", report.organisation, isms::report_year(opt.year, o));
    if (auto s = isms::render_xlsx(*ctx.env, isms::report_sheets(report), title, isms::Date{opt.year, 1, 1}, &bytes);
        !s.is_ok()) {
      return report_status(ctx, s);
    }
    return print_or_write(ctx, opt.output, bytes);
  }
  const auto form = opt.form == "setting" ? isms::ReportForm::Setting
                    : opt.form == "review" ? isms::ReportForm::Review
                                           : isms::ReportForm::Summary;
  const auto format = opt.format == "markdown" ? isms::ReportFormat::Markdown
                      : opt.format == "csv"    ? isms::ReportFormat::Csv
                      : opt.format == "json"   ? isms::ReportFormat::Json
                      : opt.format == "html"   ? isms::ReportFormat::Html
                                               : isms::ReportFormat::Text;
  const std::string text = isms::render_report(report, form, format);
  if (format == isms::ReportFormat::Text && opt.output.empty()) {
    note_width(ctx, text, "give --format html (printable A4) or markdown");
  }
  return print_or_write(ctx, opt.output, text);
}

}  // namespace

void register_report(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<ReportCommand>();
  CLI::App* sub = app.add_subcommand(
      "report",
      isms::tr("Management-review summary (§5.6) or the forms ISMS-P-005-01 / 005-02, as text, Markdown, CSV, JSON, HTML or Excel"));
  sub->add_option("--year", opt->year, isms::tr("Year reported"))->required()->check(CLI::Range(2000, 2200))->type_name("YEAR");
  sub->add_option("--quarter", opt->quarter,
                  isms::tr("Report up to this quarter (default: the last quarter whose results are due as of --today)"))
      ->check(CLI::Range(1, 4))
      ->type_name("Q");
  sub->add_option("--unit", opt->unit, isms::tr("One unit only"))->type_name("UNIT");
  sub->add_option("--form", opt->form, isms::tr("summary (management review), setting (005-01 as approved), review (005-02)"))
      ->check(CLI::IsMember({"summary", "setting", "review"}))
      ->capture_default_str();
  sub->add_option("--format", opt->format,
                  isms::tr("text, markdown, csv (UTF-8 with BOM), json, html (printable A4) or xlsx (summary and both forms "
                  "as sheets; needs --output)"))
      ->check(CLI::IsMember({"text", "markdown", "csv", "json", "html", "xlsx"}))
      ->capture_default_str();
  sub->add_option("--trend-years", opt->trend_years,
                  isms::tr("Years before --year the summary's trend shows (0: none; each year is read from the store)"))
      ->check(CLI::Range(0, 20))
      ->capture_default_str();
  add_presentation(sub, &opt->shown);
  sub->add_option("--output", opt->output, isms::tr("Write to FILE (atomically) instead of standard output"))->type_name("FILE");
  sub->footer(isms::tr("The same store and options give byte-identical output."));
  document(sub, {
      "The management-review report (ISMS-P-005 §5.6): the summary of a year's objectives "
      "and the forms ISMS-P-005-01 and ISMS-P-005-02, as text, Markdown, CSV, JSON, a "
      "spreadsheet (xlsx) or printable HTML (A4). The same store and options give byte-identical "
      "output; with `--output` the file is written atomically and its name noted on standard error.",
      {{"The year so far, on the terminal.",
        "isms-obj report --year 2026"},
       {"The printable report for management review.",
        "isms-obj report --year 2026 --format html --output management-review-2026.html"},
       {"Form ISMS-P-005-02 of the third quarter as a spreadsheet.",
        "isms-obj report --year 2026 --quarter 3 --form review --format xlsx --output q3.xlsx"}},
      {{0, "Written."}, {1, "Record files in scope could not be read; nothing is written."}, {2, "Usage error."}, {3, "The output could not be written."}},
      {"review", "status"}});
  registry[sub] = [opt](const Context& ctx) { return run(ctx, *opt); };
}

}  // namespace cli

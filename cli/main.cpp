// isms-obj: command-line entry. Parses everything first, then runs the one
// selected subcommand; every exception stops here and becomes exit code 3.
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <exception>
#include <iostream>
#include <memory>
#include <optional>
#include <new>

#include <CLI/CLI.hpp>

#include "context.h"
#include "isms/base/text.h"
#include "isms/sys/fsutil.h"

namespace {

isms::Date local_today() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  return isms::Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

// The terminal's width when standard output is one, else $COLUMNS when set
// to a number (a reader who pipes and sets it asks for that width).
std::optional<int> output_columns() {
  winsize ws{};
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  if (const char* c = std::getenv("COLUMNS")) {
    if (auto n = isms::parse_int(c, 1, 10000)) return *n;
  }
  return std::nullopt;
}

int run(int argc, char** argv) {
  CLI::App app{"isms-obj: information-security objectives (ISMS-P-005) on a git-tracked store of YAML records",
               "isms-obj"};
  app.set_version_flag("--version", std::string("isms-obj ") + ISMS_VERSION);
  app.require_subcommand(0, 1);
  app.fallthrough();
  app.footer("Exit codes: 0 fine, 1 problems found, 2 usage or bad input, 3 I/O or internal error.\n"
             "Store: --store DIR, else $ISMS_OBJ_STORE, else the nearest directory upwards holding isms-obj.yaml.");

  cli::Context ctx;
  app.add_option("--store", ctx.global.store, "Store directory (holds isms-obj.yaml)")->type_name("DIR");
  app.add_option("--today", ctx.global.today, "Take this date as today (tests, backfills, cron)")
      ->type_name("YYYY-MM-DD")
      ->check(cli::date_validator());

  cli::Registry registry;
  cli::register_approve(app, registry);
  cli::register_codeowners(app, registry);
  cli::register_completion(app, registry);
  cli::register_history(app, registry);
  cli::register_init(app, registry);
  cli::register_record(app, registry);
  cli::register_referral(app, registry);
  cli::register_report(app, registry);
  cli::register_retention(app, registry);
  cli::register_review(app, registry);
  cli::register_set(app, registry);
  cli::register_status(app, registry);
  cli::register_validate(app, registry);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? cli::kOk : cli::kUsage;
  }

  const std::unique_ptr<isms::Env> env = isms::new_posix_env();
  ctx.env = env.get();
  std::error_code ec;
  ctx.cwd = std::filesystem::current_path(ec);
  if (const char* store = std::getenv("ISMS_OBJ_STORE")) ctx.env_store = store;
  if (const char* fault = std::getenv("ISMS_OBJ_FAULT")) isms::set_fault_injection(fault);
  ctx.clock_today = local_today();
  ctx.out = &std::cout;
  ctx.err = &std::cerr;
  ctx.columns = output_columns();

  for (const CLI::App* sub : app.get_subcommands()) {
    auto it = registry.find(sub);
    if (it != registry.end()) return it->second(ctx);
  }
  std::cerr << "isms-obj: error: no command given; run 'isms-obj --help' for the list of commands\n";
  return cli::kUsage;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const int code = run(argc, argv);
    std::cout.flush();
    return std::cout.good() ? code : cli::kInternal;
  } catch (const std::bad_alloc&) {
    std::cerr << "isms-obj: internal error: out of memory\n";
  } catch (const std::exception& e) {
    std::cerr << "isms-obj: internal error: " << e.what() << '\n';
  } catch (...) {
    std::cerr << "isms-obj: internal error: unknown exception\n";
  }
  return cli::kInternal;
}

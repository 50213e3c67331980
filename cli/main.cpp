// isms-obj: command-line entry. Parses everything first, then runs the one
// selected subcommand; every exception stops here and becomes exit code 3.
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <iostream>
#include <memory>
#include <optional>
#include <new>

#include <libintl.h>

#include <clocale>
#include <string_view>

#include <CLI/CLI.hpp>

#include "context.h"
#include "isms/base/i18n.h"
#include "isms/base/text.h"
#include "isms/store/store.h"
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

// Colour per https://no-color.org: --color=always and never decide; auto
// colours a terminal unless $NO_COLOR is set to anything but the empty
// string or the terminal is "dumb".
bool use_color(const std::string& when, int fd) {
  if (when == "always") return true;
  if (when == "never") return false;
  if (const char* no = std::getenv("NO_COLOR"); no && *no) return false;
  if (const char* term = std::getenv("TERM"); !term || std::string_view(term) == "dumb") return false;
  return isatty(fd) != 0;
}

// The value of `--name VALUE` or `--name=VALUE` anywhere on the command
// line, read before parsing so that help texts come in the right language.
std::optional<std::string> early_option(int argc, char** argv, std::string_view name) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--") break;
    if (a == name && i + 1 < argc) return std::string(argv[i + 1]);
    if (a.size() > name.size() && a.starts_with(name) && a[name.size()] == '=') {
      return std::string(a.substr(name.size() + 1));
    }
  }
  return std::nullopt;
}

// zh-TW or en from a --lang value or a locale name (zh_TW.UTF-8, en_US, C).
std::optional<isms::Language> language_named(std::string_view s) {
  if (auto l = isms::from_name<isms::Language>(std::string(s))) return l;
  if (s.starts_with("zh")) return isms::Language::ZhTW;
  if (s.starts_with("en") || s == "C" || s.starts_with("C.") || s == "POSIX") return isms::Language::En;
  return std::nullopt;
}

// The language messages and help come in: --lang, else $ISMS_OBJ_LANG,
// else the store's `language` (so one store speaks alike on every machine,
// a CI runner's locale notwithstanding), else the user's locale, else
// English. The store's configuration is read through the same cache the
// command then reads it from, so it is parsed once.
isms::Language message_language(int argc, char** argv, isms::Env& env, const std::filesystem::path& cwd) {
  if (auto lang = early_option(argc, argv, "--lang")) {
    if (auto l = language_named(*lang)) return *l;
  }
  // A script that reads messages asks for one language whatever the store's.
  if (const char* lang = std::getenv("ISMS_OBJ_LANG")) {
    if (auto l = language_named(lang)) return *l;
  }
  std::optional<std::filesystem::path> flag;
  if (auto store = early_option(argc, argv, "--store")) flag = std::filesystem::path(*store);
  std::optional<std::string> variable;
  if (const char* store = std::getenv("ISMS_OBJ_STORE")) variable = store;
  std::filesystem::path root;
  if (isms::discover_store(env, flag, variable, cwd, &root).is_ok()) {
    isms::LoadOptions options;
    options.scope = isms::LoadScope::configuration();
    const bool no_cache = std::find_if(argv + 1, argv + argc, [](const char* a) {
                            return std::string_view(a) == "--no-cache";
                          }) != argv + argc;
    if (!no_cache) options.cache_tool_id = cli::Context::tool_id();
    isms::Store store;
    isms::Diagnostics ignored;  // the command itself reports them
    if (isms::load_store(env, root, options, &store, ignored).is_ok() && store.config) return store.config->language;
  }
  // As gettext reads them: the locale (LC_ALL, LC_MESSAGES, LANG) decides,
  // and LANGUAGE is a preference list heeded unless the locale is C.
  const char* locale = nullptr;
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = std::getenv(name);
    if (v && *v) {
      locale = v;
      break;
    }
  }
  if (!locale || language_named(locale) == isms::Language::En) return isms::Language::En;
  if (const char* preferred = std::getenv("LANGUAGE"); preferred && *preferred) {
    if (auto l = language_named(preferred)) return *l;
  }
  return language_named(locale).value_or(isms::Language::En);
}

// Selects the catalog: <executable>/../share/locale (a build tree or an
// installed prefix), else the configured LOCALEDIR. LC_MESSAGES is C.UTF-8
// (always present) and LANGUAGE names the catalog, so no locale need be
// generated on the machine; other categories stay "C" (numbers, sorting).
void select_messages(isms::Language language) {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  auto dir = exe.parent_path().parent_path() / "share" / "locale";
  if (ec || !std::filesystem::exists(dir / "zh_TW" / "LC_MESSAGES" / "isms-obj.mo", ec)) dir = ISMS_LOCALEDIR;
  if (!std::setlocale(LC_MESSAGES, "C.UTF-8")) std::setlocale(LC_MESSAGES, "C.utf8");
  ::setenv("LANGUAGE", language == isms::Language::ZhTW ? "zh_TW" : "en", 1);
  ::bindtextdomain(isms::kTextDomain, dir.c_str());
  ::bind_textdomain_codeset(isms::kTextDomain, "UTF-8");
}

int run(int argc, char** argv) {
  const std::unique_ptr<isms::Env> env = isms::new_posix_env();
  std::error_code cwd_ec;
  const std::filesystem::path cwd = std::filesystem::current_path(cwd_ec);
  select_messages(message_language(argc, argv, *env, cwd));

  CLI::App app{"isms-obj: information-security objectives (ISMS-P-005) on a git-tracked store of YAML records",
               "isms-obj"};
  app.set_version_flag("--version", std::string("isms-obj ") + ISMS_VERSION, isms::tr("Display program version information and exit"));
  app.set_help_flag("-h,--help", isms::tr("Print this help message and exit"));
  app.formatter(cli::stable_formatter());
  // CLI11's own headings, in the messages' language.
  for (const auto& [label, text] : {std::pair{"Usage", isms::tr("Usage")}, {"Options", isms::tr("Options")},
                                     {"OPTIONS", isms::tr("OPTIONS")}, {"Subcommands", isms::tr("Subcommands")},
                                     {"SUBCOMMAND", isms::tr("SUBCOMMAND")}, {"Positionals", isms::tr("Positionals")},
                                     {"REQUIRED", isms::tr("REQUIRED")}, {"Excludes", isms::tr("Excludes")},
                                     {"Needs", isms::tr("Needs")}}) {
    app.get_formatter()->label(label, text);
  }
  app.option_defaults()->group(isms::tr("Options"));
  app.require_subcommand(0, 1);
  app.fallthrough();
  app.footer(isms::tr("Exit codes: 0 fine, 1 problems found, 2 usage or bad input, 3 I/O or internal error.\n"
             "Store: --store DIR, else $ISMS_OBJ_STORE, else the nearest directory upwards holding isms-obj.yaml."));

  cli::Context ctx;
  app.add_option("--store", ctx.global.store, isms::tr("Store directory (holds isms-obj.yaml)"))->type_name("DIR");
  // Read before parsing (message_language); declared so that it parses.
  std::string lang;
  app.add_option("--lang", lang, isms::tr("Language of messages and help: zh-TW or en (default: the store's language, else LANG)"))
      ->type_name("LANG")
      ->check(CLI::IsMember({"zh-TW", "en"}));
  app.add_option("--today", ctx.global.today, isms::tr("Take this date as today (tests, backfills, cron)"))
      ->type_name("YYYY-MM-DD")
      ->check(cli::date_validator());
  app.add_flag("-q,--quiet", ctx.global.quiet,
               isms::tr("Print only errors and what was asked for: no warnings, notes or reports of what was written"));
  app.add_flag("--no-cache", ctx.global.no_cache,
               isms::tr("Read and check every record file: neither read nor write the caches in .isms-obj/cache"));
  app.add_option("--color", ctx.global.color,
                 isms::tr("Colour diagnostics: auto (on a terminal, unless $NO_COLOR is set), always or never"))
      ->type_name("WHEN")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();

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
  cli::register_manual(app, registry);
  cli::check_option_text(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? cli::kOk : cli::kUsage;
  }

  ctx.env = env.get();
  ctx.cwd = cwd;
  if (const char* store = std::getenv("ISMS_OBJ_STORE")) ctx.env_store = store;
  if (const char* fault = std::getenv("ISMS_OBJ_FAULT")) isms::set_fault_injection(fault);
  ctx.clock_today = local_today();
  ctx.out = &std::cout;
  ctx.err = &std::cerr;
  ctx.columns = output_columns();
  ctx.color_out = use_color(ctx.global.color, STDOUT_FILENO);
  ctx.color_err = use_color(ctx.global.color, STDERR_FILENO);
  if (const char* summary = std::getenv("GITHUB_STEP_SUMMARY")) ctx.step_summary = summary;

  for (const CLI::App* sub : app.get_subcommands()) {
    auto it = registry.find(sub);
    if (it != registry.end()) return it->second(ctx);
  }
  std::cerr << isms::tr("isms-obj: error: no command given; run 'isms-obj --help' for the list of commands\n");
  return cli::kUsage;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const int code = run(argc, argv);
    std::cout.flush();
    return std::cout.good() ? code : cli::kInternal;
  } catch (const std::bad_alloc&) {
    std::cerr << isms::tr("isms-obj: internal error: out of memory\n");
  } catch (const std::exception& e) {
    std::cerr << isms::tr("isms-obj: internal error: ") << e.what() << '\n';
  } catch (...) {
    std::cerr << isms::tr("isms-obj: internal error: unknown exception\n");
  }
  return cli::kInternal;
}

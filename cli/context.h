// What every subcommand shares: global options, the process facts the core
// library may not read itself (clock, environment, current directory), and
// the documented exit codes.
#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "isms/base/date.h"
#include "isms/base/diagnostic.h"
#include "isms/base/status.h"
#include "isms/ops/transaction.h"
#include "isms/sys/env.h"
#include "isms/store/store.h"

namespace cli {

// docs/exit-codes.md
enum Exit : int { kOk = 0, kProblems = 1, kUsage = 2, kInternal = 3 };

struct GlobalOptions {
  std::optional<std::string> store;  // --store
  std::optional<std::string> today;  // --today
  bool quiet = false;                // --quiet
  std::string color = "auto";        // --color: auto, always, never
  bool no_cache = false;             // --no-cache
};

struct Context {
  GlobalOptions global;
  // Every file, lock, git and clock access of the library goes through it;
  // main builds the POSIX one.
  isms::Env* env = nullptr;
  std::filesystem::path cwd;
  std::optional<std::string> env_store;  // $ISMS_OBJ_STORE
  isms::Date clock_today;                // the system's local date
  std::ostream* out = nullptr;
  std::ostream* err = nullptr;
  // How wide standard output is read: the terminal's columns when it is a
  // terminal, else $COLUMNS when set; none when neither says.
  std::optional<int> columns;
  // Whether text for standard output and for standard error is coloured:
  // --color=always, or auto (the default) on a terminal that is not "dumb"
  // when $NO_COLOR is unset or empty; never with --color=never.
  bool color_out = false, color_err = false;
  // $GITHUB_STEP_SUMMARY: where a GitHub Actions step's Markdown summary goes.
  std::string step_summary;

  // --today if given (validated at parse time), else the clock.
  isms::Date today() const;
  // Finds the store per --store / $ISMS_OBJ_STORE / walking up from cwd.
  isms::Status store_root(std::filesystem::path* root) const;
  // What identifies this build for caches: the executable file itself (its
  // path, size, modification time and inode), so a rebuilt or reinstalled
  // binary never trusts what an older one cached. Hashing its bytes would
  // cost more than a warm run. Empty when it cannot be examined (then
  // nothing is cached).
  static std::string tool_id();
  // tool_id(), or empty with --no-cache: what the library's cache options take.
  std::string cache_id() const { return global.no_cache ? std::string() : tool_id(); }
  // How to show a store file to the user: relative to cwd when possible.
  std::string display(const std::filesystem::path& root, const std::string& rel) const;
  // A path given on the command line: absolute, or relative to cwd. Empty
  // stays empty.
  std::filesystem::path path_arg(const std::string& arg) const;
};

// A subcommand registers its options on `app` and returns the function to
// run once parsing has succeeded.
using Runner = std::function<int(const Context&)>;
using Registry = std::map<const CLI::App*, Runner>;

void register_approve(CLI::App& app, Registry& registry);
void register_codeowners(CLI::App& app, Registry& registry);
void register_completion(CLI::App& app, Registry& registry);
void register_history(CLI::App& app, Registry& registry);
void register_init(CLI::App& app, Registry& registry);
void register_record(CLI::App& app, Registry& registry);
void register_referral(CLI::App& app, Registry& registry);
void register_report(CLI::App& app, Registry& registry);
void register_retention(CLI::App& app, Registry& registry);
void register_review(CLI::App& app, Registry& registry);
void register_set(CLI::App& app, Registry& registry);
void register_status(CLI::App& app, Registry& registry);
void register_validate(CLI::App& app, Registry& registry);
void register_manual(CLI::App& app, Registry& registry);

// A command's manual beyond its options (which come from its definition):
// the man page isms-obj-<command>(1) is made of these and the options, by
// `isms-obj manual` at build time, so the two cannot drift apart. English,
// as the man pages are.
struct Example {
  std::string what;     // what it does, one sentence
  std::string command;  // the command line, as typed
};
struct CommandDoc {
  std::string description;  // DESCRIPTION: paragraphs separated by blank lines
  std::vector<Example> examples;
  // EXIT STATUS: what each code means for this command (0 to 3).
  std::vector<std::pair<int, std::string>> exit_status;
  std::vector<std::string> see_also;  // other commands' names
};
// Records `doc` for `sub`, and shows its examples' command lines under
// "Examples:" at the end of `sub --help`.
void document(CLI::App* sub, CommandDoc doc);
// What `document` recorded for `sub`; nullptr when nothing.
const CommandDoc* documentation(const CLI::App* sub);

// A writing command's lock and cache settings.
isms::WriteOptions write_options(const Context& ctx, std::string_view command, double lock_timeout_seconds);

// --format text|json of a writing command: how it reports what it wrote
// (json: render/outcome.h, schemas/write-report.schema.json).
void add_report_format(CLI::App* sub, std::string* format);
// Whether the text report of a writing command is printed: not with
// --quiet, and not when the report is JSON.
bool text_report(const Context& ctx, const std::string& format);

// Registers --lock-timeout on a writing subcommand.
void add_lock_timeout(CLI::App* sub, double* seconds);
// --sign-with KEY for a signed act (`what`: "decision", "review", …).
CLI::Option* add_sign_with(CLI::App* sub, std::string* key, std::string_view what);

// --lang and --calendar of a command that prints for people; empty means the
// store's (isms-obj.yaml `language`, `calendar`).
struct Presentation {
  std::string lang, calendar;
  isms::Language language(const isms::Config& c) const;
  isms::Calendar calendar_of(const isms::Config& c) const;
};
void add_presentation(CLI::App* sub, Presentation* p);

// Prints diagnostics to stderr as text lines: record paths of the store
// relative to the current directory, anything else (an input file, "command
// line") as it is.
void print_diagnostics(const Context& ctx, const std::filesystem::path& root, const isms::Diagnostics& diags);

// Reads an input file of at most 1 MiB; on failure prints why and returns
// kUsage, else kOk.
// Reads an input file (at most 1 MiB) or standard input ("-") as UTF-8,
// converting from `encoding` (--encoding; format/encoding.h); an empty
// `encoding` reads the bytes as they are (a workbook). Exit 2 with what
// the bytes are when they are not in the encoding.
int read_input_file(const Context& ctx, const std::string& path, const std::string& encoding, std::string* bytes);
// --encoding for an input file.
void add_encoding(CLI::App* sub, std::string* encoding);

// A note for the user (progress, "wrote FILE", what was skipped): to
// standard error, unless --quiet. "isms-obj: note: " is prefixed.
void note(const Context& ctx, std::string_view text);

// After a writing operation: prints its diagnostics and a note when the
// previous writer died holding the lock; returns kOk when `s` is ok, else
// the exit code for `s`.
int report_write(const Context& ctx, const std::filesystem::path& root, const isms::Status& s,
                 isms::Diagnostics& diags, const std::string& previous_holder);

// For reading commands: finds and loads the store into `*store` (its root
// into `*root`). Returns kOk, or the exit code after saying why the store
// cannot be used (not found, unreadable, invalid configuration: 2 or 3), or
// after printing the errors of the record files in scope that could not be
// read (1: the command would show them as missing).
// Loads only `scope` (the whole store by default).
int load_for_reading(const Context& ctx, std::filesystem::path* root, isms::Store* store,
                     const isms::LoadScope& scope = {});
// The same with the load's options given whole (the record cache's tool id
// included: the caller sets it, ctx.cache_id() as a rule).
int load_for_reading(const Context& ctx, std::filesystem::path* root, isms::Store* store,
                     const isms::LoadOptions& options);

// A store that lives until the process exits, for the one store a reading
// command answers from: freeing a national store's records one by one
// takes longer than the system takes to drop the process's pages. A store
// a command drops on the way (report's earlier years) stays a local, so
// memory stays bounded.
isms::Store& store_until_exit();

// `text` to standard output, or, with an `output` path, written there
// atomically and "wrote PATH" noted on standard error. kOk, or the exit
// code of the failure.
int print_or_write(const Context& ctx, const std::string& output, const std::string& text);

// For aligned text going to standard output: when its widest line (in
// display columns) does not fit ctx.columns, says on stderr how to read it
// whole. The text itself is never cut or reflowed.
void note_width(const Context& ctx, const std::string& text, std::string_view wider);

// Maps a library Status to an exit code after printing its message.
int report_status(const Context& ctx, const isms::Status& s);

// CLI11 validator for YYYY-MM-DD real calendar dates.
const CLI::Validator& date_validator();

// Every option of `app` and its subcommands takes only acceptable text
// (isms::check_record_text: UTF-8, no control characters but tab and line
// breaks, no bidirectional controls or line separators): what an option
// gives may end up in a record or a report, and is refused here, naming the
// option and the character, rather than when the record is written.
void check_option_text(CLI::App& app);

// CLI11's help formatter, except that an option's "Excludes:" and "Needs:"
// lists are in name order: CLI11 keeps them in sets ordered by address, so
// its help text changed with the allocator's whims.
std::shared_ptr<CLI::Formatter> stable_formatter();

}  // namespace cli

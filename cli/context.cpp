#include "context.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

#include <ctime>
#include <ostream>

#include <fmt/format.h>

#include "isms/base/i18n.h"
#include "isms/base/text.h"
#include "isms/render/diagnostics.h"
#include "isms/format/digest.h"
#include "isms/format/encoding.h"
#include "isms/store/store.h"

namespace cli {

namespace fs = std::filesystem;

isms::Date Context::today() const {
  if (global.today) {
    if (auto d = isms::Date::parse(*global.today)) return *d;
  }
  return clock_today;
}

isms::Status Context::store_root(fs::path* root) const {
  std::optional<fs::path> flag;
  if (global.store) flag = fs::path(*global.store);
  return isms::discover_store(*env, flag, env_store, cwd, root);
}

fs::path Context::path_arg(const std::string& arg) const {
  if (arg.empty()) return {};
  const fs::path p(arg);
  return p.is_absolute() ? p : cwd / p;
}

std::string Context::display(const fs::path& root, const std::string& rel) const {
  fs::path p = (root / rel).lexically_normal();
  if (p.is_absolute()) {
    fs::path r = p.lexically_proximate(cwd);
    if (!r.empty()) p = r;
  }
  std::string shown = p.generic_string();
  if (shown.size() > 1 && shown.back() == '/') shown.pop_back();
  return shown.empty() ? std::string(".") : shown;
}

namespace {

// A line naming this process for the store lock file.
std::string lock_holder(std::string_view command) {
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char when[32];
  std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return fmt::format("pid {} on {} (isms-obj {}) since {}", ::getpid(), host, command, when);
}

}  // namespace

isms::WriteOptions write_options(const Context& ctx, std::string_view command, double lock_timeout_seconds) {
  isms::WriteOptions w;
  w.lock_holder = lock_holder(command);
  w.lock_timeout = std::chrono::milliseconds(static_cast<long>(lock_timeout_seconds * 1000));
  w.cache_tool_id = ctx.cache_id();
  return w;
}

std::string Context::tool_id() {
  struct stat st {};
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec || ::stat(exe.c_str(), &st) != 0) return {};
  return isms::sha256_hex(fmt::format("{}\n{}\n{}.{}\n{}", exe.string(), st.st_size, st.st_mtim.tv_sec,
                                      st.st_mtim.tv_nsec, st.st_ino));
}

isms::Language Presentation::language(const isms::Config& c) const {
  return isms::from_name<isms::Language>(lang).value_or(c.language);
}

isms::Calendar Presentation::calendar_of(const isms::Config& c) const {
  return isms::from_name<isms::Calendar>(calendar).value_or(c.calendar);
}

void add_presentation(CLI::App* sub, Presentation* p) {
  sub->add_option("--lang", p->lang, isms::tr("Labels: zh-TW or en (default: the store's)"))
      ->check(CLI::IsMember(isms::all_names<isms::Language>()));
  sub->add_option("--calendar", p->calendar, isms::tr("Dates: roc or gregorian (default: the store's)"))
      ->check(CLI::IsMember(isms::all_names<isms::Calendar>()));
}

namespace {

std::map<const CLI::App*, CommandDoc>& documents() {
  static std::map<const CLI::App*, CommandDoc> docs;
  return docs;
}

}  // namespace

void document(CLI::App* sub, CommandDoc doc) {
  if (!doc.examples.empty()) {
    std::string lines = sub->get_footer().empty() ? "" : sub->get_footer() + "\n\n";
    lines += isms::tr("Examples:");
    for (const auto& e : doc.examples) {
      std::string command = e.command;
      for (std::size_t at = command.find('\n'); at != std::string::npos; at = command.find('\n', at + 3)) {
        command.replace(at, 1, "\n  ");
      }
      lines += "\n  " + command;
    }
    sub->footer(lines);
  }
  documents()[sub] = std::move(doc);
}

const CommandDoc* documentation(const CLI::App* sub) {
  const auto it = documents().find(sub);
  return it == documents().end() ? nullptr : &it->second;
}

void add_report_format(CLI::App* sub, std::string* format) {
  sub->add_option("--format", *format,
                  isms::tr("How to report what was written: text, or json (schemas/write-report.schema.json)"))
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
}

bool text_report(const Context& ctx, const std::string& format) { return format != "json" && !ctx.global.quiet; }

void add_lock_timeout(CLI::App* sub, double* seconds) {
  sub->add_option("--lock-timeout", *seconds, isms::tr("Seconds to wait for another writer to finish"))
      ->check(CLI::Range(0.0, 3600.0))
      ->capture_default_str();
}

CLI::Option* add_sign_with(CLI::App* sub, std::string* key, std::string_view what) {
  return sub
      ->add_option("--sign-with", *key,
                   isms::trf("Sign the {} with this SSH key: your private key file, or the public key of one your "
                               "ssh-agent holds (ssh-keygen -Y sign); required when policy.signatures is",
                               what))
      ->type_name("KEY");
}

void print_diagnostics(const Context& ctx, const fs::path& root, const isms::Diagnostics& diags) {
  for (const auto& d : diags.items()) {
    if (ctx.global.quiet && d.severity != isms::Severity::Error) continue;
    const bool in_store = isms::classify_path(d.file).has_value();
    *ctx.err << isms::render_text(d, in_store ? ctx.display(root, d.file) : d.file, ctx.color_err) << '\n';
  }
}

void note(const Context& ctx, std::string_view text) {
  if (ctx.global.quiet) return;
  *ctx.err << isms::tr("isms-obj: note: ") << text << '\n';
}

int read_input_file(const Context& ctx, const std::string& path, const std::string& encoding, std::string* bytes) {
  std::string raw;
  if (path == "-") {
    // Bounded like a file: an import is small.
    std::string chunk(64 * 1024, '\0');
    while (std::cin.read(chunk.data(), static_cast<std::streamsize>(chunk.size())) || std::cin.gcount() > 0) {
      raw.append(chunk.data(), static_cast<std::size_t>(std::cin.gcount()));
      if (raw.size() > 1024 * 1024) {
        return report_status(ctx, isms::Status::invalid_argument("standard input is larger than 1 MiB"));
      }
    }
  } else {
    bool truncated = false;
    if (auto s = ctx.env->read_file(path, 1024 * 1024, &raw, &truncated); !s.is_ok()) {
      return report_status(ctx, isms::Status::invalid_argument(s.message()));
    }
    if (truncated) return report_status(ctx, isms::Status::invalid_argument(path + " is larger than 1 MiB"));
  }
  if (encoding.empty()) {
    *bytes = std::move(raw);
    return kOk;
  }
  std::string why;
  const auto enc = isms::input_encoding_named(encoding).value_or(isms::InputEncoding::Auto);
  if (!isms::decode_input(raw, enc, bytes, &why)) {
    return report_status(ctx, isms::Status::invalid_argument(
                                  fmt::format("{}: {}", path == "-" ? "standard input" : path, why)));
  }
  return kOk;
}

void add_encoding(CLI::App* sub, std::string* encoding) {
  sub->add_option("--encoding", *encoding,
                  isms::tr("Encoding of the --from file: auto (UTF-8, or UTF-16 with a byte-order mark), utf-8, utf-16, "
                  "big5 (cp950)"))
      ->check(CLI::IsMember({"auto", "utf-8", "utf8", "utf-16", "utf16", "big5", "cp950"}, CLI::ignore_case))
      ->capture_default_str();
}

int report_write(const Context& ctx, const fs::path& root, const isms::Status& s, isms::Diagnostics& diags,
                 const std::string& previous_holder) {
  diags.finish();
  print_diagnostics(ctx, root, diags);
  if (!previous_holder.empty()) note(ctx, isms::tr("the previous writer did not finish cleanly: ") + previous_holder);
  return s.is_ok() ? kOk : report_status(ctx, s);
}

int load_for_reading(const Context& ctx, fs::path* root, isms::Store* store, const isms::LoadScope& scope) {
  isms::LoadOptions load;
  load.scope = scope;
  load.cache_tool_id = ctx.cache_id();
  return load_for_reading(ctx, root, store, load);
}

int load_for_reading(const Context& ctx, fs::path* root, isms::Store* store, const isms::LoadOptions& load) {
  if (auto s = ctx.store_root(root); !s.is_ok()) return report_status(ctx, s);
  isms::Diagnostics diags;
  if (auto s = isms::load_store(*ctx.env, *root, load, store, diags); !s.is_ok()) return report_status(ctx, s);
  if (!store->config) {
    diags.finish();
    print_diagnostics(ctx, *root, diags);
    return report_status(ctx, isms::Status::invalid_argument("isms-obj.yaml has problems; run isms-obj validate"));
  }
  isms::Diagnostics unreadable;
  if (const std::size_t files = isms::unreadable_files(diags, &unreadable); files > 0) {
    unreadable.finish();
    print_diagnostics(ctx, *root, unreadable);
    *ctx.err << isms::trf("isms-obj: error: record files that could not be read: {}; they would be missing from "
                          "what this command shows, so it shows nothing. Fix them (isms-obj validate lists every "
                          "problem), or narrow the command to other units or years\n",
                          files);
    return kProblems;
  }
  return kOk;
}

isms::Store& store_until_exit() {
  // Reachable from a static pointer, so leak checkers do not count it.
  static auto* const kept = new std::vector<std::unique_ptr<isms::Store>>;
  return *kept->emplace_back(std::make_unique<isms::Store>());
}

int print_or_write(const Context& ctx, const std::string& output, const std::string& text) {
  if (output.empty()) {
    *ctx.out << text;
    return kOk;
  }
  if (auto s = ctx.env->write_file(output, text, /*exclusive=*/false); !s.is_ok()) return report_status(ctx, s);
  note(ctx, isms::trf("wrote {}", output));
  return kOk;
}

void note_width(const Context& ctx, const std::string& text, std::string_view wider) {
  if (!ctx.columns) return;
  int widest = 0;
  std::size_t from = 0;
  while (from < text.size()) {
    std::size_t nl = text.find('\n', from);
    if (nl == std::string::npos) nl = text.size();
    widest = std::max(widest, isms::display_width(std::string_view(text).substr(from, nl - from)));
    from = nl + 1;
  }
  if (widest <= *ctx.columns) return;
  note(ctx, isms::trf("the output is {} columns wide and the terminal {}; read it with 'less -S', or {}", widest,
                      *ctx.columns, wider));
}

int report_status(const Context& ctx, const isms::Status& s) {
  if (s.is_ok()) return kOk;
  if (ctx.color_err) {
    *ctx.err << "isms-obj: " << isms::severity_tint(isms::Severity::Error) << isms::tr("error:") << isms::kTintEnd << ' '
             << s.message() << '\n';
  } else {
    *ctx.err << isms::tr("isms-obj: error: ") << s.message() << '\n';
  }
  return s.code() == isms::Status::Code::IoError ? kInternal : kUsage;
}

const CLI::Validator& date_validator() {
  static const CLI::Validator v(
      [](std::string& s) -> std::string {
        if (isms::Date::parse(s)) return {};
        // Well-formed but not on the calendar (2027-02-30) deserves its own words.
        const bool shaped = s.size() == 10 && s[4] == '-' && s[7] == '-' &&
                            std::all_of(s.begin(), s.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
        if (shaped) return isms::trf("'{}' is not a day of the calendar", s);
        return isms::trf("'{}' is not a date written YYYY-MM-DD", s);
      },
      "");
  return v;
}

void check_option_text(CLI::App& app) {
  static const CLI::Validator text(
      [](std::string& s) -> std::string {
        const auto problem = isms::check_record_text(s);
        if (!problem) return {};
        if (problem->kind == isms::TextProblem::Kind::ControlCharacter) {
          return isms::trf("holds {}; only tab and line breaks are allowed", isms::describe_character(problem->code_point));
        }
        if (problem->kind == isms::TextProblem::Kind::ByteOrderMark) return isms::tr("starts with a byte-order mark");
        return isms::tr("is not UTF-8");
      },
      "");
  for (CLI::Option* o : app.get_options()) {
    if (o->get_expected_max() != 0) o->check(text);  // flags take no text
  }
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) check_option_text(*sub);
}

namespace {

class StableFormatter : public CLI::Formatter {
 public:
  std::string make_option_opts(const CLI::Option* opt) const override {
    // The text up to the relations is CLI11's own; the relations follow, sorted.
    std::string out = opt->get_option_text().empty() ? base_opts(opt) : " " + opt->get_option_text();
    if (!opt->get_option_text().empty()) return out;
    auto relation = [&](const std::set<CLI::Option*>& options, const char* label) {
      if (options.empty()) return;
      std::vector<std::string> names;
      for (const CLI::Option* o : options) names.push_back(o->get_name());
      std::sort(names.begin(), names.end());
      out += " " + get_label(label) + ":";
      for (const auto& n : names) out += " " + n;
    };
    relation(opt->get_needs(), "Needs");
    relation(opt->get_excludes(), "Excludes");
    return out;
  }

 private:
  // CLI11's text for an option without its needs and excludes.
  std::string base_opts(const CLI::Option* opt) const {
    std::string out;
    if (opt->get_type_size() != 0) {
      if (!opt->get_type_name().empty()) out += " " + get_label(opt->get_type_name());
      if (!opt->get_default_str().empty()) out += "=" + opt->get_default_str();
      if (opt->get_expected_max() == CLI::detail::expected_max_vector_size) {
        out += " ...";
      } else if (opt->get_expected_min() > 1) {
        out += " x " + std::to_string(opt->get_expected());
      }
      if (opt->get_required()) out += " " + get_label("REQUIRED");
    }
    if (!opt->get_envname().empty()) out += " (" + get_label("Env") + ":" + opt->get_envname() + ")";
    return out;
  }
};

}  // namespace

std::shared_ptr<CLI::Formatter> stable_formatter() { return std::make_shared<StableFormatter>(); }

}  // namespace cli

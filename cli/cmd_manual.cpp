// isms-obj manual DIR: the man pages, isms-obj(1) and one
// isms-obj-<command>(1) per command, made from this command-line definition
// (names, options, their values, defaults and groups) and each command's
// documentation (context.h, CommandDoc), so that a page cannot describe
// another program than the one it comes with. Not listed in --help: the
// build runs it (cmake/from_cli.cmake), then preconv turns the UTF-8 pages
// into ASCII roff.
//
// Every non-ASCII character a page uses gets a fallback definition for
// output devices without it (`man` in the POSIX locale writes ASCII): a
// few typographic characters become their ASCII look-alikes, any other one
// (the form's Chinese labels) is left out, so that such a reader sees the
// English text without troff warnings.
#include <algorithm>
#include <ctime>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "context.h"
#include "isms/base/text.h"

namespace cli {

namespace {

struct ManualCommand {
  std::string dir;
  long long epoch = 0;
};

// Text for roff: a backslash is \e, a hyphen the minus sign \- (options and
// commands stay copyable), `code` is bold, and a line may not begin with a
// control character.
std::string roff(std::string_view text) {
  std::string out;
  bool bold = false;
  for (char c : text) {
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else if (c == '`') {
      out += bold ? "\\fR" : "\\fB";
      bold = !bold;
    } else {
      out += c;
    }
  }
  if (bold) out += "\\fR";
  std::string lines;
  std::size_t from = 0;
  while (from <= out.size()) {
    std::size_t nl = out.find('\n', from);
    if (nl == std::string::npos) nl = out.size();
    std::string line = out.substr(from, nl - from);
    if (!line.empty() && (line[0] == '.' || line[0] == '\'')) line = "\\&" + line;
    lines += line;
    if (nl < out.size()) lines += '\n';
    from = nl + 1;
  }
  return lines;
}

// Paragraphs (separated by blank lines) as roff paragraphs.
std::string paragraphs(std::string_view text) {
  std::string out;
  std::size_t from = 0;
  while (from < text.size()) {
    std::size_t end = text.find("\n\n", from);
    if (end == std::string::npos) end = text.size();
    out += ".PP\n" + roff(text.substr(from, end - from)) + "\n";
    from = end + 2;
  }
  return out;
}

// One option as a tagged paragraph: its names and value, what it does,
// then its choices, range, default, and whether it is required or may be
// repeated.
std::string option_entry(const CLI::Option* o) {
  std::string names;
  for (const auto& n : o->get_snames()) names += (names.empty() ? "" : ", ") + fmt::format("\\fB{}\\fR", roff("-" + n));
  for (const auto& n : o->get_lnames()) names += (names.empty() ? "" : ", ") + fmt::format("\\fB{}\\fR", roff("--" + n));
  if (!o->nonpositional()) names = fmt::format("\\fI{}\\fR", roff(o->get_name()));
  std::string notes;
  if (o->get_expected_max() != 0) {
    const std::string type = o->get_type_name();
    // option_text("REF") names the value where the type would.
    std::string value = !o->get_option_text().empty() ? o->get_option_text() : type.substr(0, type.find(':'));
    if (value.empty()) value = "VALUE";
    if (o->nonpositional()) names += fmt::format(" \\fI{}\\fR", roff(value));
    if (auto open = type.find('{'), close = type.find('}'); open != std::string::npos && close > open) {
      std::string choices = type.substr(open + 1, close - open - 1);
      std::string listed;
      std::size_t at = 0;
      while (at <= choices.size()) {
        const std::size_t comma = std::min(choices.find(',', at), choices.size());
        listed += (listed.empty() ? "" : ", ") + fmt::format("`{}`", choices.substr(at, comma - at));
        at = comma + 1;
      }
      notes += fmt::format(" One of {}.", listed);
    } else if (auto in = type.find(" in ["); in != std::string::npos) {
      const std::string range = type.substr(in + 5, type.find(']', in) - in - 5);
      const std::size_t dash = range.find(" - ");
      if (dash != std::string::npos) notes += fmt::format(" From {} to {}.", range.substr(0, dash), range.substr(dash + 3));
    }
    if (!o->get_default_str().empty()) notes += fmt::format(" Default: `{}`.", o->get_default_str());
    if (o->get_expected_max() > 1) notes += " May be given more than once.";
  }
  if (o->get_required()) notes += " Required.";
  std::string description = o->get_description();
  if (!description.empty() && description.back() != '.') description += '.';
  return fmt::format(".TP\n{}\n{}\n", names, roff(description + notes));
}

// The options of `app` under OPTIONS, grouped as --help groups them.
std::string options_section(const CLI::App* app, const std::string& heading) {
  std::map<std::string, std::vector<const CLI::Option*>> groups;
  std::vector<std::string> order;
  for (const CLI::Option* o : app->get_options()) {
    if (o->get_group().empty()) continue;
    const bool positional = !o->nonpositional();
    const std::string group = positional ? "Arguments" : o->get_group();
    if (!groups.count(group)) order.push_back(group);
    groups[group].push_back(o);
  }
  std::string out = ".SH " + heading + "\n";
  for (const auto& group : order) {
    if (group != "Options") out += ".SS " + roff(group) + "\n";
    for (const CLI::Option* o : groups[group]) out += option_entry(o);
  }
  return out;
}

constexpr const char* kEnvironment =
    ".TP\n.B ISMS_OBJ_STORE\nThe store, when \\fB\\-\\-store\\fR is not given. Without either, the nearest directory at or "
    "above the current one that holds \\fIisms\\-obj.yaml\\fR is the store.\n"
    ".TP\n.B ISMS_OBJ_LANG\nThe language of messages and help, \\fBzh\\-TW\\fR or \\fBen\\fR, for scripts that read "
    "messages; \\fB\\-\\-lang\\fR overrides it. Without either, the store's \\fIlanguage\\fR, else the locale.\n"
    ".TP\n.BR LC_ALL \", \" LC_MESSAGES \", \" LANG \", \" LANGUAGE\n"
    "Outside a store, choose the language of messages as gettext does.\n"
    ".TP\n.B TZ\nToday's date, unless \\fB\\-\\-today\\fR is given, is the local date in this time zone.\n"
    ".TP\n.B NO_COLOR\nSet to anything but the empty string, no colour on a terminal "
    "(\\fB\\-\\-color=always\\fR still colours).\n"
    ".TP\n.BR TERM \", \" COLUMNS\nA \\fBdumb\\fR terminal gets no colour; \\fBCOLUMNS\\fR is the width "
    "printed text is measured against when standard output is not a terminal.\n"
    ".TP\n.B GITHUB_STEP_SUMMARY\nWhere \\fBvalidate \\-\\-format github\\fR adds its Markdown summary "
    "(GitHub Actions sets it).\n"
    ".TP\n.B TMPDIR\nWhere \\fBreport \\-\\-format xlsx\\fR makes its private scratch directory.\n";

constexpr const char* kFiles =
    ".TP\n.I isms\\-obj.yaml\nThe store's configuration: organisation, people, units, roles and policy.\n"
    ".TP\n.I units/<unit>/<year>/setting.yaml\nA unit's objective setting table (ISMS\\-P\\-005\\-01) for a year.\n"
    ".TP\n.I units/<unit>/<year>/results/q<Q>/<objective>.yaml\nOne objective's result for a quarter "
    "(ISMS\\-P\\-005\\-02).\n"
    ".TP\n.I approvals/ confirmations/ reviews/ referrals/\nThe CISO's decisions, the heads' confirmations, the "
    "quarterly reviews and the corrective\\-action referrals.\n"
    ".TP\n.I .isms\\-obj/lock\\fR, \\fI.isms\\-obj/cache/\nThe write lock and the caches (each record file's typed record, "
    "validate's findings); never committed, never needed: \\fB\\-\\-no\\-cache\\fR leaves them alone, and removing "
    "the directory clears them.\n"
    ".TP\n.I /usr/share/isms\\-obj/schemas/\nJSON Schemas of every record kind (for editors) and of the JSON "
    "outputs.\n"
    ".TP\n.I /usr/share/doc/isms\\-obj/\nThe full documentation: formats, diagnostics, reports, integration, "
    "examples.\n";

// Fallbacks for the non-ASCII characters of `page` (see the file comment).
std::string fallbacks(const std::string& page) {
  static const std::map<char32_t, std::string> ascii = {
      {U'\u2014', "\\-\\-"}, {U'\u2013', "\\-"}, {U'\u2026', "..."}, {U'\u2192', "\\->"}, {U'\u00a7', "sec.\\~"},
      {U'\u2018', "'"},      {U'\u2019', "'"},  {U'\u201c', "\""},  {U'\u201d', "\""},  {U'\u00d7', "x"},
      {U'\u00f7', "/"},      {U'\u2265', ">="}, {U'\u2264', "<="},  {U'\u270e', "*"}};
  std::set<char32_t> used;
  for (const auto& c : isms::characters(page)) {
    if (c.code_point >= 0x80) used.insert(c.code_point);
  }
  // A typographic character has an ASCII look-alike on every device but
  // utf8 (groff's own ASCII stand-ins, such as <section>, read worse); any
  // other one is left out where the device lacks it.
  std::string out;
  for (char32_t cp : used) {
    const auto it = ascii.find(cp);
    const auto code = static_cast<unsigned>(cp);
    out += it == ascii.end() ? fmt::format(".if !c\\[u{:04X}] .char \\[u{:04X}] \\&\n", code, code)
                             : fmt::format(".if !'\\*[.T]'utf8' .char \\[u{:04X}] {}\n", code, it->second);
  }
  return out;
}

bool cjk(char32_t cp) { return cp >= 0x2E80 && cp <= 0xFFEF; }

// `body` with each run of Chinese (a form's label such as 目標(量測)項目,
// with the brackets, slashes and the ": " that tie it to the English after
// it) replaced by a string defined at the top, which devices without
// Chinese define as nothing: "目標(量測)項目: what is measured" reads
// "what is measured" there, not "(): what is measured".
std::string labels_as_strings(const std::string& body, std::string* definitions) {
  const auto chars = isms::characters(body);
  std::string out;
  std::size_t copied = 0;
  int runs = 0;
  for (std::size_t i = 0; i < chars.size(); ++i) {
    if (!cjk(chars[i].code_point)) continue;
    std::size_t end = i;  // the last character of the run
    for (std::size_t k = i + 1; k < chars.size(); ++k) {
      const char32_t cp = chars[k].code_point;
      if (cjk(cp)) {
        end = k;
      } else if (cp != '(' && cp != ')' && cp != '/') {
        break;
      }
    }
    // A closing bracket of the label belongs to it.
    while (end + 1 < chars.size() && chars[end + 1].code_point == ')') ++end;
    std::size_t stop = chars[end].offset + chars[end].size;
    if (body.compare(stop, 2, ": ") == 0) stop += 2;
    const std::string run = body.substr(chars[i].offset, stop - chars[i].offset);
    const std::string id = fmt::format("zh{}", ++runs);
    *definitions += fmt::format(".ds {} {}\n.if !'\\*[.T]'utf8' .ds {}\n", id, run, id);
    out += body.substr(copied, chars[i].offset - copied) + "\\*[" + id + "]";
    copied = stop;
    while (i + 1 < chars.size() && chars[i + 1].offset < stop) ++i;
  }
  return out + body.substr(copied);
}

std::string page(const std::string& name, const std::string& summary, const std::string& date, const std::string& body) {
  std::string upper = name;
  for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  // Left-adjusted without hyphenation: paths and options stay whole.
  // NAME stays as written: whatis reads it.
  std::string labels;
  const std::string rest = labels_as_strings(body, &labels);
  std::string text = fmt::format(".TH {} 1 {} \"isms\\-obj {}\" \"User Commands\"\n.ad l\n.nh\n.SH NAME\n{} \\- {}\n{}", roff(upper),
                                 date, ISMS_VERSION, roff(name), roff(summary), rest);
  return ".\\\" Made by 'isms-obj manual' from its command-line definition; do not edit.\n" + fallbacks(text + labels) +
         labels + text;
}

// A command line in lines of at most `width` columns, continued with " \",
// broken only between words outside quotes (still one shell command).
std::string shell_lines(const std::string& command, std::size_t width) {
  std::vector<std::string> words;
  std::string word;
  char quote = 0;
  for (char c : command) {
    if (quote == 0 && c == ' ') {
      if (!word.empty()) words.push_back(word);
      word.clear();
      continue;
    }
    if (c == '\'' || c == '"') quote = quote == 0 ? c : (quote == c ? 0 : quote);
    word += c;
  }
  if (!word.empty()) words.push_back(word);
  std::string out, line;
  for (const auto& w : words) {
    if (!line.empty() && line.size() + 1 + w.size() + 2 > width) {
      out += line + " \\\n";
      line = "  ";
    }
    line += (line.empty() || line == "  " ? "" : " ") + w;
  }
  return out + line;
}

std::string examples_section(const CommandDoc& doc) {
  if (doc.examples.empty()) return {};
  std::string out = ".SH EXAMPLES\n";
  for (const auto& e : doc.examples) {
    std::string lines;
    std::size_t from = 0;
    while (from <= e.command.size()) {  // each command of the example
      std::size_t nl = e.command.find('\n', from);
      if (nl == std::string::npos) nl = e.command.size();
      lines += (lines.empty() ? "" : "\n") + shell_lines(e.command.substr(from, nl - from), 72);
      from = nl + 1;
    }
    out += ".PP\n" + roff(e.what) + "\n.PP\n.RS 4\n.nf\n\\fB" + roff(lines) + "\\fR\n.fi\n.RE\n";
  }
  return out;
}

std::string exit_section(const CommandDoc& doc) {
  std::string out = ".SH \"EXIT STATUS\"\n";
  for (const auto& [code, meaning] : doc.exit_status) out += fmt::format(".TP\n.B {}\n{}\n", code, roff(meaning));
  return out;
}

int run(const Context& ctx, CLI::App& app, const ManualCommand& opt) {
  std::tm tm{};
  const std::time_t when = static_cast<std::time_t>(opt.epoch);
  gmtime_r(&when, &tm);
  char date[16];
  std::strftime(date, sizeof date, "%Y-%m-%d", &tm);

  std::vector<const CLI::App*> commands;
  for (const CLI::App* sub : app.get_subcommands([](CLI::App* s) { return !s->get_group().empty(); })) {
    commands.push_back(sub);
  }
  std::sort(commands.begin(), commands.end(),
            [](const CLI::App* a, const CLI::App* b) { return a->get_name() < b->get_name(); });

  const CommandDoc empty;
  auto write = [&](const std::string& file, const std::string& text) {
    if (auto s = ctx.env->write_file(std::filesystem::path(opt.dir) / file, text, false); !s.is_ok()) {
      return report_status(ctx, s);
    }
    return static_cast<int>(kOk);
  };

  // isms-obj(1): the procedure, the commands, the global options.
  const CommandDoc& main_doc = documentation(&app) ? *documentation(&app) : empty;
  std::string body = ".SH SYNOPSIS\n.B isms\\-obj\n[\\fIglobal options\\fR] \\fIcommand\\fR [\\fIoptions\\fR]\n";
  body += ".SH DESCRIPTION\n" + paragraphs(main_doc.description);
  body += ".SH COMMANDS\n";
  for (const CLI::App* sub : commands) {
    body += fmt::format(".TP\n.BR isms\\-obj\\-{} (1)\n{}\n", roff(sub->get_name()), roff(sub->get_description()));
  }
  body += options_section(&app, "OPTIONS") + examples_section(main_doc) + exit_section(main_doc);
  body += std::string(".SH ENVIRONMENT\n") + kEnvironment + ".SH FILES\n" + kFiles + ".SH \"SEE ALSO\"\n";
  for (const CLI::App* sub : commands) body += fmt::format(".BR isms\\-obj\\-{} (1),\n", roff(sub->get_name()));
  body += ".BR isms\\-obj\\-cron (1),\n.BR git (1).\n";
  if (int rc = write("isms-obj.1", page("isms-obj", "information-security objectives (ISMS-P-005) on a git-tracked "
                                                    "store of YAML records",
                                        date, body));
      rc != kOk) {
    return rc;
  }

  for (const CLI::App* sub : commands) {
    const std::string name = sub->get_name();
    const CommandDoc& doc = documentation(sub) ? *documentation(sub) : empty;
    std::string synopsis = fmt::format(".SH SYNOPSIS\n.B isms\\-obj\n[\\fIglobal options\\fR]\n.B {}\n[\\fIoptions\\fR]",
                                       roff(name));
    for (const CLI::Option* o : sub->get_options()) {
      if (o->nonpositional()) continue;
      const std::string arg = fmt::format("\\fI{}\\fR", roff(o->get_name()));
      synopsis += o->get_required() ? " " + arg : " [" + arg + "]";
    }
    std::string text = synopsis + "\n.SH DESCRIPTION\n" + paragraphs(doc.description.empty() ? sub->get_description()
                                                                                              : doc.description);
    text += options_section(sub, "OPTIONS");
    text += ".SS \"Global options\"\nAs for every command (\\fBisms\\-obj\\fR(1)): ";
    std::string globals;
    for (const CLI::Option* o : app.get_options()) {
      if (o->get_group().empty() || !o->nonpositional() || o->get_lnames().empty()) continue;
      const std::string& l = o->get_lnames().front();
      if (l == "help" || l == "version") continue;
      globals += (globals.empty() ? "" : ", ") + fmt::format("\\fB{}\\fR", roff("--" + l));
    }
    text += globals + ".\n";
    text += examples_section(doc) + exit_section(doc);
    text += std::string(".SH ENVIRONMENT\n") + kEnvironment + ".SH FILES\n" + kFiles + ".SH \"SEE ALSO\"\n.BR isms\\-obj (1)";
    for (const auto& other : doc.see_also) text += fmt::format(",\n.BR isms\\-obj\\-{} (1)", roff(other));
    text += ";\nthe full documentation in\n.IR /usr/share/doc/isms\\-obj/cli.md .\n";
    if (int rc = write("isms-obj-" + name + ".1", page("isms-obj-" + name, sub->get_description(), date, text)); rc != kOk) {
      return rc;
    }
  }
  return kOk;
}

}  // namespace

void register_manual(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<ManualCommand>();
  // An empty group keeps it out of --help, the completions and the pages.
  CLI::App* sub = app.add_subcommand("manual", "Write the man pages into DIR (used by the build)")->group("");
  sub->add_option("dir", opt->dir, "Where the pages go")->required();
  sub->add_option("--epoch", opt->epoch, "The pages' date, in seconds since 1970 (SOURCE_DATE_EPOCH)")->required();
  // isms-obj(1)'s own.
  document(&app, {
      "`isms-obj` runs an information-security objectives procedure (ISO/IEC 27001 clauses 6.2, 9.1 "
      "and 9.3; procedure ISMS-P-005) on a git-tracked directory of YAML records, the store. Units "
      "set yearly objectives (form ISMS-P-005-01), the CISO approves them, each quarter's results "
      "are recorded and reviewed (form ISMS-P-005-02), objectives missed repeatedly go to "
      "corrective action, and a summary goes to management review.\n\nEvery command is described in its "
      "own page, isms-obj-COMMAND(1), and by `isms-obj COMMAND --help`. Standard "
      "output carries what a command was asked for; diagnostics and notes go to standard error.",
      {{"A year of the procedure, from a new store to management review.",
        "isms-obj init records --organisation 'Example University'\nisms-obj set --year 2027 --unit lio --from-year 2026 --submit\nisms-obj approve --year 2027 --unit lio\nisms-obj record-quarter --from q1.csv\nisms-obj review --year 2027 --quarter 1 --unit lio --record --opinion 'Targets met'\nisms-obj report --year 2027 --format html --output management-review.html"}},
      {{0, "Fine."}, {1, "Problems found (invalid records, something late, retention violations)."}, {2, "Usage error or bad input; nothing was written."}, {3, "I/O or internal error."}},
      {}});
  CLI::App* root = &app;
  registry[sub] = [opt, root](const Context& ctx) { return run(ctx, *root, *opt); };
}

}  // namespace cli

// isms-obj completion: shell completion scripts generated from this very
// command-line definition (so they cannot drift from it), and the store
// values those scripts ask for while completing.
//
// What an option's value completes to follows from its type name: DIR and
// FILE complete paths; UNIT, PERSON, YEAR and OBJECTIVE ask the store
// (`isms-obj completion units|people|years|objectives`); a set of choices
// ({text,json}) or a small integer range completes to its members.
#include <algorithm>
#include <map>
#include <ostream>
#include <regex>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "context.h"
#include "isms/views/complete.h"

namespace cli {

namespace {

struct CompletionCommand {
  std::string what;
  std::optional<std::string> unit;
  std::optional<int> year;
};

// What may follow an option (or stand as a positional argument).
struct ValueSpec {
  enum Kind { None, Any, Dirs, Files, Store, Words } kind = None;
  std::string arg;  // Store: units|people|years|objectives; Words: the words, space-separated
  std::string label;  // shown by zsh: the type name without its checks
};

struct OptionSpec {
  std::vector<std::string> names;  // -h, --help
  std::string help;
  ValueSpec value;
  bool repeatable = false;
};

struct CommandSpec {
  std::string name;  // "" for the program's own (global) options
  std::string help;
  std::vector<OptionSpec> options;
  std::optional<ValueSpec> positional;
  std::string positional_name;
};

ValueSpec value_of(const CLI::Option* o) {
  ValueSpec v;
  if (o->get_expected_max() == 0) return v;  // a flag
  const std::string type = o->get_type_name();
  const std::string base = type.substr(0, type.find(':'));
  v.label = base;
  static const std::map<std::string, std::string> store_kinds = {
      {"UNIT", "units"}, {"PERSON", "people"}, {"YEAR", "years"}, {"OBJECTIVE", "objectives"}};
  // The type name, or the description of CLI::ExistingFile / ExistingDirectory after it.
  const auto names_a = [&type](std::string_view what) {
    return type == what || type.find(":" + std::string(what)) != std::string::npos ||
           type.rfind(std::string(what) + ":", 0) == 0;
  };
  if (names_a("DIR")) {
    v.kind = ValueSpec::Dirs;
  } else if (names_a("FILE")) {
    v.kind = ValueSpec::Files;
  } else if (auto it = store_kinds.find(base); it != store_kinds.end()) {
    v.kind = ValueSpec::Store;
    v.arg = it->second;
  } else if (auto open = type.find('{'), close = type.find('}'); open != std::string::npos && close > open) {
    // CLI::IsMember describes itself as {a,b,c}.
    v.kind = ValueSpec::Words;
    v.arg = type.substr(open + 1, close - open - 1);
    std::replace(v.arg.begin(), v.arg.end(), ',', ' ');
  } else {
    // CLI::Range describes itself as "INT in [lo - hi]": short ranges are listed.
    static const std::regex range(R"(INT in \[(-?\d+) - (-?\d+)\])");
    std::smatch m;
    if (std::regex_search(type, m, range) && std::stol(m[2]) - std::stol(m[1]) < 10) {
      v.kind = ValueSpec::Words;
      for (long i = std::stol(m[1]); i <= std::stol(m[2]); ++i) v.arg += (v.arg.empty() ? "" : " ") + std::to_string(i);
    } else {
      v.kind = ValueSpec::Any;
    }
  }
  return v;
}

CommandSpec spec_of(const CLI::App* app, const std::string& name, const std::vector<OptionSpec>& inherited) {
  CommandSpec c;
  c.name = name;
  c.help = app->get_description();
  for (const CLI::Option* o : app->get_options()) {
    if (!o->nonpositional()) {
      c.positional = value_of(o);
      c.positional_name = o->get_name();
      continue;
    }
    OptionSpec s;
    for (const auto& n : o->get_snames()) s.names.push_back("-" + n);
    for (const auto& n : o->get_lnames()) s.names.push_back("--" + n);
    s.help = o->get_description();
    s.value = value_of(o);
    s.repeatable = o->get_expected_max() > 1;
    c.options.push_back(std::move(s));
  }
  c.options.insert(c.options.end(), inherited.begin(), inherited.end());
  return c;
}

// The program's options first (name ""), then every subcommand by name.
// Subcommands also take the program's options after their name
// (fallthrough), except --help and --version, which they have or lack
// themselves.
std::vector<CommandSpec> commands_of(CLI::App& app) {
  std::vector<CommandSpec> out{spec_of(&app, "", {})};
  std::vector<OptionSpec> inherited;
  for (const auto& o : out[0].options) {
    if (o.value.kind != ValueSpec::None) inherited.push_back(o);
  }
  // Not the commands kept out of --help (an empty group): `manual`.
  auto subs = app.get_subcommands([](CLI::App* s) { return !s->get_group().empty(); });
  std::sort(subs.begin(), subs.end(), [](const CLI::App* a, const CLI::App* b) { return a->get_name() < b->get_name(); });
  for (const CLI::App* sub : subs) out.push_back(spec_of(sub, sub->get_name(), inherited));
  return out;
}

std::string single_quoted(std::string_view s) {
  std::string out = "'";
  for (char ch : s) out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  return out + "'";
}

std::string bash_value(const ValueSpec& v) {
  switch (v.kind) {
    case ValueSpec::None: return "none";
    case ValueSpec::Any: return "any";
    case ValueSpec::Dirs: return "dirs";
    case ValueSpec::Files: return "files";
    case ValueSpec::Store: return "store " + v.arg;
    case ValueSpec::Words: return "words " + v.arg;
  }
  return "none";
}

std::string bash_script(const std::vector<CommandSpec>& commands) {
  std::string names, options, values, positionals;
  for (const auto& c : commands) {
    if (!c.name.empty()) names += (names.empty() ? "" : " ") + c.name;
    std::string opts;
    for (const auto& o : c.options) {
      for (const auto& n : o.names) {
        opts += (opts.empty() ? "" : " ") + n;
        if (o.value.kind != ValueSpec::None) {
          values += fmt::format("    {}) echo {} ;;\n", single_quoted(c.name + " " + n), single_quoted(bash_value(o.value)));
        }
      }
    }
    options += fmt::format("    {}) echo {} ;;\n", single_quoted(c.name), single_quoted(opts));
    if (c.positional) {
      positionals += fmt::format("    {}) echo {} ;;\n", single_quoted(c.name), single_quoted(bash_value(*c.positional)));
    }
  }
  return fmt::format(R"SH(# bash completion for isms-obj, generated by `isms-obj completion bash` from the
# command-line definition of isms-obj {version}. Unit, person, year and
# objective ids are asked of the store while completing
# (`isms-obj completion units|people|years|objectives`).
#
#   source <(isms-obj completion bash)        # this shell
#   isms-obj completion bash > ~/.local/share/bash-completion/completions/isms-obj

_isms_obj_commands='{names}'

# The options of command $1 ('' before a command).
_isms_obj_options() {{
  case $1 in
{options}  esac
}}

# What follows option $2 of command $1: none (a flag), any, dirs, files,
# store KIND or words WORD...
_isms_obj_value() {{
  case "$1 $2" in
{values}    *) echo none ;;
  esac
}}

# What a non-option argument of command $1 is.
_isms_obj_positional() {{
  case $1 in
{positionals}    *) echo none ;;
  esac
}}

# Fills COMPREPLY with the values of kind $1 that start with $2. Uses the
# caller's _isms_obj_global and _isms_obj_context (the --store, --today,
# --unit and --year given so far).
_isms_obj_complete_value() {{
  local prog=${{COMP_WORDS[0]/#\~/$HOME}} values
  case $1 in
    dirs) compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -d -- "$2") ;;
    files) compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "$2") ;;
    words\ *) mapfile -t COMPREPLY < <(compgen -W "${{1#words }}" -- "$2") ;;
    store\ *)
      values=$("$prog" "${{_isms_obj_global[@]}}" completion "${{1#store }}" "${{_isms_obj_context[@]}}" 2>/dev/null) &&
        mapfile -t COMPREPLY < <(compgen -W "$values" -- "$2") ;;
  esac
}}

_isms_obj() {{
  local -a w=() _isms_obj_global=() _isms_obj_context=()
  local i cur cmd='' expect='' kind
  COMPREPLY=()
  # With '=' in COMP_WORDBREAKS (the default) --year=2026 arrives as three
  # words; drop the '=' so that it reads like --year 2026.
  for ((i = 1; i <= COMP_CWORD; i++)); do
    if [[ ${{COMP_WORDS[i]}} == = && ${{#w[@]}} -gt 0 && ${{w[-1]}} == -* ]]; then
      ((i == COMP_CWORD)) && w+=('')
      continue
    fi
    w+=("${{COMP_WORDS[i]}}")
  done
  cur=${{w[-1]}}
  for ((i = 0; i < ${{#w[@]}} - 1; i++)); do
    if [[ -n $expect ]]; then
      case $expect in
        --store | --today) _isms_obj_global+=("$expect" "${{w[i]}}") ;;
        --unit | --year) _isms_obj_context+=("$expect" "${{w[i]}}") ;;
      esac
      expect=''
      continue
    fi
    case ${{w[i]}} in
      --store=* | --today=*) _isms_obj_global+=("${{w[i]%%=*}}" "${{w[i]#*=}}") ;;
      --unit=* | --year=*) _isms_obj_context+=("${{w[i]%%=*}}" "${{w[i]#*=}}") ;;
      -*)
        kind=$(_isms_obj_value "$cmd" "${{w[i]}}")
        [[ $kind == none ]] && kind=$(_isms_obj_value '' "${{w[i]}}")
        [[ $kind != none ]] && expect=${{w[i]}} ;;
      *) [[ -z $cmd ]] && cmd=${{w[i]}} ;;
    esac
  done
  if [[ -n $expect ]]; then
    kind=$(_isms_obj_value "$cmd" "$expect")
    [[ $kind == none ]] && kind=$(_isms_obj_value '' "$expect")
    _isms_obj_complete_value "$kind" "$cur"
  elif [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(_isms_obj_options "$cmd")" -- "$cur")
  elif [[ -z $cmd ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$_isms_obj_commands" -- "$cur")
  else
    _isms_obj_complete_value "$(_isms_obj_positional "$cmd")" "$cur"
  fi
  return 0
}}

complete -F _isms_obj isms-obj
)SH",
                     fmt::arg("version", ISMS_VERSION), fmt::arg("names", names), fmt::arg("options", options),
                     fmt::arg("values", values), fmt::arg("positionals", positionals));
}

// Text inside an _arguments description ([...]) or a value label (:...:).
std::string zsh_escaped(std::string_view s) {
  std::string out;
  for (char ch : s) {
    if (ch == '[' || ch == ']' || ch == ':' || ch == '\\') out += '\\';
    out += ch;
  }
  return out;
}

std::string zsh_action(const ValueSpec& v) {
  switch (v.kind) {
    case ValueSpec::None: return "";
    case ValueSpec::Any: return " ";
    case ValueSpec::Dirs: return "_files -/";
    case ValueSpec::Files: return "_files";
    case ValueSpec::Store: return " _isms_obj_values " + v.arg;  // a leading space: called as written
    case ValueSpec::Words: return "(" + v.arg + ")";
  }
  return "";
}

// One _arguments spec per option: mutually exclusive spellings, repeat
// mark, description, and the value's label and action.
std::vector<std::string> zsh_specs(const CommandSpec& c) {
  std::vector<std::string> specs;
  for (const auto& o : c.options) {
    const bool exits = o.names.back() == "--help" || o.names.back() == "--version";
    std::string exclusion;
    if (exits) {
      exclusion = "(- *)";
    } else if (o.names.size() > 1) {
      exclusion = "(";
      for (const auto& n : o.names) exclusion += (exclusion.size() > 1 ? " " : "") + n;
      exclusion += ")";
    }
    for (const auto& n : o.names) {
      std::string spec = (o.repeatable ? "*" : exclusion) + n;
      if (o.value.kind != ValueSpec::None && n.rfind("--", 0) == 0) spec += "=";
      spec += "[" + zsh_escaped(o.help) + "]";
      if (o.value.kind != ValueSpec::None) spec += ":" + zsh_escaped(o.value.label) + ":" + zsh_action(o.value);
      specs.push_back(single_quoted(spec));
    }
  }
  if (c.positional) {
    specs.push_back(single_quoted("1:" + zsh_escaped(c.positional_name) + ":" + zsh_action(*c.positional)));
  }
  return specs;
}

std::string zsh_script(const std::vector<CommandSpec>& commands) {
  std::string described, cases, global;
  for (const auto& spec : zsh_specs(commands[0])) global += "    " + spec + " \\\n";
  for (std::size_t i = 1; i < commands.size(); ++i) {
    const auto& c = commands[i];
    described += "    " + single_quoted(c.name + ":" + c.help) + "\n";
    std::string specs;
    for (const auto& spec : zsh_specs(c)) specs += " \\\n            " + spec;
    cases += fmt::format("        {})\n          _arguments -s -S{} && ret=0 ;;\n", c.name, specs);
  }
  return fmt::format(R"SH(#compdef isms-obj
# zsh completion for isms-obj, generated by `isms-obj completion zsh` from the
# command-line definition of isms-obj {version}. Unit, person, year and
# objective ids are asked of the store while completing
# (`isms-obj completion units|people|years|objectives`).
#
#   isms-obj completion zsh > "${{fpath[1]}}/_isms-obj"   # then: compinit
#   source <(isms-obj completion zsh)                     # after compinit, this shell

# Values of kind $1 from the store named on the command line (--store), for
# the --today, --unit and --year given so far.
_isms_obj_values() {{
  local -a args values expl
  local i
  # Only the words before the one being completed.
  for ((i = 2; i < _isms_obj_current; i++)); do
    case ${{_isms_obj_words[i]}} in
      --store | --today | --unit | --year)
        ((i + 1 < _isms_obj_current)) && args+=(${{_isms_obj_words[i]}} "${{(Q)_isms_obj_words[i+1]}}") ;;
      --store=* | --today=* | --unit=* | --year=*) args+=(${{(Q)_isms_obj_words[i]}}) ;;
    esac
  done
  values=(${{(f)"$(${{_isms_obj_words[1]/#\~/$HOME}} completion $1 $args 2>/dev/null)"}})
  _wanted $1 expl $1 compadd -a values
}}

_isms_obj_commands() {{
  local -a commands
  commands=(
{described}  )
  _describe -t commands 'isms-obj command' commands
}}

_isms_obj() {{
  local -a _isms_obj_words
  _isms_obj_words=("${{words[@]}}")
  local _isms_obj_current=$CURRENT
  local curcontext=$curcontext state state_descr line ret=1
  typeset -A opt_args
  _arguments -s -S -C \
{global}    '(-): :->command' \
    '(-)*:: :->argument' && ret=0
  case $state in
    command) _isms_obj_commands && ret=0 ;;
    argument)
      curcontext=${{curcontext%:*:*}}:isms-obj-$words[1]:
      case $words[1] in
{cases}      esac ;;
  esac
  return ret
}}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _isms_obj "$@"
else
  compdef _isms_obj isms-obj
fi
)SH",
                     fmt::arg("version", ISMS_VERSION), fmt::arg("described", described), fmt::arg("global", global),
                     fmt::arg("cases", cases));
}

int run(const Context& ctx, CLI::App& app, const CompletionCommand& opt) {
  if (opt.what == "bash") {
    *ctx.out << bash_script(commands_of(app));
    return kOk;
  }
  if (opt.what == "zsh") {
    *ctx.out << zsh_script(commands_of(app));
    return kOk;
  }
  const auto kind = opt.what == "units"    ? isms::CompletionKind::Units
                    : opt.what == "people" ? isms::CompletionKind::People
                    : opt.what == "years"  ? isms::CompletionKind::Years
                                           : isms::CompletionKind::Objectives;
  std::filesystem::path root;
  if (auto s = ctx.store_root(&root); !s.is_ok()) return report_status(ctx, s);
  std::vector<std::string> values;
  if (auto s = isms::completion_values(*ctx.env, root, kind, {opt.year, opt.unit}, ctx.today(), ctx.cache_id(), &values);
      !s.is_ok()) {
    return report_status(ctx, s);
  }
  for (const auto& v : values) *ctx.out << v << '\n';
  return kOk;
}

}  // namespace

void register_completion(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<CompletionCommand>();
  CLI::App* sub = app.add_subcommand("completion", "Shell completion script (bash, zsh), or the store's ids it completes");
  sub->add_option("what", opt->what,
                  "bash or zsh: print the completion script; units, people, years or objectives: list them")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "units", "people", "years", "objectives"}));
  sub->add_option("--unit", opt->unit, "Years or objectives of this unit only")->type_name("UNIT");
  sub->add_option("--year", opt->year, "Objectives of this year (default: this year's)")
      ->check(CLI::Range(2000, 2200))
      ->type_name("YEAR");
  sub->footer(
      "bash: source <(isms-obj completion bash), or save it as\n"
      "  ~/.local/share/bash-completion/completions/isms-obj (installed packages put it in place).\n"
      "zsh: isms-obj completion zsh > \"${fpath[1]}/_isms-obj\", then compinit.");
  CLI::App* root = &app;
  document(sub, {
      "Prints the bash or zsh completion script, generated from this command line's own definition; "
      "the scripts ask the store for unit, person, year and objective ids while completing (`isms-obj "
      "completion units`, and so on). Installed packages put the scripts in place.",
      {{"In this bash session.",
        "source <(isms-obj completion bash)"},
       {"For zsh.",
        "isms-obj completion zsh > \"${fpath[1]}/_isms-obj\""}},
      {{0, "Printed."}, {2, "Usage error."}, {3, "The store could not be read."}},
      {}});
  registry[sub] = [opt, root](const Context& ctx) { return run(ctx, *root, *opt); };
}

}  // namespace cli

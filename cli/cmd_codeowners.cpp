// isms-obj codeowners: the CODEOWNERS file for the store's repository.
#include <ostream>

#include "context.h"
#include "isms/base/i18n.h"
#include "isms/render/codeowners.h"

namespace cli {

namespace {

struct CodeownersCommand {
  std::string output;
  std::optional<std::string> prefix;
};

// The store's directory relative to the top of its git work tree ("" when
// it is the top, or when it is not in one).
std::string repository_prefix(const std::filesystem::path& root) {
  std::error_code ec;
  const std::filesystem::path store = std::filesystem::weakly_canonical(std::filesystem::absolute(root, ec), ec);
  for (std::filesystem::path dir = store; !dir.empty(); dir = dir.parent_path()) {
    if (std::filesystem::exists(dir / ".git", ec)) {
      const std::string rel = std::filesystem::relative(store, dir, ec).generic_string();
      return rel == "." ? std::string() : rel;
    }
    if (dir == dir.parent_path()) break;
  }
  return {};
}

int run(const Context& ctx, const CodeownersCommand& opt) {
  std::filesystem::path root;
  isms::Store store;
  if (int rc = load_for_reading(ctx, &root, &store, isms::LoadScope::configuration()); rc != kOk) return rc;
  const isms::Date today = ctx.today();
  const auto rules = isms::codeowners(*store.config, today, opt.prefix ? *opt.prefix : repository_prefix(root));
  const std::string text = isms::render_codeowners(rules, today);
  for (const auto& why : rules.missing) *ctx.err << isms::tr("isms-obj: warning: no owner for ") << why << '\n';
  if (int rc = print_or_write(ctx, opt.output, text); rc != kOk) return rc;
  return rules.missing.empty() ? kOk : kProblems;
}

}  // namespace

void register_codeowners(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<CodeownersCommand>();
  CLI::App* sub = app.add_subcommand(
      "codeowners", isms::tr("Write a CODEOWNERS file from the roles: unit heads, the CISO, the executive secretary"));
  sub->add_option("--output", opt->output, isms::tr("Write to FILE (e.g. CODEOWNERS or .github/CODEOWNERS) instead of stdout"))
      ->type_name("FILE");
  sub->add_option("--prefix", opt->prefix,
                  isms::tr("The store's directory inside the repository (default: found from the git work tree)"))
      ->type_name("DIR");
  sub->footer(isms::tr("Roles as they stand on --today. Exit 1 when a path has no owner (a vacant role, no e-mail)."));
  document(sub, {
      "Writes a CODEOWNERS file from the configuration, so that the code host's required reviews "
      "enforce the procedure's authority: a unit's objectives and results need its head, approvals the "
      "CISO in office, the rest of the store the executive secretary. Owners are the people's e-mail "
      "addresses.",
      {{"At the repository's root, for the host.",
        "isms-obj codeowners --output CODEOWNERS"}},
      {{0, "Written."}, {1, "A path has no owner (a vacant role, a person without an e-mail address)."}, {2, "Usage error."}, {3, "The file could not be written."}},
      {"validate"}});
  registry[sub] = [opt](const Context& ctx) { return run(ctx, *opt); };
}

}  // namespace cli

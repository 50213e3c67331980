// isms-obj init: create a new store.
#include <ostream>

#include <fmt/format.h>

#include "context.h"
#include "isms/base/i18n.h"
#include "isms/ops/init.h"
#include "isms/render/outcome.h"

namespace cli {

namespace {

struct InitCommand {
  std::string dir = ".";
  bool dir_given = false;
  std::string organisation = "Organisation";
  std::string language = "zh-TW";
  std::string calendar = "roc";
  std::string format = "text";
};

int run(const Context& ctx, const InitCommand& opt) {
  isms::InitOptions o;
  o.organisation = opt.organisation;
  o.first_year = ctx.today().year;
  o.language = isms::from_name<isms::Language>(opt.language).value_or(isms::Language::ZhTW);
  o.calendar = isms::from_name<isms::Calendar>(opt.calendar).value_or(isms::Calendar::Roc);
  std::vector<std::string> written;
  // The store is DIR, else --store (the global option names the store for
  // every command, this one included), else the current directory.
  std::filesystem::path dir = std::filesystem::path(opt.dir);
  if (ctx.global.store) {
    const auto store = ctx.path_arg(*ctx.global.store).lexically_normal();
    if (opt.dir_given && ctx.path_arg(opt.dir).lexically_normal() != store) {
      return report_status(ctx, isms::Status::invalid_argument(
                                    isms::trf("--store {} and DIR {} name different directories; give one", *ctx.global.store,
                                              opt.dir)));
    }
    dir = store;
  }
  const isms::Status s = isms::init_store(*ctx.env, dir, o, &written);
  // What a failed init made stays listed: the re-run completes it.
  if (text_report(ctx, opt.format)) {
    for (const auto& rel : written) *ctx.out << "created " << ctx.display(dir, rel) << '\n';
  }
  if (!s.is_ok()) return report_status(ctx, s);
  if (opt.format == "json") *ctx.out << isms::init_report_json(ctx.display(dir, "."), written);
  if (!text_report(ctx, opt.format)) return kOk;
  *ctx.out << isms::trf("new store in {}: add people, units and roles to {}, then run 'isms-obj validate'\n",
                          ctx.display(dir, "."), ctx.display(dir, "isms-obj.yaml"));
  return kOk;
}

}  // namespace

void register_init(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<InitCommand>();
  CLI::App* sub = app.add_subcommand("init", isms::tr("Create a new store: config skeleton, schemas for editors, .gitignore"));
  sub->add_option_function<std::string>(
         "dir",
         [opt](const std::string& d) {
           opt->dir = d;
           opt->dir_given = true;
         },
         isms::tr("Directory for the store (created if missing; default: --store, else the current directory)"))
      ->type_name("DIR");
  sub->add_option("--organisation", opt->organisation, isms::tr("Organisation name (機關名稱)"))->capture_default_str();
  sub->add_option("--lang", opt->language, isms::tr("Label language: zh-TW or en"))
      ->check(CLI::IsMember(isms::all_names<isms::Language>()))
      ->capture_default_str();
  sub->add_option("--calendar", opt->calendar, isms::tr("Date display: roc or gregorian"))
      ->check(CLI::IsMember(isms::all_names<isms::Calendar>()))
      ->capture_default_str();
  add_report_format(sub, &opt->format);
  sub->footer(isms::tr("Refuses (exit 2) when the directory already holds isms-obj.yaml; never overwrites a file."));
  document(sub, {
      "Creates a new store in DIR (else `--store`, else the current directory): the configuration "
      "skeleton `isms-obj.yaml`, the JSON Schemas under `.isms-obj/schemas/` that records name for "
      "editors, and a `.gitignore` for the lock and the caches. It never overwrites a file, and a "
      "store interrupted while being made is completed by running it again.\n\nThen add the "
      "organisation's people, units and roles to `isms-obj.yaml`, and check it with `isms-obj "
      "validate`.",
      {{"A new store for a university, in a new directory.",
        "isms-obj init records --organisation 'Example University' --lang en --calendar gregorian"}},
      {{0, "The store was made."}, {2, "The directory already holds a store, or a usage error."}, {3, "A file could not be written."}},
      {"validate", "set"}});
  registry[sub] = [opt](const Context& ctx) { return run(ctx, *opt); };
}

}  // namespace cli

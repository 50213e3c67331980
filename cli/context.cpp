#include "context.h"

#include <ostream>

#include <fmt/format.h>

#include "isms/store.h"

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
  return isms::discover_store(flag, env_store, cwd, root);
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

int report_status(const Context& ctx, const isms::Status& s) {
  if (s.is_ok()) return kOk;
  *ctx.err << "isms-obj: error: " << s.message() << '\n';
  return s.code() == isms::Status::Code::IoError ? kInternal : kUsage;
}

const CLI::Validator& date_validator() {
  static const CLI::Validator v(
      [](std::string& s) -> std::string {
        if (isms::Date::parse(s)) return {};
        return fmt::format("'{}' is not a date written YYYY-MM-DD", s);
      },
      "");
  return v;
}

}  // namespace cli

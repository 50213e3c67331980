#include "isms/views/codeowners.h"
#include "isms/base/i18n.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace isms {

Codeowners codeowners(const Config& config, const Date& today, const std::string& prefix) {
  Codeowners out;
  const std::string root = "/" + (prefix.empty() || prefix.ends_with('/') ? prefix : prefix + "/");
  // An owner is a person with an e-mail address; anything else is reported.
  auto owner = [&](const std::string& person_id, const std::string& what) -> std::string {
    const Person* p = config.person(person_id);
    if (!p || p->email.empty()) {
      out.missing.push_back(fmt::format("{}: '{}' has no e-mail address in {}", what, person_id, "isms-obj.yaml"));
      return {};
    }
    return p->email;
  };
  auto role = [&](const std::vector<RoleTerm>& terms, const std::string& name) -> std::string {
    const RoleTerm* t = Config::holder_on(terms, today);
    if (!t) {
      out.missing.push_back(fmt::format("{}: nobody holds the role on {}", name, today.iso()));
      return {};
    }
    return owner(t->person, name);
  };
  auto add = [&](std::string pattern, const std::string& email, std::string why) {
    if (!email.empty()) out.rules.push_back(OwnerRule{root + pattern, {email}, std::move(why)});
  };

  const std::string secretary = role(config.executive_secretary, "executive secretary");
  const std::string ciso = role(config.ciso, "CISO");
  add("", secretary, "Anything else in the store: the ISMS executive secretary.");
  add("isms-obj.yaml", secretary, "Configuration (people, units, roles, policy): the executive secretary.");
  add("reviews/", secretary, "Quarterly reviews (ISMS-P-005-02 審核意見): the executive secretary.");
  add("referrals/", secretary, "Corrective-action referrals (ISMS-P-008): the executive secretary.");
  add("approvals/", ciso, "Approvals of setting tables: the CISO.");
  for (const auto& u : config.units) {
    const std::string head = owner(u.head, fmt::format("unit '{}'", u.id));
    add(fmt::format("units/{}/", u.id), head,
        fmt::format("{} ({}): objectives and results, by the unit's head.", u.name, u.id));
  }
  return out;
}

}  // namespace isms

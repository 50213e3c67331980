#include <doctest/doctest.h>

#include "isms/rules/referral.h"
#include "support.h"

using namespace test;

TEST_CASE("a quarter's review view: misses so far, the referral required and the one that covers it") {
  const isms::Store store = example_store();
  const auto views = isms::review_view(store, 2026, 3, std::string("lio"));
  REQUIRE(views.size() == 1);
  const isms::UnitReview& lio = views[0];
  CHECK(lio.name == "圖書資訊處");
  REQUIRE(lio.in_force);
  const isms::ObjectiveLine* patch = nullptr;
  for (const auto& line : lio.objectives) {
    if (line.id == "vuln-patch-rate") patch = &line;
  }
  REQUIRE(patch);
  CHECK(patch->missed == std::vector<int>{2, 3});
  CHECK(patch->referral_required);
  REQUIRE(patch->referral);
  CHECK(patch->referral->file == "referrals/2026/lio/vuln-patch-rate.yaml");
  CHECK(isms::covering_referral(store, 2026, "lio", "vuln-patch-rate", {2, 3}) == patch->referral);
  CHECK_FALSE(isms::covering_referral(store, 2026, "lio", "core-availability", {1, 2}));
}

TEST_CASE("validate reports a repeated miss without its referral at the review that saw it") {
  Scratch s("examples/university");
  std::filesystem::remove(s.root / "referrals/2026/lio/vuln-patch-rate.yaml");
  const auto l = load(s.root);
  isms::Diagnostics found;
  isms::check_referrals(l->store, found);
  REQUIRE(found.items().size() == 1);
  CHECK(found.items()[0].file == "reviews/2026/q3/lio.yaml");
  CHECK(isms::code_name(found.items()[0].code) == "referral.missing");
}

// review --record on the in-memory Env: who may review, when, and the
// referral a repeated miss requires.
#include <doctest/doctest.h>

#include "isms/ops/review.h"
#include "support.h"

using namespace test;

namespace {

isms::ReviewRequest request(const std::string& reviewer, const isms::Date& today) {
  isms::ReviewRequest req;
  req.year = 2026;
  req.quarter = 3;
  req.unit = "lio";
  req.reviewer = reviewer;
  req.opinion = "符合目標";
  req.today = today;
  req.write.lock_holder = "test";
  return req;
}

}  // namespace

TEST_CASE("review --record: refused before the quarter ends and for people without the role") {
  auto env = example_in_memory();
  (void)env->remove_file("/store/reviews/2026/q3/lio.yaml");
  isms::ReviewOutcome out;
  isms::Diagnostics diags;
  const auto early = isms::record_review(*env, "/store", request("lee.ch", {2026, 9, 30}), &out, diags);
  CHECK(early.message().find("it is reviewed after it ends") != std::string::npos);
  const auto outsider = isms::record_review(*env, "/store", request("hsu.cw", {2026, 11, 24}), &out, diags);
  CHECK(outsider.message().find("may not record reviews") != std::string::npos);
  CHECK(env->writes() == 0);
}

TEST_CASE("review --record raises the referral a second miss requires, once") {
  auto env = example_in_memory();
  (void)env->remove_file("/store/reviews/2026/q3/lio.yaml");
  (void)env->remove_file("/store/referrals/2026/lio/vuln-patch-rate.yaml");
  isms::ReviewOutcome out;
  isms::Diagnostics diags;
  REQUIRE(isms::record_review(*env, "/store", request("lee.ch", {2026, 11, 24}), &out, diags).is_ok());
  CHECK(out.review_written);
  CHECK(out.referrals == std::vector<std::string>{"referrals/2026/lio/vuln-patch-rate.yaml"});
  const auto referral = env->get("/store/referrals/2026/lio/vuln-patch-rate.yaml");
  REQUIRE(referral);
  CHECK(referral->find("  - quarter: 2\n") != std::string::npos);
  CHECK(referral->find("  - quarter: 3\n") != std::string::npos);
  CHECK(referral->find("state: open\n") != std::string::npos);

  isms::ReviewOutcome again;
  REQUIRE(isms::record_review(*env, "/store", request("lee.ch", {2026, 11, 24}), &again, diags).is_ok());
  CHECK_FALSE(again.review_written);
  CHECK(again.referrals.empty());
}

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
  CHECK(outsider.message().find("'hsu.cw' may not record the review") != std::string::npos);
  CHECK(env->writes() == 0);
}

TEST_CASE("review --record: the CISO of the day or a deputy named for that day, and nobody else") {
  const std::string deputy =
      "  ciso_deputy:\n    - person: wang.jh\n      from: \"2026-11-01\"\n      until: \"2026-11-30\"\n";
  struct Case {
    std::string reviewer;
    isms::Date day;
    bool with_deputy;
    std::string refusal;  // empty: recorded
  };
  const Case cases[] = {
      {"lee.ch", {2026, 11, 24}, false, ""},
      {"chan.sy", {2026, 11, 24}, false,
       "on 2026-11-24 that is lee.ch (李志宏, since 2025-08-01); no deputy is named for that day"},
      {"lin.mh", {2026, 11, 24}, false, "'lin.mh' may not record the review"},  // the executive secretary
      {"chen.yl", {2026, 11, 24}, false, "'chen.yl' may not record the review"},  // the security team
      {"wang.jh", {2026, 11, 24}, true, ""},
      {"wang.jh", {2026, 12, 1}, true, "no deputy is named for that day"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.reviewer);
    CAPTURE(c.day.iso());
    auto env = example_in_memory();
    (void)env->remove_file("/store/reviews/2026/q3/lio.yaml");
    if (c.with_deputy) {
      std::string config = *env->get("/store/isms-obj.yaml");
      const auto at = config.find("  executive_secretary:");
      REQUIRE(at != std::string::npos);
      env->put("/store/isms-obj.yaml", config.insert(at, deputy));
    }
    isms::ReviewOutcome out;
    isms::Diagnostics diags;
    const auto s = isms::record_review(*env, "/store", request(c.reviewer, c.day), &out, diags);
    if (c.refusal.empty()) {
      CHECK(s.is_ok());
      CHECK(out.review_written);
    } else {
      CHECK(s.message().find(c.refusal) != std::string::npos);
      CHECK_FALSE(out.review_written);
    }
  }
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

namespace {

isms::ConfirmRequest confirm_request(const std::string& by, const isms::Date& today) {
  isms::ConfirmRequest req;
  req.year = 2026;
  req.quarter = 3;
  req.unit = "lio";
  req.by = by;
  req.today = today;
  req.write.lock_holder = "test";
  return req;
}

}  // namespace

TEST_CASE("review --confirm: the unit's head confirms the results on record, once; an amendment needs another") {
  auto env = example_in_memory();
  isms::ConfirmOutcome out;
  isms::Diagnostics diags;
  struct Refusal {
    std::string by;
    isms::Date day;
    std::string why;
  } refusals[] = {
      {"lin.mh", {2026, 9, 30}, "its results are confirmed after it ends"},
      {"lee.ch", {2026, 10, 5}, "only the head of unit 'lio' (權責主管) confirms its results; isms-obj.yaml names "
                                "'lin.mh' (林明輝), not 'lee.ch'"},
      {"chen.yl", {2026, 10, 5}, "not 'chen.yl'"},
  };
  for (const auto& r : refusals) {
    CAPTURE(r.by);
    CHECK(isms::confirm_results(*env, "/store", confirm_request(r.by, r.day), &out, diags).message().find(r.why) !=
          std::string::npos);
  }
  CHECK(env->writes() == 0);

  REQUIRE(isms::confirm_results(*env, "/store", confirm_request("lin.mh", {2026, 10, 5}), &out, diags).is_ok());
  CHECK(out.written);
  CHECK(out.confirmation == "confirmations/2026/q3/lio.yaml");
  CHECK(out.results.size() == 7);
  const auto text = env->get("/store/confirmations/2026/q3/lio.yaml");
  REQUIRE(text);
  CHECK(text->find("confirmed_by: lin.mh\ndate: \"2026-10-05\"\nresults:\n") != std::string::npos);
  CHECK(text->find("  vuln-patch-rate: 1\n") != std::string::npos);

  isms::ConfirmOutcome again;
  REQUIRE(isms::confirm_results(*env, "/store", confirm_request("lin.mh", {2026, 10, 6}), &again, diags).is_ok());
  CHECK_FALSE(again.written);

  // An amendment after the confirmation: the next confirmation names it, the first stays.
  env->put("/store/units/lio/2026/results/q3/pii-incidents.2.yaml",
           "kind: result\nyear: 2026\nquarter: 3\nunit: lio\nobjective: pii-incidents\nactual: 0\n"
           "reported_by: chen.yl\nreported: \"2026-10-07\"\nsequence: 2\nreason: 更正\n");
  isms::ConfirmOutcome second;
  REQUIRE(isms::confirm_results(*env, "/store", confirm_request("lin.mh", {2026, 10, 8}), &second, diags).is_ok());
  CHECK(second.confirmation == "confirmations/2026/q3/lio.2.yaml");
  CHECK(env->get("/store/confirmations/2026/q3/lio.2.yaml")->find("  pii-incidents: 2\n") != std::string::npos);
  CHECK(env->get("/store/confirmations/2026/q3/lio.yaml") == text);
}

TEST_CASE("review --record under policy.confirmation required: refused until the head confirms, then names them") {
  auto env = example_in_memory();
  (void)env->remove_file("/store/reviews/2026/q3/lio.yaml");
  std::string config = *env->get("/store/isms-obj.yaml");
  const auto at = config.find("policy:\n");
  REQUIRE(at != std::string::npos);
  env->put("/store/isms-obj.yaml", config.insert(at + 8, "  confirmation: required\n  confirmation_from: \"2026-10-01\"\n"));
  isms::ReviewOutcome out;
  isms::Diagnostics diags;
  const auto refused = isms::record_review(*env, "/store", request("lee.ch", {2026, 11, 24}), &out, diags);
  CHECK(refused.message().find("has not confirmed the Q3 2026 results; policy.confirmation is required") !=
        std::string::npos);
  isms::ConfirmOutcome confirmed;
  REQUIRE(isms::confirm_results(*env, "/store", confirm_request("lin.mh", {2026, 11, 20}), &confirmed, diags).is_ok());
  REQUIRE(isms::record_review(*env, "/store", request("lee.ch", {2026, 11, 24}), &out, diags).is_ok());
  CHECK(env->get("/store/reviews/2026/q3/lio.yaml")->find("supervisor: lin.mh\n") != std::string::npos);
}

// referral --close on the example store in memory: the CISO of the day
// closes an open referral written by the tool; nobody else, nothing else.
#include <doctest/doctest.h>

#include "isms/ops/referral.h"
#include "isms/ops/review.h"
#include "support.h"

using namespace test;

namespace {

const char* kReferral = "/store/referrals/2026/lio/vuln-patch-rate.yaml";

// The example with the Q3 review recorded again by the tool, so that the
// referral it raises is the tool's own file.
std::unique_ptr<isms::MemEnv> with_open_referral() {
  auto env = example_in_memory();
  (void)env->remove_file("/store/reviews/2026/q3/lio.yaml");
  (void)env->remove_file(kReferral);
  isms::ReviewRequest req;
  req.year = 2026;
  req.quarter = 3;
  req.unit = "lio";
  req.reviewer = "lee.ch";
  req.opinion = "請提出矯正措施。";
  req.today = {2026, 11, 24};
  req.write.lock_holder = "test";
  isms::ReviewOutcome out;
  isms::Diagnostics diags;
  REQUIRE(isms::record_review(*env, "/store", req, &out, diags).is_ok());
  REQUIRE(env->get(kReferral));
  return env;
}

isms::CloseReferralRequest close(const std::string& by, const std::string& evidence) {
  isms::CloseReferralRequest req;
  req.year = 2026;
  req.unit = "lio";
  req.objective = "vuln-patch-rate";
  req.by = by;
  req.evidence = evidence;
  req.today = {2026, 12, 20};
  req.write.lock_holder = "test";
  return req;
}

}  // namespace

TEST_CASE("referral --close: by the CISO of the day, with evidence, once") {
  auto env = with_open_referral();
  struct Case {
    std::string by, evidence, refusal;
  };
  const Case refused[] = {
      {"lin.mh", "修補完成", "only the CISO (資通安全長) closes corrective action; on 2026-12-20 that is 'lee.ch'"},
      {"chan.sy", "修補完成", "not 'chan.sy'"},  // the former CISO
      {"lee.ch", "  ", "needs --evidence"},
  };
  const int before = env->writes();
  for (const auto& c : refused) {
    CAPTURE(c.by);
    isms::CloseReferralOutcome out;
    isms::Diagnostics diags;
    const auto s = isms::close_referral(*env, "/store", close(c.by, c.evidence), &out, diags);
    CHECK(s.message().find(c.refusal) != std::string::npos);
  }
  CHECK(env->writes() == before);

  isms::CloseReferralOutcome out;
  isms::Diagnostics diags;
  REQUIRE(isms::close_referral(*env, "/store", close("lee.ch", "修補流程改善"), &out, diags).is_ok());
  CHECK(out.written);
  const auto text = env->get(kReferral);
  REQUIRE(text);
  CHECK(text->find("state: closed\nclosed: \"2026-12-20\"\nclosed_by: lee.ch\nclosing_note: 修補流程改善\n") !=
        std::string::npos);
  // Again: nothing written. Other evidence: the decision stays as made.
  isms::CloseReferralOutcome again;
  REQUIRE(isms::close_referral(*env, "/store", close("lee.ch", "修補流程改善"), &again, diags).is_ok());
  CHECK_FALSE(again.written);
  const auto other = isms::close_referral(*env, "/store", close("lee.ch", "另一份證據"), &again, diags);
  CHECK(other.message().find("no open referral") != std::string::npos);
}

TEST_CASE("referral --close: a referral a person edited is not rewritten") {
  auto env = with_open_referral();
  env->put(kReferral, *env->get(kReferral) + "# 承辦：陳怡伶\n");
  isms::CloseReferralOutcome out;
  isms::Diagnostics diags;
  const auto s = isms::close_referral(*env, "/store", close("lee.ch", "修補流程改善"), &out, diags);
  CHECK(s.message().find("was edited by hand") != std::string::npos);
  CHECK(env->get(kReferral)->find("state: open") != std::string::npos);
}

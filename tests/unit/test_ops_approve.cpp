// approve on the in-memory Env: the procedure's authority rules and what a
// decision writes.
#include <doctest/doctest.h>

#include "isms/ops/approve.h"
#include "support.h"

using namespace test;

namespace {

struct Run {
  isms::Status status;
  isms::ApproveOutcome out;
  isms::Diagnostics diags;
};

Run decide(isms::MemEnv& env, const std::string& by, isms::Decision decision = isms::Decision::Approved,
           const std::string& comment = "") {
  isms::ApproveRequest req;
  req.year = 2027;
  req.unit = "lio";
  req.by = by;
  req.decision = decision;
  req.comment = comment;
  req.today = isms::Date{2026, 11, 24};
  req.write.lock_holder = "test";
  Run r;
  r.status = isms::approve(env, "/store", req, &r.out, r.diags);
  return r;
}

}  // namespace

TEST_CASE("approve: only the CISO of the day decides, never the table's compiler, and once") {
  auto env = example_in_memory();
  const Run secretary = decide(*env, "lin.mh");
  CHECK(secretary.status.code() == isms::Status::Code::InvalidArgument);
  CHECK(secretary.status.message().find("only the CISO") != std::string::npos);
  CHECK(env->writes() == 0);

  const Run nameless = decide(*env, "nobody");
  CHECK(nameless.status.code() == isms::Status::Code::InvalidArgument);

  const Run no_reason = decide(*env, "lee.ch", isms::Decision::Rejected);
  CHECK(no_reason.status.message().find("--comment") != std::string::npos);

  const Run ciso = decide(*env, "lee.ch");
  REQUIRE(ciso.status.is_ok());
  CHECK(ciso.out.written == "approvals/2027/lio/r1.yaml");
  CHECK(ciso.out.before == isms::TableState::Submitted);
  CHECK(ciso.out.after == isms::TableState::Approved);
  const auto text = env->get("/store/approvals/2027/lio/r1.yaml");
  REQUIRE(text);
  CHECK(text->find("decision: approved\nby: lee.ch\n") != std::string::npos);

  const Run again = decide(*env, "lee.ch");
  REQUIRE(again.status.is_ok());
  CHECK(again.out.written.empty());
  CHECK(again.out.existing == "approvals/2027/lio/r1.yaml");
}

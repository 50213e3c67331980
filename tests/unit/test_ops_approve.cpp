// approve on the in-memory Env: the procedure's authority rules and what a
// decision writes.
#include <doctest/doctest.h>

#include "isms/ops/approve.h"
#include "isms/rules/lifecycle.h"
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

TEST_CASE("approve: the approval snapshots the whole form, which must match the table it approves") {
  auto env = example_in_memory();
  REQUIRE(decide(*env, "lee.ch").status.is_ok());
  const auto text = env->get("/store/approvals/2027/lio/r1.yaml");
  REQUIRE(text);
  // The footer and every 005-01 column of each objective, not only the measurement.
  CHECK(text->find("\ncompiled_by: ") != std::string::npos);
  CHECK(text->find("\nsupervisor: ") != std::string::npos);
  CHECK(text->find("    owner: ") != std::string::npos);
  CHECK(text->find("    method: ") != std::string::npos);
  CHECK(text->find("    data_source: ") != std::string::npos);

  isms::Store store;
  isms::Diagnostics d;
  REQUIRE(isms::load_store(*env, "/store", {}, &store, d).is_ok());
  const isms::Approval* a = nullptr;
  for (const auto& x : store.approvals) {
    if (x.file == "approvals/2027/lio/r1.yaml") a = &x;
  }
  REQUIRE(a);
  CHECK(a->full_snapshot);
  const isms::SettingTable* table = store.setting(2027, "lio");
  REQUIRE(table);
  CHECK(a->compiled_by == table->compiled_by);
  REQUIRE(a->approved.size() == table->objectives.size());
  CHECK(a->approved[0].owner == table->objectives[0].owner);
  CHECK(a->approved[0].content == table->objectives[0].content);
  isms::check_lifecycle(store, std::nullopt, d);
  CHECK(file_codes(d).find("approval.snapshot-mismatch") == std::string::npos);

  // A snapshot whose columns disagree with the table its digest names is caught.
  const std::string owner = "    owner: " + table->objectives[0].owner + "\n";
  REQUIRE(text->find(owner) != std::string::npos);
  env->put("/store/approvals/2027/lio/r1.yaml", replaced(*text, owner, "    owner: lee.ch\n"));
  isms::Store tampered;
  isms::Diagnostics t;
  REQUIRE(isms::load_store(*env, "/store", {}, &tampered, t).is_ok());
  isms::check_lifecycle(tampered, std::nullopt, t);
  CHECK(file_codes(t).find("approvals/2027/lio/r1.yaml approval.snapshot-mismatch") != std::string::npos);
}

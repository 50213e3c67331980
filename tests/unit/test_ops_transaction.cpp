// The four write operations on the in-memory Env, stopped at every write as
// a kill would stop them: afterwards each file is either as it was or as a
// clean run writes it (never a part), and running the operation again
// finishes the job, hears of the stopped writer, and leaves exactly what a
// clean run leaves.
#include <doctest/doctest.h>

#include <functional>
#include <map>
#include <string>

#include "isms/render/diagnostics.h"
#include "isms/ops/approve.h"
#include "isms/ops/record.h"
#include "isms/ops/review.h"
#include "isms/ops/set.h"
#include "isms/ops/transaction.h"
#include "isms/sys/mem_env.h"
#include "isms/views/findings.h"
#include "support.h"

namespace {

const std::filesystem::path kRoot = "/store";

using Files = std::map<std::string, std::string>;
// One write operation on `env`; returns its status.
using Operation = std::function<isms::Status(isms::Env& env, std::string* previous_holder)>;
// What a scenario changes in the example store first.
using Prepare = std::function<void(isms::MemEnv& env)>;

std::unique_ptr<isms::MemEnv> prepared(const Prepare& prepare) {
  auto env = test::example_in_memory();
  if (prepare) prepare(*env);
  return env;
}

isms::WriteOptions write_options() {
  isms::WriteOptions w;
  w.lock_holder = "pid 1 (unit test)";
  return w;
}

std::string errors_of(isms::Env& env, const isms::Date& today) {
  isms::Findings f;
  REQUIRE(isms::validate_store(env, kRoot, today, "", &f).is_ok());
  std::string out;
  for (const auto& d : f.diagnostics.items()) {
    if (d.severity == isms::Severity::Error) out += d.file + " " + std::string(isms::code_name(d.code)) + "\n";
  }
  return out;
}

// Runs `op` cleanly, then once per write it makes with a crash at that write.
void check_every_crash_point(const Prepare& prepare, const Operation& op, const isms::Date& today,
                             int expected_writes) {
  const auto base_env = prepared(prepare);
  const Files before = base_env->files_below(kRoot);
  const std::string errors_before = errors_of(*base_env, today);

  auto clean_env = prepared(prepare);
  std::string holder;
  const int writes_before = clean_env->writes();
  REQUIRE(op(*clean_env, &holder).is_ok());
  CHECK(holder.empty());
  const int writes = clean_env->writes() - writes_before;
  CHECK(writes == expected_writes);
  const Files after = clean_env->files_below(kRoot);
  CHECK(after != before);
  CHECK(errors_of(*clean_env, today) == errors_before);

  for (int k = 1; k <= writes; ++k) {
    CAPTURE(k);
    auto env = prepared(prepare);
    env->crash_at_write(k);
    CHECK_THROWS_AS(op(*env, &holder), isms::MemEnv::Crash);
    // Nothing torn: every file is as it was or as the clean run left it.
    for (const auto& [rel, content] : env->files_below(kRoot)) {
      CAPTURE(rel);
      const bool old = before.count(rel) && before.at(rel) == content;
      const bool fresh = after.count(rel) && after.at(rel) == content;
      CHECK((old || fresh));
    }
    // The store is valid as the crash left it: each write is a step after
    // which validate finds nothing new (a review is written after the
    // referrals it raises, not before them).
    CHECK(errors_of(*env, today) == errors_before);
    // Running it again completes the job and names the stopped writer.
    std::string previous;
    REQUIRE(op(*env, &previous).is_ok());
    CHECK(previous.find("pid 1 (unit test)") != std::string::npos);
    CHECK(env->files_below(kRoot) == after);
    CHECK(errors_of(*env, today) == errors_before);
  }
}

}  // namespace

TEST_CASE("approve: stopped at its write, then run again") {
  const isms::Date today{2026, 11, 24};
  check_every_crash_point(
      {}, [&](isms::Env& env, std::string* holder) {
        isms::ApproveRequest req;
        req.year = 2027;
        req.unit = "lio";
        req.by = "lee.ch";
        req.today = today;
        req.write = write_options();
        isms::ApproveOutcome out;
        isms::Diagnostics diags;
        const isms::Status s = isms::approve(env, kRoot, req, &out, diags);
        *holder = out.previous_lock_holder;
        return s;
      },
      today, 1);
}

TEST_CASE("set --from-year: stopped at its write, then run again") {
  const isms::Date today{2026, 11, 24};
  check_every_crash_point(
      {}, [&](isms::Env& env, std::string* holder) {
        isms::SetRequest req;
        req.year = 2027;
        req.unit = "accounting";
        req.from_year = 2026;
        req.today = today;
        req.write = write_options();
        isms::SetOutcome out;
        isms::Diagnostics diags;
        const isms::Status s = isms::set_table(env, kRoot, req, &out, diags);
        *holder = out.previous_lock_holder;
        return s;
      },
      today, 1);
}

TEST_CASE("record-quarter of several results: stopped at each write, then run again") {
  const isms::Date today{2027, 1, 6};
  check_every_crash_point(
      {}, [&](isms::Env& env, std::string* holder) {
        isms::RecordRequest req;
        req.year = 2026;
        req.quarter = 4;
        req.unit = "lio";
        req.reporter = "chen.yl";
        req.today = today;
        req.write = write_options();
        req.rows.push_back({{}, {{"objective", "backup-restore-success", {}}, {"numerator", "12", {}}, {"denominator", "12", {}}}});
        req.rows.push_back({{}, {{"objective", "pii-incidents", {}}, {"actual", "0", {}}}});
        isms::RecordOutcome out;
        isms::Diagnostics diags;
        const isms::Status s = isms::record_results(env, kRoot, req, &out, diags);
        for (const auto& d : diags.items()) MESSAGE(isms::render_text(d, d.file));
        *holder = out.previous_lock_holder;
        return s;
      },
      today, 2);
}

TEST_CASE("review --record with its referral: stopped at each write, then run again") {
  // Without lio's Q3 review and the referral it raised, reviewing Q3 again
  // writes both.
  const isms::Date today{2026, 11, 24};
  check_every_crash_point(
      [](isms::MemEnv& env) {
        (void)env.remove_file(kRoot / "reviews/2026/q3/lio.yaml");
        (void)env.remove_file(kRoot / "referrals/2026/lio/vuln-patch-rate.yaml");
      },
      [&](isms::Env& env, std::string* holder) {
        isms::ReviewRequest req;
        req.year = 2026;
        req.quarter = 3;
        req.unit = "lio";
        req.reviewer = "lee.ch";
        req.opinion = "符合目標";
        req.today = today;
        req.write = write_options();
        isms::ReviewOutcome out;
        isms::Diagnostics diags;
        const isms::Status s = isms::record_review(env, kRoot, req, &out, diags);
        for (const auto& d : diags.items()) MESSAGE(isms::render_text(d, d.file));
        *holder = out.previous_lock_holder;
        return s;
      },
      today, 2);
}

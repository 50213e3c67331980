// The audit trail of a unit's year, computed from the records alone.
#include <doctest/doctest.h>

#include <algorithm>

#include "isms/views/history.h"
#include "support.h"

using namespace test;

namespace {

// The example store with, for lio's 2026 Q1: the head's confirmation, then
// an amendment of one result made after the quarter's review.
struct Amended : Scratch {
  Amended() : Scratch("examples/university") {
    write("confirmations/2026/q1/lio.yaml",
          "kind: confirmation\nyear: 2026\nquarter: 1\nunit: lio\nconfirmed_by: lin.mh\ndate: \"2026-04-15\"\n"
          "results:\n  backup-restore-success: 1\n  core-availability: 1\n  incident-report-time: 1\n"
          "  phishing-open-rate: 1\n  pii-incidents: 1\n  training-completion: 1\n  vuln-patch-rate: 1\n");
    write("units/lio/2026/results/q1/pii-incidents.2.yaml",
          "kind: result\nyear: 2026\nquarter: 1\nunit: lio\nobjective: pii-incidents\nactual: 1\n"
          "variance: 一件延遲通報\nreported_by: chen.yl\nreported: \"2026-05-02\"\nsequence: 2\nreason: 稽核發現漏報\n");
  }
};

std::vector<isms::HistoryAct> acts(const isms::History& h) {
  std::vector<isms::HistoryAct> out;
  for (const auto& e : h.events) out.push_back(e.act);
  return out;
}

const isms::HistoryEvent* first(const isms::History& h, isms::HistoryAct act) {
  const auto e = std::find_if(h.events.begin(), h.events.end(), [&](const auto& x) { return x.act == act; });
  return e == h.events.end() ? nullptr : &*e;
}

}  // namespace

TEST_CASE("history: every act of the year, oldest first, with who and the record that proves it") {
  const isms::Store store = example_store();
  const auto h = isms::build_history(store, {2026, "lio", std::nullopt});
  REQUIRE(h.events.size() > 20);
  CHECK(h.unit_name == "圖書資訊處");
  for (std::size_t i = 1; i < h.events.size(); ++i) {
    CAPTURE(h.events[i].file);
    REQUIRE(h.events[i].date);
    CHECK(!(*h.events[i].date < *h.events[i - 1].date));
  }
  // Revision 1 is the first; revision 2 changed one target.
  const auto* r1 = first(h, isms::HistoryAct::Decided);
  REQUIRE(r1);
  CHECK(r1->revision == 1);
  CHECK(r1->first);
  CHECK(r1->by == "lee.ch");
  const auto r2 = std::find_if(h.events.begin(), h.events.end(), [](const auto& e) { return e.revision == 2; });
  REQUIRE(r2 != h.events.end());
  CHECK(r2->against == 1);
  REQUIRE(r2->changes.size() == 1);
  CHECK(r2->changes[0].field == "target");
  CHECK(r2->partial);  // the example's approvals predate full snapshots
  // Three reviews, 21 results, the referral of Q3's second miss.
  const auto all = acts(h);
  const auto count = [&](isms::HistoryAct a) { return std::count(all.begin(), all.end(), a); };
  CHECK(count(isms::HistoryAct::Reviewed) == 3);
  CHECK(count(isms::HistoryAct::Reported) == 21);
  CHECK(count(isms::HistoryAct::ReferralRaised) == 1);
  CHECK(h.events.back().act == isms::HistoryAct::ReferralRaised);  // raised by Q3's review, the same day, after it
}

TEST_CASE("history: an amendment after the review is flagged, with the value it replaced and why") {
  const Amended s;
  const auto l = load(s.root);
  const auto h = isms::build_history(l->store, {2026, "lio", std::string("pii-incidents")});
  const auto* amended = first(h, isms::HistoryAct::Amended);
  REQUIRE(amended);
  CHECK(amended->quarter == 1);
  CHECK(amended->sequence == 2);
  REQUIRE(amended->previous);
  CHECK(amended->previous->to_string() == "0");
  CHECK(amended->value->to_string() == "1");
  CHECK(amended->reason == "稽核發現漏報");
  REQUIRE(amended->reviewed_on);
  CHECK(amended->reviewed_on->iso() == "2026-04-21");
  // The head confirmed before the amendment: that confirmation no longer covers it.
  const auto* confirmed = first(h, isms::HistoryAct::Confirmed);
  REQUIRE(confirmed);
  CHECK(confirmed->by == "lin.mh");
  CHECK(confirmed->stale);
  REQUIRE(confirmed->confirmed.size() == 1);  // filtered to the objective asked for
  CHECK(confirmed->confirmed[0] == std::pair<std::string, int>{"pii-incidents", 1});
  // --objective keeps the objective's results and the unit-wide acts, not other objectives' results.
  for (const auto& e : h.events) {
    CAPTURE(e.file);
    CHECK((e.objective.empty() || e.objective == "pii-incidents"));
    for (const auto& c : e.changes) CHECK(c.objective == "pii-incidents");
  }
  CHECK(first(h, isms::HistoryAct::ReferralRaised) == nullptr);  // the referral is another objective's
}

TEST_CASE("history: the table awaiting a decision, with its changes against the revision in force") {
  Scratch s("examples/university");
  s.replace("units/lio/2026/setting.yaml", "revision: 2", "revision: 3");
  s.replace("units/lio/2026/setting.yaml", "    target: 0\n", "    target: 1\n");
  const auto l = load(s.root);
  const auto h = isms::build_history(l->store, {2026, "lio", std::nullopt});
  const auto* pending = first(h, isms::HistoryAct::Pending);
  REQUIRE(pending);
  CHECK(pending->revision == 3);
  CHECK(pending->status == isms::TableStatus::Submitted);
  CHECK(pending->against == 2);
  REQUIRE(pending->changes.size() == 1);
  CHECK(pending->changes[0].objective == "pii-incidents");
  CHECK(pending->changes[0].before == "<= 0");
  CHECK(pending->changes[0].after == "<= 1");
}

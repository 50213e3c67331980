#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "isms/render/status.h"

namespace {

std::vector<isms::DueItem> items() {
  isms::DueItem late{isms::DueState::Late, "review", 2026, 3, "intl", isms::Date{2026, 10, 30},
                     "reviews/2026/q3/intl.yaml", "no review recorded", "國際事務處"};
  isms::DueItem open{isms::DueState::Open, "referral", 2026, 0, "gone", std::nullopt, "referrals/2026/gone/x.yaml",
                     "open", ""};
  return {late, open};
}

}  // namespace

TEST_CASE("status text: names and ids, '-' without a due date, the counts last") {
  const std::string text = isms::status_text("開南大學", isms::Date{2026, 11, 24}, items());
  CHECK(text.rfind("開南大學 — status on 2026-11-24\n", 0) == 0);
  CHECK(text.find("國際事務處 (intl)") != std::string::npos);
  CHECK(text.find("2026 Q3") != std::string::npos);
  CHECK(text.find("  gone  ") != std::string::npos);
  CHECK(text.substr(text.size() - 22) == "1 late, 0 due, 1 open\n");
}

TEST_CASE("status JSON: null for no quarter and no due date") {
  const auto j = nlohmann::json::parse(isms::status_json(isms::Date{2026, 11, 24}, items()));
  CHECK(j["format"] == "isms-obj.status/1");
  CHECK(j["late"] == 1);
  CHECK(j["items"][0]["due"] == "2026-10-30");
  CHECK(j["items"][1]["quarter"].is_null());
  CHECK(j["items"][1]["due"].is_null());
}

#include <doctest/doctest.h>

#include "isms/store/model.h"
#include "support.h"

using namespace test;

TEST_CASE("every enum name reads back as its value, and nothing else does") {
  auto round_trip = [](auto value) {
    using E = decltype(value);
    return isms::from_name<E>(isms::to_string(value)) == value;
  };
  for (auto c : {isms::Comparison::AtLeast, isms::Comparison::AtMost, isms::Comparison::Range}) CHECK(round_trip(c));
  for (auto d : {isms::Decision::Approved, isms::Decision::Rejected, isms::Decision::ChangesRequested}) CHECK(round_trip(d));
  for (auto l : {isms::Language::ZhTW, isms::Language::En}) CHECK(round_trip(l));
  for (auto c : {isms::Calendar::Roc, isms::Calendar::Gregorian}) CHECK(round_trip(c));
  for (auto s : {isms::TableStatus::Draft, isms::TableStatus::Submitted}) CHECK(round_trip(s));
  for (auto s : {isms::ReferralState::Open, isms::ReferralState::Closed}) CHECK(round_trip(s));
  CHECK(isms::all_names<isms::Aggregation>() == std::vector<std::string>{"sum", "ratio", "mean", "last", "max", "min"});
  CHECK_FALSE(isms::from_name<isms::MeasureUnit>("Percent"));
  CHECK_FALSE(isms::from_name<isms::Decision>(""));
}

TEST_CASE("people are found by e-mail whatever its case; roles by the day") {
  const isms::Store store = example_store();
  const isms::Config& c = *store.config;
  const isms::Person* p = c.person("lee.ch");
  REQUIRE(p);
  std::string upper = p->email;
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  CHECK(isms::person_by_email(c, upper) == p);
  CHECK_FALSE(isms::person_by_email(c, ""));
  CHECK(c.ciso_on(isms::Date{2024, 1, 1})->person == "chan.sy");
  CHECK(c.ciso_on(isms::Date{2026, 1, 1})->person == "lee.ch");
}

TEST_CASE("marks: exact paths, nearest ancestors, key marks") {
  isms::Marks m(isms::Mark{1, 1});
  m.add("objectives", {5, 1});
  m.add("objectives/0", {6, 5});
  m.add_key("objectives", {4, 1});
  CHECK(m.has("objectives/0"));
  CHECK(m.get("objectives/0").line == 6);
  CHECK(m.get("objectives/1").line == 0);
  CHECK(m.at("objectives/1/target").line == 5);
  CHECK(m.at("other").line == 1);
  CHECK(m.key_at("", "objectives").line == 4);
  CHECK(m.key_at("objectives", "x").line == 5);
}

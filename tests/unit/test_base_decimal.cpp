#include <doctest/doctest.h>

#include <stdexcept>
#include <string_view>

#include "isms/base/date.h"
#include "isms/base/decimal.h"
#include "isms/base/text.h"
#include "isms/render/table.h"
#include "support.h"

using isms::Date;
using isms::Decimal;
using namespace test;

TEST_CASE("decimals parse exactly or not at all") {
  struct Row {
    const char* text;
    bool ok;
    const char* shortest;
  };
  const Row rows[] = {
      {"0", true, "0"},           {"95", true, "95"},         {"95.0", true, "95"},
      {"99.95", true, "99.95"},   {"-2.5", true, "-2.5"},     {"0.000001", true, "0.000001"},
      {"1000000000000", true, "1000000000000"},               {"1000000000000.5", false, ""},
      {"10000000000000", false, ""}, {"0.0000001", false, ""}, {"01", false, ""},
      {"1.", false, ""},          {".5", false, ""},          {"1e3", false, ""},
      {"", false, ""},            {"-", false, ""},           {"NaN", false, ""},
      {"inf", false, ""},         {"1,5", false, ""},
      // 13 and more digits once wrapped the 64-bit count: -9999999999999
      // read as 8446744073.709551, 9999999999999 as a negative number.
      {"-1000000000000", true, "-1000000000000"},             {"9999999999999", false, ""},
      {"-9999999999999", false, ""}, {"9223372036854", false, ""}, {"18446744073709551616", false, ""},
      {"1000000000001", false, ""},  {"-1000000000000.000001", false, ""},
  };
  for (const auto& r : rows) {
    CAPTURE(r.text);
    auto d = Decimal::parse(r.text);
    REQUIRE(d.has_value() == r.ok);
    if (d) CHECK(d->to_string() == r.shortest);
  }
}

TEST_CASE("rounding is half-up at the declared precision") {
  struct Row {
    const char* value;
    int digits;
    const char* rounded;
  };
  const Row rows[] = {
      {"94.95", 1, "95.0"},  {"94.949", 1, "94.9"}, {"0.05", 1, "0.1"},   {"0.04", 1, "0.0"},
      {"-0.05", 1, "-0.1"},  {"99.995", 2, "100.00"}, {"2.5", 0, "3"},    {"3.5", 0, "4"},
      {"1.25", 1, "1.3"},    {"1.35", 1, "1.4"},    {"7", 2, "7.00"},     {"0.123456", 4, "0.1235"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.value);
    CHECK(Decimal::parse(r.value)->to_string(r.digits) == r.rounded);
  }
}

TEST_CASE("ratios are exact: 190/200*100 equals 95.0") {
  const Decimal pct = *Decimal::ratio(Decimal::from_int(190), Decimal::from_int(200), 100, 1);
  CHECK(pct == *Decimal::parse("95"));
  CHECK(pct.to_string(1) == "95.0");
  // 2/3 = 66.666… → 66.7 at one digit; 1/8 = 12.5 → 13 at zero digits (half-up)
  CHECK(Decimal::ratio(Decimal::from_int(2), Decimal::from_int(3), 100, 1)->to_string(1) == "66.7");
  CHECK(Decimal::ratio(Decimal::from_int(1), Decimal::from_int(8), 100, 0)->to_string(0) == "13");
  // boundary: 949/1000 → 94.9 (not 95 after rounding at 1 digit)
  CHECK(*Decimal::ratio(Decimal::from_int(949), Decimal::from_int(1000), 100, 1) < *Decimal::parse("95"));
  // 0.1 + 0.2 == 0.3, unlike binary floating point
  CHECK(*Decimal::parse("0.1") + *Decimal::parse("0.2") == *Decimal::parse("0.3"));
}

TEST_CASE("arithmetic at the edges of the range is exact or refused, never wrapped") {
  const Decimal max = *Decimal::parse("1000000000000");
  const Decimal tiny = *Decimal::parse("0.000001");
  // A year's sum of four quarters at the top of the range fits.
  CHECK((max + max + max + max).to_string() == "4000000000000");
  CHECK((Decimal() - max - max - max - max).to_string() == "-4000000000000");
  // Quotients the records do not bound: nullopt, not a wrapped number.
  CHECK_FALSE(Decimal::ratio(max, tiny, 100, 1).has_value());
  CHECK_FALSE(Decimal::ratio(max, tiny, 1, 6).has_value());
  CHECK_FALSE(Decimal::ratio(max, Decimal(), 1, 6).has_value());
  CHECK_FALSE(Decimal::ratio(max, *Decimal::parse("0.001"), 1, 0).has_value());
  CHECK(Decimal::ratio(max, *Decimal::parse("1000"), 1, 0)->to_string() == "1000000000");
  CHECK(Decimal::ratio(*Decimal::parse("9000000"), *Decimal::parse("0.000001"), 1, 0)->to_string() == "9000000000000");
  CHECK_FALSE(Decimal::product(max, max, 6).has_value());
  CHECK(Decimal::product(max, Decimal::from_int(4), 6)->to_string() == "4000000000000");
  CHECK(Decimal::product(*Decimal::parse("-1000000000000"), Decimal::from_int(9), 6)->to_string() ==
        "-9000000000000");
  // Past what 64 bits hold, + and - throw instead of wrapping.
  const Decimal big = *Decimal::product(max, Decimal::from_int(9), 6);
  CHECK_THROWS_AS(big + max, std::overflow_error);
  CHECK_THROWS_AS(Decimal() - big - max, std::overflow_error);
  CHECK_THROWS_AS(Decimal::from_int(1000000000001), std::overflow_error);
  CHECK(max.in_record_range());
  CHECK_FALSE((max + tiny).in_record_range());
}

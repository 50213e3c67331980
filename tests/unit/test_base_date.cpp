#include <doctest/doctest.h>

#include <string_view>

#include "isms/base/date.h"
#include "isms/base/decimal.h"
#include "isms/base/text.h"
#include "isms/render/table.h"
#include "support.h"

using isms::Date;
using isms::Decimal;
using namespace test;

TEST_CASE("dates are real calendar days written YYYY-MM-DD") {
  struct Row {
    const char* text;
    bool valid;
  };
  const Row rows[] = {
      {"2026-12-15", true},  {"2024-02-29", true},  {"2000-02-29", true}, {"2026-02-29", false},
      {"1900-02-29", false}, {"2027-02-30", false}, {"2026-04-31", false}, {"2026-13-01", false},
      {"2026-00-10", false}, {"2026-1-5", false},   {"26-12-15", false},  {"2026/12/15", false},
      {"2026-12-15 ", false}, {"", false},          {"2026-12-32", false}, {"0000-01-01", false},
  };
  for (const auto& r : rows) {
    CAPTURE(r.text);
    CHECK(Date::parse(r.text).has_value() == r.valid);
  }
}

TEST_CASE("day arithmetic round-trips and orders") {
  const Date d{2026, 12, 15};
  CHECK(Date::from_days(d.days()) == d);
  CHECK(Date{1970, 1, 1}.days() == 0);
  CHECK(d.add_days(17) == Date{2027, 1, 1});
  CHECK(Date{2024, 2, 28}.add_days(1) == Date{2024, 2, 29});
  CHECK(Date{2025, 3, 31}.add_days(15) == Date{2025, 4, 15});
  CHECK(Date{2025, 12, 31} < Date{2026, 1, 1});
  for (long day = -1000; day < 40000; day += 37) CHECK(Date::from_days(day).days() == day);
}

TEST_CASE("ROC (民國) dates") {
  struct Row {
    Date date;
    const char* long_form;
    const char* short_form;
  };
  const Row rows[] = {
      {{2026, 12, 15}, "民國115年12月15日", "115.12.15"},
      {{2027, 1, 1}, "民國116年1月1日", "116.01.01"},
      {{1912, 1, 1}, "民國1年1月1日", "1.01.01"},
      {{2019, 4, 15}, "民國108年4月15日", "108.04.15"},  // the procedure's issue date
  };
  for (const auto& r : rows) {
    CHECK(isms::format_roc_long(r.date) == r.long_form);
    CHECK(isms::format_roc_short(r.date) == r.short_form);
  }
}

TEST_CASE("quarter bounds") {
  CHECK(isms::quarter_start(2026, 1) == Date{2026, 1, 1});
  CHECK(isms::quarter_end(2026, 1) == Date{2026, 3, 31});
  CHECK(isms::quarter_end(2026, 2) == Date{2026, 6, 30});
  CHECK(isms::quarter_start(2026, 3) == Date{2026, 7, 1});
  CHECK(isms::quarter_end(2026, 4) == Date{2026, 12, 31});
}

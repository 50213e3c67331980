#include <doctest/doctest.h>

#include <string_view>

#include "isms/base/date.h"
#include "isms/base/decimal.h"
#include "isms/base/text.h"
#include "isms/render/table.h"

using isms::Date;
using isms::Decimal;

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
  const Decimal pct = Decimal::ratio(Decimal::from_int(190), Decimal::from_int(200), 100, 1);
  CHECK(pct == *Decimal::parse("95"));
  CHECK(pct.to_string(1) == "95.0");
  // 2/3 = 66.666… → 66.7 at one digit; 1/8 = 12.5 → 13 at zero digits (half-up)
  CHECK(Decimal::ratio(Decimal::from_int(2), Decimal::from_int(3), 100, 1).to_string(1) == "66.7");
  CHECK(Decimal::ratio(Decimal::from_int(1), Decimal::from_int(8), 100, 0).to_string(0) == "13");
  // boundary: 949/1000 → 94.9 (not 95 after rounding at 1 digit)
  CHECK(Decimal::ratio(Decimal::from_int(949), Decimal::from_int(1000), 100, 1) < *Decimal::parse("95"));
  // 0.1 + 0.2 == 0.3, unlike binary floating point
  CHECK(*Decimal::parse("0.1") + *Decimal::parse("0.2") == *Decimal::parse("0.3"));
}

TEST_CASE("display width counts East Asian wide characters as two columns") {
  CHECK(isms::display_width("abc") == 3);
  CHECK(isms::display_width("資安") == 4);
  CHECK(isms::display_width("資安 ok") == 7);
  CHECK(isms::display_width("（１）") == 6);  // fullwidth forms
  CHECK(isms::pad_right("資安", 6) == "資安  ");
  CHECK(isms::pad_left("7", 3) == "  7");
}

TEST_CASE("record text must be UTF-8 without BOM or control characters") {
  CHECK_FALSE(isms::check_record_text("a: 資安\n\tb\r\n").has_value());
  auto bom = isms::check_record_text("\xEF\xBB\xBF" "a");
  REQUIRE(bom);
  CHECK(bom->kind == isms::TextProblem::Kind::ByteOrderMark);
  auto surrogate = isms::check_record_text("a: \xED\xA0\x80");
  REQUIRE(surrogate);
  CHECK(surrogate->kind == isms::TextProblem::Kind::InvalidUtf8);
  CHECK(surrogate->offset == 3);
  auto esc = isms::check_record_text("a\x1b[31m");
  REQUIRE(esc);
  CHECK(esc->kind == isms::TextProblem::Kind::ControlCharacter);
  auto lc = isms::line_column_at("ab\n資安x", 9);
  CHECK(lc.line == 2);
  CHECK(lc.column == 3);
}

TEST_CASE("tables align Traditional Chinese by display width") {
  const std::string t = isms::format_table({{"目標項目", "目標值", "狀態"},
                                            {"資安教育訓練完成率", ">= 95", "達成"},
                                            {"patch rate", ">= 90", "not met"}},
                                           {isms::Align::Left, isms::Align::Right, isms::Align::Left});
  CHECK(t ==
        "目標項目            目標值  狀態\n"
        "資安教育訓練完成率   >= 95  達成\n"
        "patch rate           >= 90  not met\n");
  // every line's columns start at the same display column
  std::size_t start = 0;
  std::vector<int> second_column;
  while (start < t.size()) {
    const auto end = t.find('\n', start);
    const std::string line = t.substr(start, end - start);
    second_column.push_back(isms::display_width(line.substr(0, line.find(">=") == std::string::npos ? line.find("目標值") : line.find(">="))));
    start = end + 1;
  }
  CHECK(second_column[1] == second_column[2]);
}

TEST_CASE("escape_invisible keeps a line one line and shows what hides") {
  using namespace std::string_view_literals;
  struct Row {
    std::string_view in, out;
  } rows[] = {
      {"plain 中文 text", "plain 中文 text"},
      {"a\nb\rc\td", "a\\nb\\rc\\td"},
      {"bell\a nul\0!"sv, "bell\\x07 nul\\x00!"},
      {"del\x7f", "del\\x7f"},
      {"nel\xc2\x85", "nel\\u0085"},
      {"ls\xe2\x80\xa8ps\xe2\x80\xa9", "ls\\u2028ps\\u2029"},
      {"rlo\xe2\x80\xae" "evil", "rlo\\u202eevil"},
      {"fsi\xe2\x81\xa8", "fsi\\u2068"},
      {"big5 \xa4\xa4", "big5 \\xa4\\xa4"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.in);
    CHECK(isms::escape_invisible(r.in) == r.out);
  }
}

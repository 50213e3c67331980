// Cells as office spreadsheets write them, read in the records' spelling.
#include <doctest/doctest.h>

#include "isms/format/office.h"

TEST_CASE("office_number: separators, percent signs, full-width digits; nothing else") {
  struct Case {
    const char* cell;
    const char* text;  // nullptr: not a number
    bool percent;
  } cases[] = {
      {"1030", "1030", false},       {"1,030", "1030", false},       {"\"1,030\"", nullptr, false},
      {"12,345,678.5", "12345678.5", false}, {"1,03", nullptr, false}, {"1030,", nullptr, false},
      {",030", nullptr, false},      {"1234,567", nullptr, false},   {"99.9%", "99.9", true},
      {"99.9 %", "99.9", true},      {"９９．９％", "99.9", true},  {"１２", "12", false},
      {" 5 ", "5", false},           {"-3", "-3", false},            {"＋4", "4", false},
      {"−2.5", "-2.5", false},       {"5.", nullptr, false},         {".5", nullptr, false},
      {"abc", nullptr, false},       {"", nullptr, false},           {"1.2.3", nullptr, false},
      {"%", nullptr, false},
  };
  for (const auto& c : cases) {
    CAPTURE(c.cell);
    const auto n = isms::office_number(c.cell);
    if (!c.text) {
      CHECK_FALSE(n);
      continue;
    }
    REQUIRE(n);
    CHECK(n->text == c.text);
    CHECK(n->percent == c.percent);
  }
}

TEST_CASE("office_date: ISO, Excel's zh-TW forms and the ROC calendar; real days only") {
  struct Case {
    const char* cell;
    const char* iso;  // nullptr: not a date
  } cases[] = {
      {"2027-01-05", "2027-01-05"},
      {"2027/1/5", "2027-01-05"},
      {"2027.1.5", "2027-01-05"},
      {"2027年1月5日", "2027-01-05"},
      {"116/01/05", "2027-01-05"},
      {"116.1.5", "2027-01-05"},
      {"116-1-5", "2027-01-05"},
      {"116年1月5日", "2027-01-05"},
      {"民國116年1月5日", "2027-01-05"},
      {"２０２７／１／５", "2027-01-05"},
      {"2027/1/5 上午 12:00:00", "2027-01-05"},
      {"2027-01-05 00:00:00", "2027-01-05"},
      {"115/02/29", nullptr},  // 2026 is not a leap year
      {"113/02/29", "2024-02-29"},
      {"2027/13/1", nullptr},
      {"2027/1", nullptr},
      {"2027/1/5/6", nullptr},
      {"5 Jan 2027", nullptr},
      {"46392", nullptr},
      {"", nullptr},
      {"89/1/5", nullptr},  // ROC 89 is 2000, the first year records take... 1911+89 = 2000
  };
  for (const auto& c : cases) {
    CAPTURE(c.cell);
    const auto d = isms::office_date(c.cell);
    if (std::string_view(c.cell) == "89/1/5") {
      REQUIRE(d);
      CHECK(d->iso() == "2000-01-05");
      continue;
    }
    if (!c.iso) {
      CHECK_FALSE(d);
      continue;
    }
    REQUIRE(d);
    CHECK(d->iso() == c.iso);
  }
}

TEST_CASE("office_year and office_quarter: the forms' own spellings") {
  struct Year {
    const char* cell;
    int year;  // 0: none
  } years[] = {{"2027", 2027}, {"2027年", 2027}, {"2027年度", 2027}, {"116", 2027}, {"116年度", 2027},
               {"民國116年", 2027}, {"１１６", 2027}, {"1999", 0}, {"abc", 0}, {"", 0}};
  for (const auto& y : years) {
    CAPTURE(y.cell);
    const auto got = isms::office_year(y.cell);
    CHECK(got.value_or(0) == y.year);
  }
  struct Quarter {
    const char* cell;
    int quarter;
  } quarters[] = {{"1", 1}, {"Q2", 2}, {"q3", 3}, {"4Q", 4}, {"第1季", 1}, {"第一季", 1}, {"第四季", 4},
                  {"第５季", 0}, {"Q5", 0}, {"0", 0}, {"第一", 0}};
  for (const auto& q : quarters) {
    CAPTURE(q.cell);
    CHECK(isms::office_quarter(q.cell).value_or(0) == q.quarter);
  }
}

TEST_CASE("office_comparison: signs and words as the records spell them") {
  struct Case {
    const char* cell;
    const char* name;
  } cases[] = {{">=", ">="}, {"≥", ">="}, {"＞＝", ">="}, {"以上", ">="}, {"<=", "<="}, {"≤", "<="},
               {"≦", "<="}, {"以下", "<="}, {"範圍", "range"}, {"range", "range"}, {"=", nullptr}, {">", nullptr}};
  for (const auto& c : cases) {
    CAPTURE(c.cell);
    const auto got = isms::office_comparison(c.cell);
    if (!c.name) {
      CHECK_FALSE(got);
    } else {
      REQUIRE(got);
      CHECK(*got == c.name);
    }
  }
}

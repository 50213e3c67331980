#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "isms/format/csv.h"
#include "isms/ops/set.h"
#include "isms/store/emit.h"
#include "isms/store/store.h"
#include "isms/sys/lock.h"
#include "support.h"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using namespace test;

TEST_CASE("CSV rows keep the line they start on, across quoted line breaks") {
  std::vector<isms::CsvRow> rows;
  isms::Diagnostics d;
  REQUIRE(isms::read_csv("\xEF\xBB\xBF" "a,b\n1,\"two\nlines\"\n\n3,\"x,\"\"y\"\"\"\n", "f.csv", &rows, d));
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].line == 1);
  CHECK(rows[1].line == 2);
  CHECK(rows[1].cells[1] == "two\nlines");
  CHECK(rows[2].line == 5);
  CHECK(rows[2].cells[1] == "x,\"y\"");

  CHECK_FALSE(isms::read_csv("a,b\n1,\"open\n", "f.csv", &rows, d));
  CHECK_FALSE(isms::read_csv("a,b\n1,x\"y\n", "f.csv", &rows, d));
  CHECK_FALSE(isms::read_csv("a,b\n\xB8\xEA,1\n", "f.csv", &rows, d));
  d.finish();
  REQUIRE(d.items().size() == 3);
  CHECK(d.items()[0].mark.line == 2);
  CHECK(isms::code_name(d.items()[0].code) == "csv.malformed");
}

TEST_CASE("csv_field quotes what RFC 4180 needs and neutralises formulas (OWASP CSV injection)") {
  struct Row {
    const char* in;
    const char* out;
  } rows[] = {
      {"plain", "plain"},
      {"", ""},
      {"a,b", "\"a,b\""},
      {"say \"hi\"", "\"say \"\"hi\"\"\""},
      {"two\nlines", "\"two\nlines\""},
      {"=1+1", "'=1+1"},
      {"+1", "'+1"},
      {"-cmd", "'-cmd"},
      {"@SUM(A1)", "'@SUM(A1)"},
      {"\tx", "'\tx"},
      {"\rx", "\"'\rx\""},
      {"=HYPERLINK(\"u\",\"t\")", "\"'=HYPERLINK(\"\"u\"\",\"\"t\"\")\""},
      {"\xEF\xBC\x9D" "1+1", "'\xEF\xBC\x9D" "1+1"},  // full-width ＝
      {"-3", "-3"},                                     // a number stays a number
      {"-0.5", "-0.5"},
      {"99.5", "99.5"},
      {"-", "-"},  // the reports' "none"
      {"-3.", "'-3."},
      {"1-2", "1-2"},
      {"≥ 95%", "≥ 95%"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.in);
    CHECK(isms::csv_field(r.in) == r.out);
  }
}

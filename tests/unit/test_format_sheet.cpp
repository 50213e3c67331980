// Reading xlsx workbooks: what the tool's own writer produces reads back
// cell for cell; what is not a workbook is refused as such.
#include <doctest/doctest.h>

#include "isms/format/sheet.h"
#include "isms/render/xlsx.h"
#include "support.h"

using namespace test;

TEST_CASE("read_xlsx: a workbook the report writer made reads back, sheet by sheet, cell by cell") {
  TempDir t;
  std::vector<isms::ReportSheet> out(2);
  out[0].name = "005-02 資料";
  out[0].title = "t";
  out[0].blocks.push_back({});
  out[0].blocks[0].rows = {{"年度", "季別", "目標執行單位", "實績"}, {"2026", "4", "圖書資訊處", "99.9"}, {"2026", "3", "lio", ""}};
  out[1] = out[0];
  out[1].name = "說明";
  out[1].blocks[0].rows = {{"本活頁簿"}};
  std::string bytes;
  REQUIRE(isms::render_xlsx(posix(), out, "t", isms::Date{2026, 1, 1}, &bytes).is_ok());
  std::vector<isms::Sheet> sheets;
  isms::Diagnostics d;
  REQUIRE(isms::read_xlsx(bytes, "w.xlsx", &sheets, d));
  REQUIRE(sheets.size() == 2);
  CHECK(sheets[0].name == "005-02 資料");
  CHECK(sheets[1].name == "說明");
  // The writer puts a title row above the table; the table's rows follow.
  std::vector<std::vector<std::string>> cells;
  for (const auto& r : sheets[0].rows) cells.push_back(r.cells);
  const auto header = std::find(cells.begin(), cells.end(), std::vector<std::string>{"年度", "季別", "目標執行單位", "實績"});
  REQUIRE(header != cells.end());
  REQUIRE(header + 2 < cells.end());
  CHECK(*(header + 1) == std::vector<std::string>{"2026", "4", "圖書資訊處", "99.9"});
  CHECK((header + 2)->at(2) == "lio");

  std::vector<isms::CsvRow> rows;
  const auto known = [](std::string_view h) { return h == "年度" || h == "季別" || h == "實績"; };
  REQUIRE(isms::table_of_xlsx(bytes, "w.xlsx", "", known, &rows, d));
  CHECK(rows.size() >= 3);
}

TEST_CASE("read_xlsx: what is not a workbook is xlsx.malformed, and says what it is") {
  struct Case {
    const char* name;
    std::string bytes;
    const char* says;
  } cases[] = {
      {"csv text", "年度,季別\n2026,4\n", "an xlsx is a zip"},
      {"empty", "", "not a readable xlsx workbook"},
      {"a zip without a workbook", std::string("PK\x05\x06", 4) + std::string(18, '\0'), "no part xl/workbook.xml"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    std::vector<isms::Sheet> sheets;
    isms::Diagnostics d;
    CHECK_FALSE(isms::read_xlsx(c.bytes, "x.xlsx", &sheets, d));
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].code == isms::DiagCode::XlsxMalformed);
    CHECK(d.items()[0].message.find(c.says) != std::string::npos);
  }
}

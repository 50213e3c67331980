#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "isms/format/sheet.h"
#include "isms/render/xlsx.h"
#include "support.h"

using namespace test;

namespace {

isms::ReportSheet sheet(std::string name, std::vector<std::vector<std::string>> rows) {
  isms::ReportSheet s;
  s.name = std::move(name);
  s.title = "title";
  s.blocks.push_back({});
  s.blocks[0].rows = std::move(rows);
  return s;
}

}  // namespace

TEST_CASE("xlsx: a zip workbook, the same bytes for the same sheets, no scratch file left") {
  // The scratch directory is made under TMPDIR; nothing of it stays, even
  // when the workbook fails.
  TempDir t;
  const char* old_tmpdir = std::getenv("TMPDIR");
  const std::string saved = old_tmpdir ? old_tmpdir : "";
  ::setenv("TMPDIR", t.path.c_str(), 1);
  std::vector<isms::ReportSheet> sheets = {sheet("Summary", {{"unit", "rate", "target", "status"},
                                                            {"lio", "87.5%", "≥ 95%", "達成"},
                                                            {"it's", "50%", "≤ 4件", "未達成"}})};
  sheets[0].code = "ISMS-P-005";
  sheets[0].classification = "機密等級：內部使用";
  sheets[0].fills = {{"達成", 0xC6EFCE}, {"未達成", 0xFFC7CE}};
  isms::SheetChart chart;
  chart.title = "chart";
  chart.categories = {1, 0, 2, 0};
  chart.series = {{"rate", {1, 1, 2, 1}, false}};
  chart.percent = true;
  sheets[0].blocks[0].charts.push_back(chart);
  chart.kind = isms::SheetChart::Kind::Line;
  chart.right = true;
  sheets[0].blocks.push_back(sheets[0].blocks[0]);
  sheets[0].blocks[1].new_page = true;
  sheets[0].blocks[1].charts = {chart};
  std::string a, b;
  REQUIRE(isms::render_xlsx(posix(), sheets, "t", isms::Date{2026, 1, 1}, &a).is_ok());
  REQUIRE(isms::render_xlsx(posix(), sheets, "t", isms::Date{2026, 1, 1}, &b).is_ok());
  CHECK(a.rfind("PK", 0) == 0);
  CHECK(a == b);
  CHECK(std::filesystem::is_empty(t.path));
  const std::vector<isms::ReportSheet> bad = {sheet("no[good]", {})};
  CHECK(isms::render_xlsx(posix(), bad, "t", isms::Date{2026, 1, 1}, &a).code() ==
        isms::Status::Code::InvalidArgument);
  CHECK(std::filesystem::is_empty(t.path));
  if (old_tmpdir) {
    ::setenv("TMPDIR", saved.c_str(), 1);
  } else {
    ::unsetenv("TMPDIR");
  }
}

TEST_CASE("xlsx: numbers are what the report writes as numbers; any other digits stay text, however many") {
  // A text field of digits that validates (a 40,000-digit variance) once
  // crashed the workbook in std::regex's recursion; 310 digits threw from
  // std::stod; 20 digits became a rounded floating-point number.
  const std::string huge(40000, '7');
  const std::string long_number(310, '9');
  const std::vector<isms::ReportSheet> sheets = {sheet(
      "Data", {{"value", "text"}, {"95.5", huge}, {"87.5%", long_number}, {"≥ 3件", "12345678901234567890"},
               {"1000000000000", "1000000000001"}, {"≤ 4.25 h", "≥ 1x"}})};
  std::string bytes;
  REQUIRE(isms::render_xlsx(posix(), sheets, "t", isms::Date{2026, 1, 1}, &bytes).is_ok());
  std::vector<isms::Sheet> read;
  isms::Diagnostics d;
  REQUIRE(isms::read_xlsx(bytes, "d.xlsx", &read, d));
  REQUIRE(read.size() == 1);
  std::vector<std::vector<std::string>> cells;
  for (const auto& row : read[0].rows) cells.push_back(row.cells);
  REQUIRE(!cells.empty());
  CHECK(cells.front() == std::vector<std::string>{"title"});
  cells.erase(cells.begin());
  // A cell holds 32,767 characters: the text is cut and says so.
  const std::string cut =
      huge.substr(0, 32767 - 91) + " … (cut at the 32,767 characters a spreadsheet cell holds; the record has the whole text)";
  const std::vector<std::vector<std::string>> expected = {
      {"value", "text"}, {"95.5", cut}, {"87.5%", long_number}, {"3", "12345678901234567890"},
      {"1000000000000", "1000000000001"}, {"≤ 4.25 h", "≥ 1x"}};
  REQUIRE(cells.size() == expected.size());
  for (std::size_t i = 0; i < cells.size(); ++i) {
    CAPTURE(i);
    REQUIRE(cells[i].size() == expected[i].size());
    for (std::size_t j = 0; j < cells[i].size(); ++j) {
      CAPTURE(j);
      CHECK(cells[i][j].substr(0, 40) == expected[i][j].substr(0, 40));
      CHECK(cells[i][j].size() == expected[i][j].size());
    }
  }
}

TEST_CASE("wrapped lines: words and CJK characters wrap, long Latin runs move whole to the next line") {
  struct Case {
    std::string text;
    int chars, lines;
  };
  const Case cases[] = {
      {"", 10, 1},
      {"abc", 10, 1},
      {"一二三四五", 11, 1},           // 10 columns in a room of 10
      {"一二三四五六", 11, 2},
      {"a\nb", 10, 2},
      // A fingerprint after CJK text goes to a line of its own, and is cut
      // only where it is longer than a line: a signed review's 審核意見 cell
      // takes 7 lines in LibreOffice (counting widths alone gave 6, and the
      // printed form lost the fingerprint's end).
      {"第3季弱點修補率未達成，請依矯正措施追蹤改善。（李志宏 民國115年11月24日，簽章金鑰 "
       "SHA256:eaxaitthZTsVTUQbtGha2+OVCAweQJRpurbMjVKCSic）",
       24, 7},
      {"aaaa bbbb cccc", 10, 2},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK(isms::wrapped_lines(c.text, c.chars) == c.lines);
  }
}

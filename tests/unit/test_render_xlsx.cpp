#include <doctest/doctest.h>

#include <filesystem>

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
  TempDir t;
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
  REQUIRE(isms::render_xlsx(posix(), sheets, "t", isms::Date{2026, 1, 1}, t.path / "a.partial.xlsx", &a).is_ok());
  REQUIRE(isms::render_xlsx(posix(), sheets, "t", isms::Date{2026, 1, 1}, t.path / "b.partial.xlsx", &b).is_ok());
  CHECK(a.rfind("PK", 0) == 0);
  CHECK(a == b);
  CHECK(std::filesystem::is_empty(t.path));
  const std::vector<isms::ReportSheet> bad = {sheet("no[good]", {})};
  CHECK(isms::render_xlsx(posix(), bad, "t", isms::Date{2026, 1, 1}, t.path / "c.xlsx", &a).code() ==
        isms::Status::Code::InvalidArgument);
  CHECK(std::filesystem::is_empty(t.path));
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

#include <doctest/doctest.h>

#include <filesystem>

#include "isms/render/xlsx.h"
#include "support.h"

using namespace test;

TEST_CASE("xlsx: a zip workbook, the same bytes for the same sheets, no scratch file left") {
  TempDir t;
  const std::vector<isms::ReportSheet> sheets = {{"Summary", "title", {{"unit", "rate"}, {"lio", "87.5%"}}}};
  std::string a, b;
  REQUIRE(isms::render_xlsx(posix(), sheets, "t", isms::Date{2026, 1, 1}, t.path / "a.partial.xlsx", &a).is_ok());
  REQUIRE(isms::render_xlsx(posix(), sheets, "t", isms::Date{2026, 1, 1}, t.path / "b.partial.xlsx", &b).is_ok());
  CHECK(a.rfind("PK", 0) == 0);
  CHECK(a == b);
  CHECK(std::filesystem::is_empty(t.path));
  const std::vector<isms::ReportSheet> bad = {{"no[good]", "t", {}}};
  CHECK(isms::render_xlsx(posix(), bad, "t", isms::Date{2026, 1, 1}, t.path / "c.xlsx", &a).code() ==
        isms::Status::Code::InvalidArgument);
  CHECK(std::filesystem::is_empty(t.path));
}

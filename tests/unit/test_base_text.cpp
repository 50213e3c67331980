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

TEST_CASE("characters: code points with their byte offsets; bad bytes skipped") {
  const auto cs = isms::characters("a\xe5\xaf\xa6\xff" "b");
  REQUIRE(cs.size() == 3);
  CHECK(cs[0].code_point == U'a');
  CHECK(cs[1].code_point == U'\u5BE6');
  CHECK(cs[1].offset == 1);
  CHECK(cs[1].size == 3);
  CHECK(cs[2].code_point == U'b');
  CHECK(cs[2].offset == 5);
}

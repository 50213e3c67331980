#include <doctest/doctest.h>

#include "isms/render/json.h"

namespace {

std::string compact(const isms::Json& j) {
  std::string t = isms::json_text(j);
  std::string out;
  for (char c : t) {
    if (c != ' ' && c != '\n') out += c;
  }
  return out;
}

}  // namespace

TEST_CASE("JSON pieces: numbers or null, a bound or a range, the measurement in one order") {
  CHECK(isms::json_number(std::nullopt).is_null());
  CHECK(compact(isms::json_number(isms::Decimal::parse("99.5"))) == "99.5");
  isms::Target range;
  range.is_range = true;
  range.min = *isms::Decimal::parse("1");
  range.max = *isms::Decimal::parse("2.5");
  CHECK(compact(isms::json_target(range)) == R"({"min":1,"max":2.5})");
  isms::Objective o;
  o.comparison = isms::Comparison::AtMost;
  o.target.value = *isms::Decimal::parse("4");
  o.unit = isms::MeasureUnit::Percent;
  o.precision = 1;
  o.aggregation = isms::Aggregation::Ratio;
  isms::Json j;
  isms::put_measurement(j, o);
  CHECK(compact(j) == R"({"comparison":"<=","target":4,"unit":"percent","precision":1,"aggregation":"ratio"})");
}

TEST_CASE("JSON numbers are the exact decimals, beyond what a double holds") {
  struct Row {
    const char* in;
    const char* out;
  } rows[] = {
      {"4", "4"},
      {"4.0", "4"},
      {"99.83", "99.83"},
      {"0.1", "0.1"},
      {"-3.5", "-3.5"},
      {"999999999999.999999", "999999999999.999999"},  // 18 digits: a double would print 1000000000000
      {"123456789.123456", "123456789.123456"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.in);
    const isms::Json j = {{"v", isms::json_number(isms::Decimal::parse(r.in))}, {"text", "a \"dec:\" string"}};
    CHECK(compact(j) == std::string(R"({"v":)") + r.out + R"(,"text":"a\"dec:\"string"})");
  }
  // Strings that look like the mark stay strings.
  CHECK(compact(isms::Json("dec:1")) == R"("dec:1")");
}

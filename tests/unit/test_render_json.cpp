#include <doctest/doctest.h>

#include "isms/render/json.h"

TEST_CASE("JSON pieces: numbers or null, a bound or a range, the measurement in one order") {
  CHECK(isms::json_number(std::nullopt).is_null());
  CHECK(isms::json_number(isms::Decimal::parse("99.5")).dump() == "99.5");
  isms::Target range;
  range.is_range = true;
  range.min = *isms::Decimal::parse("1");
  range.max = *isms::Decimal::parse("2.5");
  CHECK(isms::json_target(range).dump() == R"({"min":1.0,"max":2.5})");
  isms::Objective o;
  o.comparison = isms::Comparison::AtMost;
  o.target.value = *isms::Decimal::parse("4");
  o.unit = isms::MeasureUnit::Percent;
  o.precision = 1;
  o.aggregation = isms::Aggregation::Ratio;
  isms::Json j;
  isms::put_measurement(j, o);
  CHECK(j.dump() == R"({"comparison":"<=","target":4.0,"unit":"percent","precision":1,"aggregation":"ratio"})");
}

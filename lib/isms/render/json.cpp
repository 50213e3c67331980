#include "isms/render/json.h"

namespace isms {

Json json_number(const std::optional<Decimal>& d) { return d ? Json(d->to_double()) : Json(nullptr); }

Json json_target(const Target& t) {
  return t.is_range ? Json{{"min", t.min.to_double()}, {"max", t.max.to_double()}} : Json(t.value.to_double());
}

void put_measurement(Json& j, const Objective& d) {
  j["comparison"] = to_string(d.comparison);
  j["target"] = json_target(d.target);
  j["unit"] = to_string(d.unit);
  j["precision"] = d.precision;
  j["aggregation"] = to_string(d.aggregation);
}

}  // namespace isms

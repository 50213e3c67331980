// JSON pieces every machine-readable output shares (report, review), so an
// objective's measurement reads the same in each. Internal to render/.
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "isms/base/decimal.h"
#include "isms/store/model.h"

namespace isms {

using Json = nlohmann::ordered_json;

// A number, or null when there is none.
Json json_number(const std::optional<Decimal>& d);
// A bound, or {"min", "max"} for a range.
Json json_target(const Target& t);
// The measurement of `d`: comparison, target, unit, precision, aggregation.
void put_measurement(Json& j, const Objective& d);

}  // namespace isms

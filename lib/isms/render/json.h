// JSON pieces every machine-readable output shares (report, review), so an
// objective's measurement reads the same in each. Internal to render/.
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "isms/base/decimal.h"
#include "isms/store/model.h"

namespace isms {

using Json = nlohmann::ordered_json;

// A number, or null when there is none. It is written exactly as the
// decimal (99.83, 4 — never 4.0 or a binary approximation) by json_text;
// until then it is held as a marked string.
Json json_number(const std::optional<Decimal>& d);

// The document as text (indented by two, newline-terminated), with every
// json_number written as its exact decimal.
std::string json_text(const Json& j);
// A bound, or {"min", "max"} for a range.
Json json_target(const Target& t);
// The measurement of `d`: comparison, target, unit, precision, aggregation.
void put_measurement(Json& j, const Objective& d);

}  // namespace isms

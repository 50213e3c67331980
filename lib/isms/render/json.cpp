#include "isms/render/json.h"

namespace isms {

namespace {

// Marks a decimal held as a string until json_text writes it as a number.
// Record text never holds a NUL (base/text.h check_record_text), so no
// string from a record can be taken for one.
constexpr std::string_view kMark = std::string_view("\0dec:", 5);
constexpr std::string_view kMarkEscaped = "\"\\u0000dec:";

}  // namespace

Json json_number(const std::optional<Decimal>& d) {
  return d ? Json(std::string(kMark) + d->to_string()) : Json(nullptr);
}

std::string json_text(const Json& j) {
  const std::string text = j.dump(2);
  std::string out;
  out.reserve(text.size());
  std::size_t from = 0;
  for (std::size_t at; (at = text.find(kMarkEscaped, from)) != std::string::npos;) {
    const std::size_t begin = at + kMarkEscaped.size();
    const std::size_t end = text.find('"', begin);
    out.append(text, from, at - from);
    out.append(text, begin, end - begin);
    from = end + 1;
  }
  out.append(text, from, std::string::npos);
  return out + "\n";
}

Json json_target(const Target& t) {
  return t.is_range ? Json{{"min", json_number(t.min)}, {"max", json_number(t.max)}} : json_number(t.value);
}

void put_measurement(Json& j, const Objective& d) {
  j["comparison"] = to_string(d.comparison);
  j["target"] = json_target(d.target);
  j["unit"] = to_string(d.unit);
  j["precision"] = d.precision;
  j["aggregation"] = to_string(d.aggregation);
}

}  // namespace isms

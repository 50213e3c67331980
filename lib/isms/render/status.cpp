#include "isms/render/status.h"

#include <fmt/format.h>

#include "isms/render/json.h"
#include "isms/render/table.h"

namespace isms {

std::string status_text(const std::string& organisation, const Date& today, const std::vector<DueItem>& items) {
  const DueCounts n = count_due(items);
  std::string out = fmt::format("{} — status on {}\n", organisation, today.iso());
  if (!items.empty()) {
    std::vector<std::vector<std::string>> rows = {{"state", "what", "period", "unit", "due", "details"}};
    for (const auto& i : items) {
      rows.push_back({std::string(to_string(i.state)), i.kind,
                      i.quarter ? fmt::format("{} Q{}", i.year, i.quarter) : std::to_string(i.year),
                      i.unit_name.empty() ? i.unit : fmt::format("{} ({})", i.unit_name, i.unit),
                      i.due ? i.due->iso() : "-", i.message});
    }
    out += format_table(rows);
  }
  return out + fmt::format("{} late, {} due, {} open\n", n.late, n.due, n.open);
}

std::string status_json(const Date& today, const std::vector<DueItem>& items) {
  const DueCounts n = count_due(items);
  Json j;
  j["format"] = "isms-obj.status/1";
  j["today"] = today.iso();
  j["late"] = n.late;
  j["due"] = n.due;
  j["open"] = n.open;
  j["items"] = Json::array();
  for (const auto& i : items) {
    j["items"].push_back({{"state", to_string(i.state)},
                          {"kind", i.kind},
                          {"year", i.year},
                          {"quarter", i.quarter == 0 ? Json(nullptr) : Json(i.quarter)},
                          {"unit", i.unit},
                          {"due", i.due ? Json(i.due->iso()) : Json(nullptr)},
                          {"path", i.path},
                          {"message", i.message}});
  }
  return j.dump(2) + "\n";
}

}  // namespace isms

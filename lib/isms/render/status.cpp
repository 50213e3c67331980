#include "isms/render/status.h"

#include <fmt/format.h>

#include "isms/render/json.h"
#include "isms/render/labels.h"
#include "isms/render/table.h"

namespace isms {

namespace {

std::string period(const DueItem& i, Calendar calendar, const Labels& t) {
  const std::string year = year_number(i.year, calendar, t);
  return i.quarter ? fmt::format(fmt::runtime(t("period.quarter")), year, i.quarter)
                   : fmt::format(fmt::runtime(t("period.year")), year);
}

}  // namespace

std::string due_message(const DueItem& i, Language language, Calendar calendar) {
  const Labels t(language);
  const std::string key = "reason." + std::string(to_string(i.reason));
  switch (i.reason) {
    case DueReason::NoTable:
    case DueReason::Draft:
    case DueReason::Submitted:
    case DueReason::NoReview:
      return t(key);
    case DueReason::Rejected:
    case DueReason::ChangesRequested:
      if (i.in_force == 0) return t(key);
      return fmt::format(fmt::runtime(t("reason.revision")), fmt::arg("r", i.revision), fmt::arg("what", t(key)),
                         fmt::arg("f", i.in_force));
    case DueReason::PendingReapproval:
      return fmt::format(fmt::runtime(t(key)), fmt::arg("r", i.revision), fmt::arg("f", i.in_force));
    case DueReason::NoResults:
      return fmt::format(fmt::runtime(t(key)), fmt::arg("ids", list_text(i.objectives, t)));
    case DueReason::ReferralDue:
      return fmt::format(fmt::runtime(t(key)), fmt::arg("id", list_text(i.objectives, t)),
                         fmt::arg("quarters", quarter_names(i.quarters, t)));
    case DueReason::ReferralOpen:
      return fmt::format(fmt::runtime(t(key)), fmt::arg("id", list_text(i.objectives, t)),
                         fmt::arg("since", i.since ? date_text(*i.since, calendar, t) : "?"),
                         fmt::arg("case", i.case_number.empty()
                                              ? t("reason.no-case")
                                              : fmt::format(fmt::runtime(t("reason.case")), i.case_number)));
  }
  return t(key);
}

std::string status_text(const std::string& organisation, const Date& today, const std::vector<DueItem>& items,
                        Language language, Calendar calendar) {
  const Labels t(language);
  const DueCounts n = count_due(items);
  std::string out =
      fmt::format(fmt::runtime(t("status.title")), organisation, date_text(today, calendar, t)) + "\n";
  if (!items.empty()) {
    std::vector<std::vector<std::string>> rows = {{t("status.state"), t("status.what"), t("status.period"),
                                                   t("status.unit"), t("status.due"), t("status.details")}};
    for (const auto& i : items) {
      rows.push_back({t("state." + std::string(to_string(i.state))), t("kind." + i.kind), period(i, calendar, t),
                      i.unit_name.empty() ? i.unit : fmt::format("{} ({})", i.unit_name, i.unit),
                      i.due ? date_column(*i.due, calendar) : "-", due_message(i, language, calendar)});
    }
    out += format_table(rows);
  }
  return out + fmt::format(fmt::runtime(t("status.counts")), n.late, n.due, n.open) + "\n";
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
                          {"reason", to_string(i.reason)},
                          {"message", due_message(i, Language::En, Calendar::Gregorian)}});
  }
  return j.dump(2) + "\n";
}

}  // namespace isms

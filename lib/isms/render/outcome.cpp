#include "isms/render/outcome.h"

#include <algorithm>

#include "isms/render/json.h"
#include "isms/rules/lifecycle.h"
#include "isms/rules/measure.h"

namespace isms {

namespace {

// The fields every report has; `written` and `unchanged` filled by the caller.
Json report(std::string_view command, bool dry_run = false) {
  Json j;
  j["format"] = "isms-obj.write/1";
  j["command"] = command;
  j["dry_run"] = dry_run;
  j["written"] = Json::array();
  j["unchanged"] = Json::array();
  return j;
}

// The document, `written` and `unchanged` in path order.
std::string text(Json& j) {
  for (const char* list : {"written", "unchanged"}) {
    auto& a = j[list];
    std::sort(a.begin(), a.end());
  }
  return json_text(j);
}

// `path` into `written` or `unchanged`; nothing when empty.
void put(Json& j, const std::string& path, bool written) {
  if (!path.empty()) j[written ? "written" : "unchanged"].push_back(path);
}

}  // namespace

std::string init_report_json(const std::string& store, const std::vector<std::string>& written) {
  Json j = report("init");
  for (const auto& rel : written) put(j, rel, true);
  j["store"] = store;
  return text(j);
}

std::string set_report_json(const SetOutcome& out) {
  Json j = report("set");
  put(j, out.path, out.changed);
  j["table"] = out.path;
  j["created"] = out.created;
  j["revision"] = out.revision;
  j["state"] = to_string(out.state);
  j["added"] = out.added;
  j["updated"] = out.updated;
  j["other_rows"] = out.other_rows;
  return text(j);
}

std::string approve_report_json(const ApproveOutcome& out, Decision decision, const Date& today) {
  Json j = report("approve");
  put(j, out.written, true);
  put(j, out.existing, false);
  j["table"] = out.table;
  j["revision"] = out.revision;
  j["decision"] = to_string(decision);
  j["approver"] = out.approver;
  j["date"] = today.iso();
  j["state_before"] = to_string(out.before);
  j["state_after"] = to_string(out.after);
  j["in_force"] = out.in_force.empty() ? Json(nullptr) : Json(out.in_force);
  return text(j);
}

std::string record_report_json(const RecordOutcome& out, bool dry_run) {
  Json j = report("record-quarter", dry_run);
  Json rows = Json::array();
  for (const auto& r : out.rows) {
    const bool unchanged = r.action == RecordedRow::Action::Unchanged;
    if (!dry_run) put(j, r.path, !unchanged);
    const auto& o = r.outcome;
    rows.push_back({{"action", unchanged                                      ? "unchanged"
                               : r.action == RecordedRow::Action::Amended ? "amended"
                                                                          : "recorded"},
                    {"path", r.path},
                    {"year", r.year},
                    {"quarter", r.quarter},
                    {"unit", r.unit},
                    {"objective", r.objective},
                    {"actual", json_number(o.value)},
                    {"numerator", json_number(r.numerator)},
                    {"denominator", json_number(r.denominator)},
                    {"cumulative", json_number(o.cumulative)},
                    {"comparison", to_string(r.comparison)},
                    {"target", json_target(o.target)},
                    {"pro_rata", o.pro_rata},
                    {"status", to_string(o.status)}});
  }
  j["results"] = std::move(rows);
  j["skipped_lines"] = out.skipped;
  return text(j);
}

std::string review_report_json(const ReviewOutcome& out) {
  Json j = report("review");
  put(j, out.review, out.review_written);
  for (const auto& r : out.referrals) put(j, r, true);
  j["review"] = out.review;
  j["referrals"] = out.referrals;
  return text(j);
}

std::string confirm_report_json(const ConfirmOutcome& out) {
  Json j = report("review --confirm");
  put(j, out.confirmation, out.written);
  j["confirmation"] = out.confirmation;
  Json results = Json::array();
  for (const auto& [objective, sequence] : out.results) results.push_back({{"objective", objective}, {"sequence", sequence}});
  j["results"] = std::move(results);
  return text(j);
}

std::string referral_report_json(const CloseReferralOutcome& out, const Date& today) {
  Json j = report("referral");
  put(j, out.referral, out.written);
  j["referral"] = out.referral;
  j["closed_on"] = out.written ? Json(today.iso()) : Json(nullptr);
  return text(j);
}

}  // namespace isms

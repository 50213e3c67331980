#include "isms/render/retention.h"

#include <fmt/format.h>

#include "isms/render/json.h"
#include "isms/render/labels.h"
#include "isms/render/table.h"

namespace isms {

namespace {

std::string kind_label(RecordKind k, const Labels& t) {
  switch (k) {
    case RecordKind::Setting: return t("retention.setting");
    case RecordKind::Approval: return t("retention.approval");
    case RecordKind::Result: return t("retention.result");
    case RecordKind::Review: return t("retention.review");
    case RecordKind::Confirmation: return t("retention.confirmation");
    default: return std::string(record_kind_name(k));
  }
}

}  // namespace

std::string retention_text(const RetentionReport& r, const ShowPath& show, Language language, Calendar calendar) {
  const Labels t(language);
  std::string o;
  o += fmt::format(fmt::runtime(t("retention.title")), fmt::arg("today", date_text(r.today, calendar, t)),
                   fmt::arg("years", r.years),
                   fmt::arg("after", t(r.from_record_date ? "retention.after-record" : "retention.after-year")),
                   fmt::arg("where", r.location)) +
       "\n";
  std::vector<std::vector<std::string>> rows = {
      {t("retention.record"), t("retention.year"), t("retention.files"), t("retention.until"), ""}};
  for (const auto& g : r.groups) {
    rows.push_back({kind_label(g.kind, t), year_number(g.year, calendar, t), std::to_string(g.records),
                    date_column(g.until, calendar), t(g.past ? "retention.past" : "retention.kept")});
  }
  o += format_table(rows, {Align::Left, Align::Right, Align::Right});
  if (r.history_checked) o += fmt::format(fmt::runtime(t("retention.history")), r.commits) + "\n";
  for (const auto& f : r.findings) {
    o += fmt::format("{}: {}: {}", show(f.diagnostic.file), t("retention.violation"), f.diagnostic.message);
    if (!f.commit.empty()) {
      o += fmt::format(fmt::runtime(t("retention.commit")), fmt::arg("commit", f.commit.substr(0, 12)),
                       fmt::arg("author", f.author),
                       fmt::arg("on", f.date ? fmt::format(fmt::runtime(t("retention.on")), date_column(*f.date, calendar))
                                             : std::string()));
    }
    o += fmt::format(" [{}]\n", code_name(f.diagnostic.code));
  }
  o += fmt::format(fmt::runtime(t("retention.count")), r.findings.size()) + "\n";
  return o;
}

std::string retention_json(const RetentionReport& r) {
  Json j;
  j["format"] = "isms-obj.retention/1";
  j["today"] = r.today.iso();
  j["years"] = r.years;
  j["location"] = r.location;
  j["history_checked"] = r.history_checked;
  j["commits"] = r.commits;
  j["records"] = Json::array();
  for (const auto& g : r.groups) {
    j["records"].push_back({{"kind", record_kind_name(g.kind)}, {"year", g.year}, {"records", g.records},
                            {"retain_until", g.until.iso()}, {"past_retention", g.past}});
  }
  j["violations"] = Json::array();
  for (const auto& f : r.findings) {
    j["violations"].push_back({{"code", code_name(f.diagnostic.code)}, {"path", f.diagnostic.file}, {"commit", f.commit}, {"author", f.author},
                               {"date", f.date ? f.date->iso() : ""}, {"message", f.diagnostic.message}});
  }
  return j.dump(2) + "\n";
}

}  // namespace isms

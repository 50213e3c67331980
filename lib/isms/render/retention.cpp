#include "isms/render/retention.h"

#include <fmt/format.h>

#include "isms/render/json.h"
#include "isms/render/table.h"

namespace isms {

namespace {

std::string kind_label(RecordKind k) {
  switch (k) {
    case RecordKind::Setting: return "005-01 setting";
    case RecordKind::Approval: return "005-01 approval";
    case RecordKind::Result: return "005-02 result";
    case RecordKind::Review: return "005-02 review";
    default: return std::string(record_kind_name(k));
  }
}

}  // namespace

std::string retention_text(const RetentionReport& r, const ShowPath& show) {
  std::string o;
  o += fmt::format("Retention as of {}: kept at least {} year(s) after {}, at {}\n", r.today.iso(), r.years,
                   r.from_record_date ? "the date each record states" : "the end of the year it covers",
                   r.location);
  std::vector<std::vector<std::string>> rows = {{"record", "year", "files", "retain until", ""}};
  for (const auto& g : r.groups) {
    rows.push_back({kind_label(g.kind), std::to_string(g.year), std::to_string(g.records), g.until.iso(),
                    g.past ? "past retention: may be disposed of (never by isms-obj)" : "under retention"});
  }
  o += format_table(rows, {Align::Left, Align::Right, Align::Right});
  if (r.history_checked) o += fmt::format("history: {} commit(s) touching the store's paths checked\n", r.commits);
  for (const auto& f : r.findings) {
    o += fmt::format("{}: violation: {}", show(f.diagnostic.file), f.diagnostic.message);
    if (!f.commit.empty()) {
      o += fmt::format(" (commit {} by {}{})", f.commit.substr(0, 12), f.author, f.date ? " on " + f.date->iso() : "");
    }
    o += fmt::format(" [{}]\n", code_name(f.diagnostic.code));
  }
  o += fmt::format("{} violation(s)\n", r.findings.size());
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

#include "isms/render/history.h"

#include <algorithm>

#include <fmt/format.h>

#include "isms/base/text.h"
#include "isms/render/json.h"
#include "isms/render/labels.h"

namespace isms {

namespace {

std::string_view act_name(HistoryAct a) {
  switch (a) {
    case HistoryAct::Decided: return "decided";
    case HistoryAct::Pending: return "pending";
    case HistoryAct::Reported: return "reported";
    case HistoryAct::Amended: return "amended";
    case HistoryAct::Confirmed: return "confirmed";
    case HistoryAct::Reviewed: return "reviewed";
    case HistoryAct::Corrected: return "review-corrected";
    case HistoryAct::ReferralRaised: return "referral-raised";
    case HistoryAct::ReferralWaived: return "referral-waived";
    case HistoryAct::ReferralClosed: return "referral-closed";
  }
  return "";
}

std::string name_of(const std::map<std::string, std::pair<std::string, std::string>>& names, const std::string& id,
                    bool zh) {
  const auto n = names.find(id);
  if (n == names.end()) return id;
  return zh || n->second.second.empty() ? n->second.first : n->second.second;
}

std::string dec(const std::optional<Decimal>& d) { return d ? d->to_string() : "-"; }

// A result's value as recorded: "99.62", "46/50" (numerator and
// denominator of a ratio), "-" when nothing was recorded.
std::string value_text(const HistoryEvent& e) {
  if (e.numerator || e.denominator) {
    const std::string ratio = fmt::format("{}/{}", dec(e.numerator), dec(e.denominator));
    return e.value ? fmt::format("{} ({})", e.value->to_string(), ratio) : ratio;
  }
  return dec(e.value);
}

// What one act says on its first line, and the lines under it.
struct Paragraph {
  std::string head;
  std::vector<std::string> lines;
};

// A revision's footer and what it changes against the revision in force
// before it.
void table_lines(const History& h, const HistoryEvent& e, const Labels& t, Calendar calendar, Paragraph& p) {
  const bool zh = t.zh();
  const auto person = [&](const std::string& id) { return name_of(h.people, id, zh); };
  std::vector<std::string> footer;
  if (!e.compiled_by.empty()) footer.push_back(fmt::format("{}：{}", t("compiled by"), person(e.compiled_by)));
  if (!e.supervisor.empty()) footer.push_back(fmt::format("{}：{}", t("supervisor"), person(e.supervisor)));
  if (e.updated) footer.push_back(fmt::format("{}：{}", t("updated"), date_column(*e.updated, calendar)));
  if (!footer.empty()) p.lines.push_back(list_text(footer, t));
  if (e.first) {
    p.lines.push_back(t("history.first"));
  } else if (e.changes.empty()) {
    p.lines.push_back(fmt::format(fmt::runtime(t("history.unchanged")), e.against));
  } else {
    p.lines.push_back(fmt::format(fmt::runtime(t("history.changes")), e.against));
    const NameOf name = [&](const std::string& field, const std::string& v) {
      return field == "department" ? name_of(h.units, v, zh) : person(v);
    };
    for (const auto& c : e.changes) p.lines.push_back("  " + change_text(c, name, t));
  }
  if (e.partial) p.lines.push_back(t("pending.partial"));
}

Paragraph paragraph(const History& h, const HistoryEvent& e, const Labels& t, Calendar calendar) {
  const bool zh = t.zh();
  const auto person = [&](const std::string& id) { return name_of(h.people, id, zh); };
  const auto run = [&](const char* key, auto... args) { return fmt::format(fmt::runtime(t(key)), args...); };
  const auto item = [&]() { return e.item.empty() ? e.objective : e.item; };
  Paragraph p;
  switch (e.act) {
    case HistoryAct::Pending:
      p.head = run("history.pending", e.revision, t(e.status == TableStatus::Draft ? "history.draft" : "history.awaiting"));
      table_lines(h, e, t, calendar, p);
      break;
    case HistoryAct::Decided: {
      const char* key = *e.decision == Decision::Approved   ? "history.approved"
                        : *e.decision == Decision::Rejected ? "history.rejected"
                                                            : "history.changes-requested";
      p.head = fmt::format("{}  {}", run(key, e.revision), person(e.by));
      if (!e.text.empty()) p.lines.push_back(fmt::format("{}：{}", t("history.comment"), e.text));
      if (*e.decision == Decision::Approved) table_lines(h, e, t, calendar, p);
      break;
    }
    case HistoryAct::Reported:
      p.head = fmt::format("{}  {}：{}  {}：{}", run("history.reported", e.quarter), item(), value_text(e), t("reporter"),
                           person(e.by));
      if (!e.text.empty()) p.lines.push_back(fmt::format("{}：{}", t("variance"), e.text));
      break;
    case HistoryAct::Amended:
      p.head = fmt::format("{}  {}：{} → {}  {}：{}", run("history.amended", e.quarter, e.sequence), item(),
                           dec(e.previous), value_text(e), t("reporter"), person(e.by));
      p.lines.push_back(fmt::format("{}：{}", t("history.reason"), e.reason));
      if (e.reviewed_on) p.lines.push_back(run("history.after review", date_text(*e.reviewed_on, calendar, t)));
      if (!e.text.empty()) p.lines.push_back(fmt::format("{}：{}", t("variance"), e.text));
      break;
    case HistoryAct::Confirmed: {
      p.head = fmt::format("{}  {}", e.sequence > 1 ? run("history.reconfirmed", e.quarter, e.sequence)
                                                    : run("history.confirmed", e.quarter),
                           person(e.by));
      std::vector<std::string> what;
      for (const auto& [id, sequence] : e.confirmed) {
        const auto i = h.items.find(id);
        const std::string name = i == h.items.end() ? id : i->second;
        what.push_back(sequence > 1 ? run("history.confirmed amended", name, sequence) : name);
      }
      p.lines.push_back(fmt::format("{}：{}", t("history.confirmed results"), list_text(what, t)));
      if (e.stale) p.lines.push_back(t("history.stale"));
      break;
    }
    case HistoryAct::Reviewed:
    case HistoryAct::Corrected:
      p.head = fmt::format("{}  {}", e.act == HistoryAct::Reviewed ? run("history.reviewed", e.quarter)
                                                                   : run("history.corrected", e.quarter, e.sequence),
                           person(e.by));
      if (e.act == HistoryAct::Corrected) p.lines.push_back(fmt::format("{}：{}", t("history.reason"), e.reason));
      p.lines.push_back(fmt::format("{}：{}", t("opinion"), e.text));
      for (const auto& [id, text] : e.objective_opinions) {
        const auto i = h.items.find(id);
        p.lines.push_back(fmt::format("  {}：{}", i == h.items.end() ? id : i->second, text));
      }
      if (e.act == HistoryAct::Reviewed && !e.reason.empty()) {
        p.lines.push_back(fmt::format("{}：{}", t("history.missing"), e.reason));
      }
      if (!e.supervisor.empty()) p.lines.push_back(fmt::format("{}：{}", t("supervisor"), person(e.supervisor)));
      break;
    case HistoryAct::ReferralRaised:
    case HistoryAct::ReferralWaived:
      p.head = fmt::format("{}  {}  {}",
                           t(e.act == HistoryAct::ReferralRaised ? "history.referral" : "history.waived"), item(),
                           person(e.by));
      p.lines.push_back(fmt::format("{}：{}", t("history.missed"), quarter_names(e.missed, t)));
      if (!e.reason.empty()) p.lines.push_back(fmt::format("{}：{}", t("history.reason"), e.reason));
      if (!e.case_number.empty() && e.act == HistoryAct::ReferralRaised) {
        p.lines.push_back(fmt::format("{}：{}", t("history.case"), e.case_number));
      }
      break;
    case HistoryAct::ReferralClosed:
      p.head = fmt::format("{}  {}  {}", t("history.closed"), item(), person(e.by));
      p.lines.push_back(fmt::format("{}：{}", t("history.evidence"), e.text));
      if (!e.case_number.empty()) p.lines.push_back(fmt::format("{}：{}", t("history.case"), e.case_number));
      break;
  }
  if (!e.keys.empty()) p.lines.push_back(run("history.key", e.keys));
  // Every act but a result is a person's decision, signed or not.
  if (e.keys.empty() && e.act != HistoryAct::Reported && e.act != HistoryAct::Amended && e.act != HistoryAct::Pending) {
    p.lines.push_back(t("history.unsigned"));
  }
  p.lines.push_back("[" + e.file + "]");
  return p;
}

}  // namespace

std::string history_text(const History& h, Language language, Calendar calendar) {
  const Labels t(language);
  const bool zh = t.zh();
  const std::string unit = zh || h.unit_name_en.empty() ? h.unit_name : h.unit_name_en;
  std::string out = fmt::format(fmt::runtime(t("history.title")), unit.empty() ? h.options.unit : unit, h.options.unit,
                                year_number(h.options.year, calendar, t));
  if (h.options.objective) {
    const auto i = h.items.find(*h.options.objective);
    out += fmt::format(" — {}", i == h.items.end() ? *h.options.objective : i->second);
  }
  out += "\n";
  if (h.events.empty()) return out + t("history.none") + "\n";
  // The date column is as wide as its widest date.
  std::vector<std::string> dates;
  int width = 0;
  for (const auto& e : h.events) {
    dates.push_back(e.date ? date_column(*e.date, calendar) : std::string("-"));
    width = std::max(width, display_width(dates.back()));
  }
  const std::string indent(static_cast<std::size_t>(width) + 2, ' ');
  for (std::size_t i = 0; i < h.events.size(); ++i) {
    const Paragraph p = paragraph(h, h.events[i], t, calendar);
    out += "\n" + dates[i] + std::string(static_cast<std::size_t>(width - display_width(dates[i]) + 2), ' ') + p.head + "\n";
    for (const auto& l : p.lines) out += indent + l + "\n";
  }
  return out;
}

std::string history_json(const History& h) {
  Json j;
  j["schema"] = "isms-obj.history/1";
  j["year"] = h.options.year;
  j["unit"] = h.options.unit;
  j["unit_name"] = h.unit_name;
  j["objective"] = h.options.objective ? Json(*h.options.objective) : Json(nullptr);
  Json events = Json::array();
  const auto person = [&](const std::string& id) { return name_of(h.people, id, true); };
  for (const auto& e : h.events) {
    Json x;
    x["act"] = act_name(e.act);
    x["date"] = e.date ? Json(e.date->iso()) : Json(nullptr);
    x["by"] = e.by;
    x["by_name"] = person(e.by);
    x["file"] = e.file;
    switch (e.act) {
      case HistoryAct::Pending:
      case HistoryAct::Decided: {
        x["revision"] = e.revision;
        if (e.act == HistoryAct::Pending) x["status"] = to_string(e.status);
        if (e.decision) {
          x["decision"] = to_string(*e.decision);
          x["comment"] = e.text;
          x["signed_with"] = e.keys;
        }
        if (e.act == HistoryAct::Pending || e.decision == Decision::Approved) {
          x["compiled_by"] = e.compiled_by;
          x["supervisor"] = e.supervisor;
          x["updated"] = e.updated ? Json(e.updated->iso()) : Json(nullptr);
          x["compared_with"] = e.first ? Json(nullptr) : Json(e.against);
          Json changes = Json::array();
          for (const auto& c : e.changes) {
            Json cj;
            cj["objective"] = c.objective.empty() ? Json(nullptr) : Json(c.objective);
            cj["item"] = c.item;
            cj["field"] = c.field.empty() ? Json(c.after == "added" ? "added" : "removed") : Json(c.field);
            cj["before"] = c.before;
            cj["after"] = c.after;
            changes.push_back(cj);
          }
          x["changes"] = changes;
          x["partial"] = e.partial;
        }
        break;
      }
      case HistoryAct::Reported:
      case HistoryAct::Amended:
        x["quarter"] = e.quarter;
        x["objective"] = e.objective;
        x["item"] = e.item;
        x["sequence"] = e.sequence;
        x["actual"] = json_number(e.value);
        x["numerator"] = json_number(e.numerator);
        x["denominator"] = json_number(e.denominator);
        x["variance"] = e.text;
        if (e.act == HistoryAct::Amended) {
          x["previous"] = json_number(e.previous);
          x["reason"] = e.reason;
          x["after_review_of"] = e.reviewed_on ? Json(e.reviewed_on->iso()) : Json(nullptr);
        }
        break;
      case HistoryAct::Confirmed: {
        x["quarter"] = e.quarter;
        x["sequence"] = e.sequence;
        Json results = Json::object();
        for (const auto& [id, sequence] : e.confirmed) results[id] = sequence;
        x["results"] = results;
        x["current"] = !e.stale;
        x["signed_with"] = e.keys;
        break;
      }
      case HistoryAct::Reviewed:
      case HistoryAct::Corrected: {
        x["quarter"] = e.quarter;
        x["sequence"] = e.sequence;
        x["opinion"] = e.text;
        Json ops = Json::object();
        for (const auto& [id, text] : e.objective_opinions) ops[id] = text;
        x["objective_opinions"] = ops;
        x[e.act == HistoryAct::Corrected ? "reason" : "missing_reason"] = e.reason;
        x["supervisor"] = e.supervisor;
        x["signed_with"] = e.keys;
        break;
      }
      case HistoryAct::ReferralRaised:
      case HistoryAct::ReferralWaived:
      case HistoryAct::ReferralClosed:
        x["objective"] = e.objective;
        x["item"] = e.item;
        x["sequence"] = e.sequence;
        x["missed_quarters"] = e.missed;
        x["case_number"] = e.case_number;
        if (e.act == HistoryAct::ReferralWaived) x["reason"] = e.reason;
        if (e.act == HistoryAct::ReferralClosed) x["evidence"] = e.text;
        x["signed_with"] = e.keys;
        break;
    }
    events.push_back(x);
  }
  j["events"] = events;
  return json_text(j);
}

}  // namespace isms

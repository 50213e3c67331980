#include "isms/store/model.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <fmt/format.h>

namespace isms {

std::string_view to_string(Comparison c) {
  switch (c) {
    case Comparison::AtLeast: return ">=";
    case Comparison::AtMost: return "<=";
    case Comparison::Range: return "range";
  }
  return "?";
}

std::string_view to_string(Aggregation a) {
  switch (a) {
    case Aggregation::Sum: return "sum";
    case Aggregation::Ratio: return "ratio";
    case Aggregation::Mean: return "mean";
    case Aggregation::Last: return "last";
    case Aggregation::Max: return "max";
    case Aggregation::Min: return "min";
  }
  return "?";
}

std::string_view to_string(MeasureUnit u) {
  switch (u) {
    case MeasureUnit::Percent: return "percent";
    case MeasureUnit::Count: return "count";
    case MeasureUnit::Hours: return "hours";
    case MeasureUnit::Minutes: return "minutes";
    case MeasureUnit::Days: return "days";
    case MeasureUnit::Score: return "score";
  }
  return "?";
}

std::string_view to_string(Decision d) {
  switch (d) {
    case Decision::Approved: return "approved";
    case Decision::Rejected: return "rejected";
    case Decision::ChangesRequested: return "changes-requested";
  }
  return "?";
}

const Person* Config::person(std::string_view id) const {
  for (const auto& p : people) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

FieldMarks::FieldMarks(const YamlNode& map) : root_(map.mark) {
  for (std::size_t i = 0; i < map.keys.size() && i < map.children.size(); ++i) {
    if (const int k = slot(map.keys[i]); k >= 0) {
      marks_[static_cast<std::size_t>(k)] = map.children[i].mark;
      present_ = static_cast<std::uint16_t>(present_ | (1u << k));
    }
  }
}

int FieldMarks::slot(std::string_view key) {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == key) return static_cast<int>(i);
  }
  return -1;
}

bool FieldMarks::has(std::string_view key) const {
  const int k = slot(key);
  return k >= 0 && (present_ >> k & 1u) != 0;
}

Mark FieldMarks::at(std::string_view key) const {
  return has(key) ? marks_[static_cast<std::size_t>(slot(key))] : root_;
}

const Unit* Config::unit(std::string_view id) const {
  for (const auto& u : units) {
    if (u.id == id) return &u;
  }
  return nullptr;
}

const RoleTerm* Config::holder_on(const std::vector<RoleTerm>& terms, const Date& day) {
  for (const auto& t : terms) {
    if (t.in_force_on(day)) return &t;
  }
  return nullptr;
}

const Objective* SettingTable::objective(std::string_view id) const {
  for (const auto& o : objectives) {
    if (o.id == id) return &o;
  }
  return nullptr;
}

namespace {

// Typed field access on schema-valid maps. Absent or mistyped fields read as
// empty; domain-invalid values are reported.
class Reader {
 public:
  Reader(const std::string& file, Diagnostics& diags) : file_(file), diags_(diags) {}

  std::string text(const YamlNode& map, std::string_view key) const {
    const YamlNode* n = map.find(key);
    return n && n->kind == YamlNode::Kind::String ? n->text : std::string();
  }

  std::optional<int> integer(const YamlNode& map, std::string_view key) const {
    const YamlNode* n = map.find(key);
    if (!n || n->kind != YamlNode::Kind::Number) return std::nullopt;
    int v = 0;
    auto [p, ec] = std::from_chars(n->text.data(), n->text.data() + n->text.size(), v);
    if (ec != std::errc() || p != n->text.data() + n->text.size()) return std::nullopt;
    return v;
  }

  std::optional<Decimal> number(const YamlNode* n, std::string_view what) const {
    if (!n || n->kind != YamlNode::Kind::Number) return std::nullopt;
    auto d = Decimal::parse(n->text);
    if (!d) {
      diags_.report(DiagCode::ValueNumber, file_, n->mark,
                   fmt::format("'{}' value {} is out of range: numbers have at most 6 decimal places "
                               "and magnitude at most 1000000000000",
                               what, n->text));
    }
    return d;
  }
  std::optional<Decimal> number(const YamlNode& map, std::string_view key) const {
    return number(map.find(key), key);
  }

  std::optional<Date> date(const YamlNode& map, std::string_view key) const {
    const YamlNode* n = map.find(key);
    if (!n || n->kind != YamlNode::Kind::String) return std::nullopt;
    auto d = Date::parse(n->text);
    if (!d) {
      diags_.report(DiagCode::ValueDate, file_, n->mark,
                   fmt::format("'{}' value '{}' is not a calendar date (YYYY-MM-DD)", key, n->text));
    }
    return d;
  }

  std::optional<Target> target(const YamlNode* n, std::string_view what) const {
    if (!n) return std::nullopt;
    Target t;
    if (n->is_map()) {
      auto lo = number(n->find("min"), std::string(what) + ".min");
      auto hi = number(n->find("max"), std::string(what) + ".max");
      if (!lo || !hi) return std::nullopt;
      t.is_range = true;
      t.min = *lo;
      t.max = *hi;
      return t;
    }
    auto v = number(n, what);
    if (!v) return std::nullopt;
    t.value = *v;
    return t;
  }

  std::vector<std::string> texts(const YamlNode& map, std::string_view key) const {
    std::vector<std::string> out;
    if (const YamlNode* n = map.find(key); n && n->is_seq()) {
      for (const auto& c : n->children) {
        if (c.kind == YamlNode::Kind::String) out.push_back(c.text);
      }
    }
    return out;
  }

 private:
  const std::string& file_;
  Diagnostics& diags_;
};

template <typename E, std::size_t N>
E pick(const std::string& s, const std::pair<std::string_view, E> (&table)[N], E fallback) {
  for (const auto& [name, value] : table) {
    if (s == name) return value;
  }
  return fallback;
}

Comparison comparison_of(const std::string& s) {
  static constexpr std::pair<std::string_view, Comparison> t[] = {
      {">=", Comparison::AtLeast}, {"<=", Comparison::AtMost}, {"range", Comparison::Range}};
  return pick(s, t, Comparison::AtLeast);
}

Aggregation aggregation_of(const std::string& s) {
  static constexpr std::pair<std::string_view, Aggregation> t[] = {
      {"sum", Aggregation::Sum},   {"ratio", Aggregation::Ratio}, {"mean", Aggregation::Mean},
      {"last", Aggregation::Last}, {"max", Aggregation::Max},     {"min", Aggregation::Min}};
  return pick(s, t, Aggregation::Last);
}

MeasureUnit unit_of(const std::string& s) {
  static constexpr std::pair<std::string_view, MeasureUnit> t[] = {
      {"percent", MeasureUnit::Percent}, {"count", MeasureUnit::Count},
      {"hours", MeasureUnit::Hours},     {"minutes", MeasureUnit::Minutes},
      {"days", MeasureUnit::Days},       {"score", MeasureUnit::Score}};
  return pick(s, t, MeasureUnit::Count);
}

Objective build_objective(const YamlNode& n, const Reader& r) {
  Objective o;
  o.node = &n;
  o.id = r.text(n, "id");
  o.item = r.text(n, "item");
  o.last_year_actual = r.number(n, "last_year_actual");
  o.comparison = comparison_of(r.text(n, "comparison"));
  if (auto t = r.target(n.find("target"), "target")) o.target = *t;
  o.unit = unit_of(r.text(n, "unit"));
  o.precision = r.integer(n, "precision").value_or(0);
  o.aggregation = aggregation_of(r.text(n, "aggregation"));
  o.numerator_label = r.text(n, "numerator");
  o.denominator_label = r.text(n, "denominator");
  if (const YamlNode* qt = n.find("quarter_targets")) {
    for (int q = 1; q <= 4; ++q) {
      const std::string key = fmt::format("q{}", q);
      o.quarter_targets[static_cast<std::size_t>(q - 1)] = r.target(qt->find(key), "quarter_targets." + key);
    }
  }
  o.department = r.text(n, "department");
  o.owner = r.text(n, "owner");
  o.method = r.text(n, "method");
  o.resources = r.text(n, "resources");
  o.actions = r.texts(n, "actions");
  o.data_source = r.text(n, "data_source");
  return o;
}

std::vector<RoleTerm> build_role(const YamlNode* n, const Reader& r) {
  std::vector<RoleTerm> out;
  if (!n) return out;
  if (n->kind == YamlNode::Kind::String) {
    out.push_back(RoleTerm{n->text, std::nullopt, std::nullopt, n});
    return out;
  }
  if (n->is_seq()) {
    for (const auto& c : n->children) {
      out.push_back(RoleTerm{r.text(c, "person"), r.date(c, "from"), r.date(c, "until"), &c});
    }
  }
  return out;
}

}  // namespace

Config build_config(const YamlNode& root, const std::string& file, Diagnostics& diags) {
  Reader r(file, diags);
  Config c;
  c.file = file;
  c.node = &root;
  if (const YamlNode* org = root.find("organisation")) {
    c.org_name = r.text(*org, "name");
    c.org_name_en = r.text(*org, "name_en");
  }
  c.language = r.text(root, "language") == "en" ? Language::En : Language::ZhTW;
  c.calendar = r.text(root, "calendar") == "roc" ? Calendar::Roc : Calendar::Gregorian;
  if (const YamlNode* people = root.find("people"); people && people->is_seq()) {
    for (const auto& p : people->children) {
      c.people.push_back(Person{r.text(p, "id"), r.text(p, "name"), r.text(p, "name_en"),
                                r.text(p, "email"), r.text(p, "unit"), r.text(p, "title"), &p});
    }
  }
  if (const YamlNode* units = root.find("units"); units && units->is_seq()) {
    for (const auto& u : units->children) {
      c.units.push_back(Unit{r.text(u, "id"), r.text(u, "name"), r.text(u, "name_en"), r.text(u, "head"), &u});
    }
  }
  if (const YamlNode* roles = root.find("roles")) {
    c.ciso = build_role(roles->find("ciso"), r);
    c.executive_secretary = build_role(roles->find("executive_secretary"), r);
    c.security_team = r.texts(*roles, "security_team");
  }
  if (const YamlNode* policy = root.find("policy")) {
    Policy& p = c.policy;
    p.repeated_miss_threshold = r.integer(*policy, "repeated_miss_threshold").value_or(p.repeated_miss_threshold);
    if (auto due = r.text(*policy, "setting_due"); due.size() == 5) {
      p.setting_due_month = (due[0] - '0') * 10 + (due[1] - '0');
      p.setting_due_day = (due[3] - '0') * 10 + (due[4] - '0');
    }
    p.results_due_days = r.integer(*policy, "results_due_days").value_or(p.results_due_days);
    p.review_due_days = r.integer(*policy, "review_due_days").value_or(p.review_due_days);
    if (const YamlNode* ret = policy->find("retention")) {
      p.retention_years = r.integer(*ret, "years").value_or(p.retention_years);
      if (auto loc = r.text(*ret, "location"); !loc.empty()) p.retention_location = loc;
      p.retention_from_record_date = r.text(*ret, "from") == "record-date";
    }
  }
  return c;
}

SettingTable build_setting(const YamlNode& root, const std::string& file, Diagnostics& diags) {
  Reader r(file, diags);
  SettingTable t;
  t.file = file;
  t.node = &root;
  t.year = r.integer(root, "year").value_or(0);
  t.unit = r.text(root, "unit");
  t.revision = r.integer(root, "revision").value_or(1);
  t.status = r.text(root, "status") == "submitted" ? TableStatus::Submitted : TableStatus::Draft;
  t.compiled_by = r.text(root, "compiled_by");
  t.supervisor = r.text(root, "supervisor");
  t.note = r.text(root, "note");
  t.updated = r.date(root, "updated");
  t.carried_from = r.integer(root, "carried_from");
  if (const YamlNode* objs = root.find("objectives"); objs && objs->is_seq()) {
    for (const auto& o : objs->children) t.objectives.push_back(build_objective(o, r));
  }
  return t;
}

Approval build_approval(const YamlNode& root, const std::string& file, Diagnostics& diags) {
  Reader r(file, diags);
  Approval a;
  a.file = file;
  a.node = &root;
  a.year = r.integer(root, "year").value_or(0);
  a.unit = r.text(root, "unit");
  a.revision = r.integer(root, "revision").value_or(1);
  const std::string decision = r.text(root, "decision");
  a.decision = decision == "approved"  ? Decision::Approved
               : decision == "rejected" ? Decision::Rejected
                                        : Decision::ChangesRequested;
  a.by = r.text(root, "by");
  a.comment = r.text(root, "comment");
  a.digest = r.text(root, "digest");
  a.date = r.date(root, "date");
  if (const YamlNode* objs = root.find("approved"); objs && objs->is_seq()) {
    for (const auto& o : objs->children) a.approved.push_back(build_objective(o, r));
  }
  return a;
}

Result build_result(const YamlNode& root, const std::string& file, Diagnostics& diags) {
  Reader r(file, diags);
  Result x;
  x.file = file;
  x.marks = FieldMarks(root);
  x.year = r.integer(root, "year").value_or(0);
  x.quarter = r.integer(root, "quarter").value_or(1);
  x.unit = r.text(root, "unit");
  x.objective = r.text(root, "objective");
  x.actual = r.number(root, "actual");
  x.numerator = r.number(root, "numerator");
  x.denominator = r.number(root, "denominator");
  x.measure_unit = r.text(root, "measure_unit");
  x.variance = r.text(root, "variance");
  x.reported_by = r.text(root, "reported_by");
  x.reported = r.date(root, "reported");
  x.sequence = r.integer(root, "sequence").value_or(1);
  x.reason = r.text(root, "reason");
  return x;
}

Review build_review(const YamlNode& root, const std::string& file, Diagnostics& diags) {
  Reader r(file, diags);
  Review v;
  v.file = file;
  v.node = &root;
  v.year = r.integer(root, "year").value_or(0);
  v.quarter = r.integer(root, "quarter").value_or(1);
  v.unit = r.text(root, "unit");
  v.reviewed_by = r.text(root, "reviewed_by");
  v.opinion = r.text(root, "opinion");
  v.supervisor = r.text(root, "supervisor");
  v.missing_reason = r.text(root, "missing_reason");
  v.date = r.date(root, "date");
  if (const YamlNode* objs = root.find("objectives"); objs && objs->is_map()) {
    for (std::size_t i = 0; i < objs->keys.size(); ++i) {
      v.objective_opinions.emplace_back(objs->keys[i], objs->children[i].text);
    }
  }
  return v;
}

Referral build_referral(const YamlNode& root, const std::string& file, Diagnostics& diags) {
  Reader r(file, diags);
  Referral f;
  f.file = file;
  f.node = &root;
  f.year = r.integer(root, "year").value_or(0);
  f.unit = r.text(root, "unit");
  f.objective = r.text(root, "objective");
  f.raised = r.date(root, "raised");
  f.raised_by = r.text(root, "raised_by");
  f.case_number = r.text(root, "case");
  f.state = r.text(root, "state") == "closed" ? ReferralState::Closed : ReferralState::Open;
  f.closed = r.date(root, "closed");
  f.closing_note = r.text(root, "closing_note");
  if (const YamlNode* missed = root.find("missed"); missed && missed->is_seq()) {
    for (const auto& m : missed->children) {
      MissedQuarter q;
      q.quarter = r.integer(m, "quarter").value_or(1);
      q.actual = r.number(m, "actual");
      q.cumulative = r.number(m, "cumulative");
      q.target = r.target(m.find("target"), "target");
      q.variance = r.text(m, "variance");
      f.missed.push_back(std::move(q));
    }
  }
  return f;
}

const Person* person_by_email(const Config& config, std::string_view email) {
  auto lower = [](std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
  };
  if (email.empty()) return nullptr;
  for (const auto& p : config.people) {
    if (!p.email.empty() && lower(p.email) == lower(email)) return &p;
  }
  return nullptr;
}

}  // namespace isms

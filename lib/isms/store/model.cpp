#include "isms/store/model.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <fmt/format.h>

namespace isms {

namespace {

template <typename E>
struct Names;
template <>
struct Names<Language> {
  static constexpr std::pair<Language, std::string_view> table[] = {{Language::ZhTW, "zh-TW"}, {Language::En, "en"}};
};
template <>
struct Names<Calendar> {
  static constexpr std::pair<Calendar, std::string_view> table[] = {{Calendar::Roc, "roc"},
                                                                    {Calendar::Gregorian, "gregorian"}};
};
template <>
struct Names<Comparison> {
  static constexpr std::pair<Comparison, std::string_view> table[] = {
      {Comparison::AtLeast, ">="}, {Comparison::AtMost, "<="}, {Comparison::Range, "range"}};
};
template <>
struct Names<Aggregation> {
  static constexpr std::pair<Aggregation, std::string_view> table[] = {
      {Aggregation::Sum, "sum"},   {Aggregation::Ratio, "ratio"}, {Aggregation::Mean, "mean"},
      {Aggregation::Last, "last"}, {Aggregation::Max, "max"},     {Aggregation::Min, "min"}};
};
template <>
struct Names<MeasureUnit> {
  static constexpr std::pair<MeasureUnit, std::string_view> table[] = {
      {MeasureUnit::Percent, "percent"}, {MeasureUnit::Count, "count"}, {MeasureUnit::Hours, "hours"},
      {MeasureUnit::Minutes, "minutes"}, {MeasureUnit::Days, "days"},   {MeasureUnit::Score, "score"}};
};
template <>
struct Names<TableStatus> {
  static constexpr std::pair<TableStatus, std::string_view> table[] = {{TableStatus::Draft, "draft"},
                                                                       {TableStatus::Submitted, "submitted"}};
};
template <>
struct Names<Decision> {
  static constexpr std::pair<Decision, std::string_view> table[] = {
      {Decision::Approved, "approved"}, {Decision::Rejected, "rejected"}, {Decision::ChangesRequested, "changes-requested"}};
};
template <>
struct Names<ReferralState> {
  static constexpr std::pair<ReferralState, std::string_view> table[] = {{ReferralState::Open, "open"},
                                                                         {ReferralState::Closed, "closed"}};
};

template <typename E>
std::string_view name_of(E value) {
  for (const auto& [v, name] : Names<E>::table) {
    if (v == value) return name;
  }
  return "?";
}

}  // namespace

template <typename E>
std::optional<E> from_name(std::string_view name) {
  for (const auto& [v, n] : Names<E>::table) {
    if (n == name) return v;
  }
  return std::nullopt;
}
template <typename E>
std::vector<std::string> all_names() {
  std::vector<std::string> out;
  for (const auto& [v, n] : Names<E>::table) out.emplace_back(n);
  return out;
}
#define ISMS_ENUM_NAMES(E)                                  \
  template std::optional<E> from_name<E>(std::string_view); \
  template std::vector<std::string> all_names<E>();
ISMS_ENUM_NAMES(Language)
ISMS_ENUM_NAMES(Calendar)
ISMS_ENUM_NAMES(Comparison)
ISMS_ENUM_NAMES(Aggregation)
ISMS_ENUM_NAMES(MeasureUnit)
ISMS_ENUM_NAMES(TableStatus)
ISMS_ENUM_NAMES(Decision)
ISMS_ENUM_NAMES(ReferralState)
#undef ISMS_ENUM_NAMES


std::string_view to_string(Language l) { return name_of(l); }
std::string_view to_string(Calendar c) { return name_of(c); }
std::string_view to_string(Comparison c) { return name_of(c); }
std::string_view to_string(Aggregation a) { return name_of(a); }
std::string_view to_string(MeasureUnit u) { return name_of(u); }
std::string_view to_string(TableStatus s) { return name_of(s); }
std::string_view to_string(Decision d) { return name_of(d); }
std::string_view to_string(ReferralState s) { return name_of(s); }

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

Objective build_objective(const YamlNode& n, const Reader& r) {
  Objective o;
  o.node = &n;
  o.id = r.text(n, "id");
  o.item = r.text(n, "item");
  o.last_year_actual = r.number(n, "last_year_actual");
  o.comparison = from_name<Comparison>(r.text(n, "comparison")).value_or(Comparison::AtLeast);
  if (auto t = r.target(n.find("target"), "target")) o.target = *t;
  o.unit = from_name<MeasureUnit>(r.text(n, "unit")).value_or(MeasureUnit::Count);
  o.precision = r.integer(n, "precision").value_or(0);
  o.aggregation = from_name<Aggregation>(r.text(n, "aggregation")).value_or(Aggregation::Last);
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
  c.language = from_name<Language>(r.text(root, "language")).value_or(Language::ZhTW);
  c.calendar = from_name<Calendar>(r.text(root, "calendar")).value_or(Calendar::Gregorian);
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
  t.status = from_name<TableStatus>(r.text(root, "status")).value_or(TableStatus::Draft);
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
  a.decision = from_name<Decision>(r.text(root, "decision")).value_or(Decision::ChangesRequested);
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
  f.state = from_name<ReferralState>(r.text(root, "state")).value_or(ReferralState::Open);
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

#include "isms/store/build.h"

#include <charconv>

#include <fmt/format.h>

#include "isms/base/i18n.h"
#include "isms/format/digest.h"

namespace isms {

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
                   trf("'{}' value {} is out of range: numbers have at most 6 decimal places "
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
                   trf("'{}' value '{}' is not a calendar date (YYYY-MM-DD)", key, n->text));
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

// Where the values of `n` were, `depth` levels down (list items by index),
// under `prefix`; mapping keys' own marks too.
void collect_marks(const YamlNode& n, const std::string& prefix, int depth, Marks& out) {
  if (depth <= 0) return;
  if (n.is_map()) {
    for (std::size_t i = 0; i < n.keys.size() && i < n.children.size(); ++i) {
      const std::string path = prefix.empty() ? n.keys[i] : prefix + "/" + n.keys[i];
      out.add(path, n.children[i].mark);
      if (i < n.key_marks.size()) out.add_key(path, n.key_marks[i]);
      collect_marks(n.children[i], path, depth - 1, out);
    }
  } else if (n.is_seq()) {
    for (std::size_t i = 0; i < n.children.size(); ++i) {
      const std::string path = prefix.empty() ? std::to_string(i) : prefix + "/" + std::to_string(i);
      out.add(path, n.children[i].mark);
      collect_marks(n.children[i], path, depth - 1, out);
    }
  }
}

Marks marks_of(const YamlNode& n, int depth) {
  Marks out(n.mark);
  collect_marks(n, "", depth, out);
  return out;
}

// Objectives of a table or of an approval's snapshot: the same fields, so
// the two compare field by field (measurement, content).
Objective build_objective(const YamlNode& n, const Reader& r) {
  Objective o;
  o.marks = marks_of(n, 3);  // quarter_targets/q1/min
  o.measurement = measurement_json(n);
  o.content = canonical_json(n);
  o.id = r.text(n, "id");
  o.item = r.text(n, "item");
  o.last_year_actual = r.number(n, "last_year_actual");
  o.last_year_through = r.integer(n, "last_year_through");
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
    out.push_back(RoleTerm{n->text, std::nullopt, std::nullopt, Marks(n->mark)});
    return out;
  }
  if (n->is_seq()) {
    for (const auto& c : n->children) {
      out.push_back(RoleTerm{r.text(c, "person"), r.date(c, "from"), r.date(c, "until"), marks_of(c, 1)});
    }
  }
  return out;
}

}  // namespace

Config build_config(const YamlNode& root, const std::string& file, Diagnostics& diags) {
  Reader r(file, diags);
  Config c;
  c.file = file;
  // Not the lists of people and units, which have marks of their own.
  c.marks = marks_of(root, 1);
  if (const YamlNode* roles = root.find("roles")) {
    for (const char* key : {"ciso", "ciso_deputy", "executive_secretary", "security_team"}) {
      if (const YamlNode* v = roles->find(key)) {
        c.marks.add(std::string("roles/") + key, v->mark);
        if (v->is_seq()) {
          for (std::size_t i = 0; i < v->children.size(); ++i) {
            c.marks.add(fmt::format("roles/{}/{}", key, i), v->children[i].mark);
          }
        }
      }
    }
  }
  if (const YamlNode* org = root.find("organisation")) {
    c.org_name = r.text(*org, "name");
    c.org_name_en = r.text(*org, "name_en");
  }
  c.language = from_name<Language>(r.text(root, "language")).value_or(Language::ZhTW);
  c.calendar = from_name<Calendar>(r.text(root, "calendar")).value_or(Calendar::Gregorian);
  if (const YamlNode* people = root.find("people"); people && people->is_seq()) {
    for (const auto& p : people->children) {
      c.people.push_back(Person{r.text(p, "id"), r.text(p, "name"), r.text(p, "name_en"),
                                r.text(p, "email"), r.text(p, "unit"), r.text(p, "title"), marks_of(p, 1), {}});
      if (const YamlNode* keys = p.find("keys"); keys && keys->is_seq()) {
        for (const auto& k : keys->children) {
          c.people.back().keys.push_back(PersonKey{r.text(k, "key"), r.date(k, "from"), r.date(k, "until")});
        }
      }
    }
  }
  if (const YamlNode* units = root.find("units"); units && units->is_seq()) {
    for (const auto& u : units->children) {
      c.units.push_back(Unit{r.text(u, "id"), r.text(u, "name"), r.text(u, "name_en"), r.text(u, "head"), marks_of(u, 1)});
    }
  }
  if (const YamlNode* roles = root.find("roles")) {
    c.ciso = build_role(roles->find("ciso"), r);
    c.executive_secretary = build_role(roles->find("executive_secretary"), r);
    c.ciso_deputy = build_role(roles->find("ciso_deputy"), r);
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
    p.first_year = r.integer(*policy, "first_year").value_or(0);
    p.confirmation_required = r.text(*policy, "confirmation") == "required";
    p.confirmation_from = r.date(*policy, "confirmation_from");
    p.signatures_required = r.text(*policy, "signatures") == "required";
    p.signatures_from = r.date(*policy, "signatures_from");
  }
  return c;
}

SettingTable build_setting(const YamlNode& root, const std::string& file, Diagnostics& diags) {
  Reader r(file, diags);
  SettingTable t;
  t.file = file;
  t.marks = marks_of(root, 1);
  t.digest = setting_digest(root);
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
  a.marks = marks_of(root, 1);
  a.year = r.integer(root, "year").value_or(0);
  a.unit = r.text(root, "unit");
  a.revision = r.integer(root, "revision").value_or(1);
  a.decision = from_name<Decision>(r.text(root, "decision")).value_or(Decision::ChangesRequested);
  a.by = r.text(root, "by");
  a.comment = r.text(root, "comment");
  a.digest = r.text(root, "digest");
  a.date = r.date(root, "date");
  a.signature = r.text(root, "signature");
  // Only a signed record needs its canonical content: loading stays as cheap
  // as it was for the unsigned.
  if (!a.signature.empty()) a.signed_content = signed_content(root, Signed::Act);
  if (const YamlNode* objs = root.find("approved"); objs && objs->is_seq()) {
    for (const auto& o : objs->children) a.approved.push_back(build_objective(o, r));
  }
  a.full_snapshot = root.find("compiled_by") != nullptr;
  a.compiled_by = r.text(root, "compiled_by");
  a.supervisor = r.text(root, "supervisor");
  a.table_updated = r.date(root, "table_updated");
  return a;
}

Result build_result(const YamlNode& root, const std::string& file, Diagnostics& diags) {
  Reader r(file, diags);
  Result x;
  x.file = file;
  x.marks = FieldMarks(root.mark);
  for (std::size_t i = 0; i < root.keys.size() && i < root.children.size(); ++i) {
    x.marks.set(root.keys[i], root.children[i].mark);
  }
  x.year = r.integer(root, "year").value_or(0);
  x.quarter = r.integer(root, "quarter").value_or(1);
  x.unit = r.text(root, "unit");
  x.objective = r.text(root, "objective");
  x.actual = r.number(root, "actual");
  x.numerator = r.number(root, "numerator");
  x.denominator = r.number(root, "denominator");
  x.measure_unit = r.text(root, "measure_unit");
  x.variance = r.text(root, "variance");
  x.no_events = r.text(root, "no_events");
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
  v.marks = marks_of(root, 2);  // objectives/<id>
  v.year = r.integer(root, "year").value_or(0);
  v.quarter = r.integer(root, "quarter").value_or(1);
  v.unit = r.text(root, "unit");
  v.reviewed_by = r.text(root, "reviewed_by");
  v.opinion = r.text(root, "opinion");
  v.supervisor = r.text(root, "supervisor");
  v.missing_reason = r.text(root, "missing_reason");
  v.reason = r.text(root, "reason");
  v.date = r.date(root, "date");
  v.signature = r.text(root, "signature");
  if (!v.signature.empty()) v.signed_content = signed_content(root, Signed::Act);
  if (const YamlNode* objs = root.find("objectives"); objs && objs->is_map()) {
    for (std::size_t i = 0; i < objs->keys.size(); ++i) {
      v.objective_opinions.emplace_back(objs->keys[i], objs->children[i].text);
    }
  }
  return v;
}

Confirmation build_confirmation(const YamlNode& root, const std::string& file, Diagnostics& diags) {
  Reader r(file, diags);
  Confirmation c;
  c.file = file;
  c.marks = marks_of(root, 2);  // results/<id>
  c.year = r.integer(root, "year").value_or(0);
  c.quarter = r.integer(root, "quarter").value_or(1);
  c.unit = r.text(root, "unit");
  c.confirmed_by = r.text(root, "confirmed_by");
  c.date = r.date(root, "date");
  c.signature = r.text(root, "signature");
  if (!c.signature.empty()) c.signed_content = signed_content(root, Signed::Act);
  if (const YamlNode* results = root.find("results"); results && results->is_map()) {
    for (std::size_t i = 0; i < results->keys.size(); ++i) {
      // The schema holds each to 1..999.
      const std::string& n = results->children[i].text;
      int sequence = 1;
      std::from_chars(n.data(), n.data() + n.size(), sequence);
      c.results.emplace_back(results->keys[i], sequence);
    }
  }
  return c;
}

Referral build_referral(const YamlNode& root, const std::string& file, Diagnostics& diags) {
  Reader r(file, diags);
  Referral f;
  f.file = file;
  f.marks = marks_of(root, 1);
  f.year = r.integer(root, "year").value_or(0);
  f.unit = r.text(root, "unit");
  f.objective = r.text(root, "objective");
  f.raised = r.date(root, "raised");
  f.raised_by = r.text(root, "raised_by");
  f.case_number = r.text(root, "case");
  f.state = from_name<ReferralState>(r.text(root, "state")).value_or(ReferralState::Open);
  f.closed = r.date(root, "closed");
  f.closing_note = r.text(root, "closing_note");
  f.closed_by = r.text(root, "closed_by");
  f.waived_reason = r.text(root, "waived_reason");
  f.signature = r.text(root, "signature");
  if (!f.signature.empty()) f.signed_content = signed_content(root, Signed::ReferralDecision);
  f.closing_signature = r.text(root, "closing_signature");
  if (!f.closing_signature.empty()) f.closing_signed_content = signed_content(root, Signed::ReferralClosing);
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

}  // namespace isms

#include "isms/store/model.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <fmt/format.h>

#include "isms/base/i18n.h"
#include "isms/base/text.h"

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
                                                                         {ReferralState::Closed, "closed"},
                                                                         {ReferralState::Waived, "waived"}};
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

void FieldMarks::set(std::string_view key, Mark value) {
  if (const int k = slot(key); k >= 0) {
    marks_[static_cast<std::size_t>(k)] = value;
    present_ = static_cast<std::uint16_t>(present_ | (1u << k));
  }
}

namespace {

bool by_path(const std::pair<std::string, Mark>& e, std::string_view path) { return e.first < path; }

void insert_sorted(std::vector<std::pair<std::string, Mark>>& in, std::string path, Mark m) {
  auto it = std::lower_bound(in.begin(), in.end(), path, by_path);
  if (it != in.end() && it->first == path) {
    it->second = m;
  } else {
    in.insert(it, {std::move(path), m});
  }
}

}  // namespace

const Mark* Marks::find(const std::vector<std::pair<std::string, Mark>>& in, std::string_view path) const {
  auto it = std::lower_bound(in.begin(), in.end(), path, by_path);
  return it != in.end() && it->first == path ? &it->second : nullptr;
}

bool Marks::has(std::string_view path) const { return find(values_, path) != nullptr; }

Mark Marks::get(std::string_view path) const {
  const Mark* m = find(values_, path);
  return m ? *m : Mark{};
}

Mark Marks::at(std::string_view path) const {
  while (!path.empty()) {
    if (const Mark* m = find(values_, path)) return *m;
    const auto slash = path.rfind('/');
    path = slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
  }
  return root_;
}

Mark Marks::key_at(std::string_view map_path, std::string_view key) const {
  const std::string path = map_path.empty() ? std::string(key) : std::string(map_path) + "/" + std::string(key);
  if (const Mark* m = find(keys_, path)) return *m;
  return at(map_path);
}

void Marks::add(std::string path, Mark value) { insert_sorted(values_, std::move(path), value); }
void Marks::add_key(std::string path, Mark key) { insert_sorted(keys_, std::move(path), key); }

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

namespace {

// The entry of `all` one of whose `names` is `text`, else a near miss in `hint`.
template <typename T, typename Names>
const T* named(const std::vector<T>& all, std::string_view text, Names names, std::string* hint) {
  const std::string wanted = compatibility_form(text);
  std::vector<std::string> spelled;
  std::vector<const T*> owner;
  for (const auto& x : all) {
    for (const std::string& n : names(x)) {
      if (n.empty()) continue;
      const std::string form = compatibility_form(n);
      if (form == wanted) return &x;
      spelled.push_back(form);
      owner.push_back(&x);
    }
  }
  if (hint) {
    hint->clear();
    if (const auto i = closest(wanted, spelled)) {
      *hint = trf(" (did you mean '{}' {}?)", owner[*i]->id, owner[*i]->name);
    }
  }
  return nullptr;
}

}  // namespace

const Unit* Config::unit_named(std::string_view text, std::string* hint) const {
  return named(units, text, [](const Unit& u) { return std::vector<std::string>{u.id, u.name, u.name_en}; }, hint);
}

const Person* Config::person_named(std::string_view text, std::string* hint) const {
  if (const Person* p = person_by_email(*this, text)) return p;
  return named(people, text, [](const Person& p) { return std::vector<std::string>{p.id, p.name, p.name_en}; }, hint);
}

bool Config::may_review_on(std::string_view id, const Date& day) const {
  const RoleTerm* c = ciso_on(day);
  const RoleTerm* d = holder_on(ciso_deputy, day);
  return (c && c->person == id) || (d && d->person == id);
}

bool Config::may_report_for(const Person& p, std::string_view unit, const Date& day) const {
  return p.unit == unit || std::find(security_team.begin(), security_team.end(), p.id) != security_team.end() ||
         holds(executive_secretary, p.id, day);
}

bool Config::holds(const std::vector<RoleTerm>& terms, std::string_view id, const Date& day) {
  return std::any_of(terms.begin(), terms.end(), [&](const RoleTerm& t) { return t.person == id && t.in_force_on(day); });
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

std::string target_text(Comparison comparison, const Target& t) {
  if (t.is_range) return fmt::format("{}..{}", t.min.to_string(), t.max.to_string());
  return fmt::format("{} {}", to_string(comparison), t.value.to_string());
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

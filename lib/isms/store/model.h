// Domain types of the store: the configuration and the five record kinds of
// ISMS-P-005 (setting tables, approvals, quarterly results, reviews and
// corrective-action referrals). docs/formats.md describes the files.
//
// Records are plain data: they do not refer to the YAML they came from.
// Each keeps where its values were in its file (Marks), so that rules can
// point at the exact field; results, which outnumber every other record a
// hundred to one, keep the compact FieldMarks of their top-level fields.
// What rules compare about content (a table's digest, an objective's
// measurement definition) is computed once, when the record is built.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "isms/base/date.h"
#include "isms/base/decimal.h"
#include "isms/base/diagnostic.h"

namespace isms {

enum class Language { ZhTW, En };
enum class Calendar { Gregorian, Roc };
enum class Comparison { AtLeast, AtMost, Range };
enum class Aggregation { Sum, Ratio, Mean, Last, Max, Min };
enum class MeasureUnit { Percent, Count, Hours, Minutes, Days, Score };
enum class TableStatus { Draft, Submitted };
enum class Decision { Approved, Rejected, ChangesRequested };
enum class ReferralState { Open, Closed, Waived };

// Each enum's names as records, options and machine outputs spell them, in
// one table per enum (model.cpp), read both ways: to_string gives the name,
// from_name the value of a name (nullopt for any other text).
std::string_view to_string(Language l);       // "zh-TW", "en"
std::string_view to_string(Calendar c);       // "gregorian", "roc"
std::string_view to_string(Comparison c);     // ">=", "<=", "range"
std::string_view to_string(Aggregation a);    // "sum", …
std::string_view to_string(MeasureUnit u);    // "percent", …
std::string_view to_string(TableStatus s);    // "draft", "submitted"
std::string_view to_string(Decision d);       // "approved", "rejected", "changes-requested"
std::string_view to_string(ReferralState s);  // "open", "closed", "waived"
template <typename E>
std::optional<E> from_name(std::string_view name);
// Every name of E, in the table's order (for option choices).
template <typename E>
std::vector<std::string> all_names();

// Where a record's values were in its file, by path: top-level keys
// ("compiled_by"), nested keys and list items ("roles/security_team/2",
// "quarter_targets/q1/min"). at() answers a path that is not in the file
// with its nearest ancestor's mark (a missing field is reported at the map
// that should hold it); get() with no mark at all.
class Marks {
 public:
  Marks() = default;
  explicit Marks(Mark root) : root_(root) {}

  Mark root() const { return root_; }
  bool has(std::string_view path) const;
  Mark at(std::string_view path) const;
  Mark get(std::string_view path) const;
  // A mapping key's own mark (where "id:" is written), by the mapping's path;
  // the mapping's mark when the key is not there.
  Mark key_at(std::string_view map_path, std::string_view key) const;

  void add(std::string path, Mark value);
  void add_key(std::string path, Mark key);

  // Every member, for an archive (store/record_cache: a cereal archive).
  template <typename Archive>
  void serialize(Archive& ar) {
    ar(root_.line, root_.column, values_, keys_);
  }

 private:
  const Mark* find(const std::vector<std::pair<std::string, Mark>>& in, std::string_view path) const;
  Mark root_;
  std::vector<std::pair<std::string, Mark>> values_, keys_;  // sorted by path once built (add keeps them so)
};

// An OpenSSH public key a person signs with (`type base64 [comment]`),
// valid from..until inclusive; open ends when absent. Rotation adds a key
// and closes the old one: what was signed under it stays valid.
struct PersonKey {
  std::string key;
  std::optional<Date> from, until;
  bool valid_on(const Date& day) const { return (!from || !(day < *from)) && (!until || !(*until < day)); }
};

struct Person {
  std::string id, name, name_en, email, unit, title;
  Marks marks;
  std::vector<PersonKey> keys;
};

struct Unit {
  std::string id, name, name_en, head;
  Marks marks;
};

// One holder of a role over a period; `until` is inclusive, open when absent.
struct RoleTerm {
  std::string person;
  std::optional<Date> from, until;
  Marks marks;  // a term written as a bare person id has only its root

  bool in_force_on(const Date& day) const { return (!from || *from <= day) && (!until || day <= *until); }
};

struct Policy {
  int repeated_miss_threshold = 2;
  int setting_due_month = 12;  // tables for year Y are due on this day of Y-1
  int setting_due_day = 15;
  int results_due_days = 15;   // after the quarter's last day
  int review_due_days = 30;
  int retention_years = 1;     // after the end of the year a record covers (or its date)
  // The first year the store keeps: nothing of an earlier year is due or
  // missing (a store begun in 2026 owes no 2025 tables). 0: no such year.
  int first_year = 0;
  bool keeps_year(int year) const { return year >= first_year; }
  bool retention_from_record_date = false;
  std::string retention_location = "圖書資訊處";
  // The unit head's confirmation (權責主管確認) precedes every review: a
  // review without one of the results it judges is an error, not a warning.
  bool confirmation_required = false;
  std::optional<Date> confirmation_from;  // …for reviews dated on or after this day (earlier ones predate the rule)
  bool confirmation_required_on(const std::optional<Date>& day) const {
    return confirmation_required && (!confirmation_from || !day || !(*day < *confirmation_from));
  }
  bool signatures_required = false;  // every approval carries its approver's SSH signature
  std::optional<Date> signatures_from;  // …dated on or after this day (earlier acts were approved before signing began)
  bool signature_required_on(const std::optional<Date>& day) const {
    return signatures_required && (!signatures_from || !day || !(*day < *signatures_from));
  }
};

struct Config {
  std::string file;
  std::string org_name, org_name_en;
  Language language = Language::ZhTW;
  Calendar calendar = Calendar::Gregorian;
  std::vector<Person> people;
  std::vector<Unit> units;
  std::vector<RoleTerm> ciso, executive_secretary;
  // Who may review quarterly results in the CISO's stead (§5.5.1), over a
  // period; the CISO's own acts of approval are never delegated.
  std::vector<RoleTerm> ciso_deputy;
  std::vector<std::string> security_team;
  Policy policy;
  Marks marks;  // top-level keys and roles/…

  const Person* person(std::string_view id) const;
  const Unit* unit(std::string_view id) const;
  // As people write them in a spreadsheet: a unit by id, name or English
  // name; a person by id, name, English name or e-mail; full-width and
  // half-width forms alike (compatibility_form). nullptr when none; `hint`
  // (when given) then gets " (did you mean 'lio' 圖書資訊處?)" for a near
  // miss, else "".
  const Unit* unit_named(std::string_view text, std::string* hint = nullptr) const;
  const Person* person_named(std::string_view text, std::string* hint = nullptr) const;
  // Person holding the CISO role on `day`, if any.
  const RoleTerm* ciso_on(const Date& day) const { return holder_on(ciso, day); }
  // The CISO, or a deputy, on `day`: who may record a quarter's review.
  bool may_review_on(std::string_view id, const Date& day) const;
  // Who may record a unit's results on `day`: one of the unit, of the
  // security team, or the executive secretary then.
  bool may_report_for(const Person& person, std::string_view unit, const Date& day) const;
  // Whether `id` holds a term of `terms` (one role's) on `day`.
  static bool holds(const std::vector<RoleTerm>& terms, std::string_view id, const Date& day);
  // The term of `terms` (one role's) in force on `day`, if any.
  static const RoleTerm* holder_on(const std::vector<RoleTerm>& terms, const Date& day);
};

// The person with this e-mail (case-insensitive), if any.
const Person* person_by_email(const Config& config, std::string_view email);

// A target: one bound for >= and <=, both for range.
struct Target {
  Decimal value;     // >= and <=
  Decimal min, max;  // range (inclusive)
  bool is_range = false;
};

// A target as the records and the tool's plain messages spell it: ">= 95",
// "<= 4", "99.5..100". (Forms and reports show it in the reader's
// language, render/report.)
std::string target_text(Comparison comparison, const Target& t);

struct Objective {
  std::string id, item;
  std::optional<Decimal> last_year_actual;
  std::optional<int> last_year_through;  // last_year_actual is cumulated through this quarter of last year, when known
  Comparison comparison = Comparison::AtLeast;
  Target target;
  MeasureUnit unit = MeasureUnit::Percent;
  int precision = 0;
  Aggregation aggregation = Aggregation::Last;
  std::string numerator_label, denominator_label;
  std::array<std::optional<Target>, 4> quarter_targets;
  std::string department, owner, method, resources, data_source;
  std::vector<std::string> actions;
  // The canonical form of the measurement definition (docs/formats.md,
  // "Digest"): what an approval's snapshot must repeat, and what a revision
  // compares against the approval in force.
  std::string measurement;
  // The canonical form of the whole objective, every 005-01 column: what a
  // full approval snapshot must repeat.
  std::string content;
  Marks marks;
};

struct SettingTable {
  std::string file;
  int year = 0;
  std::string unit;
  int revision = 1;
  TableStatus status = TableStatus::Draft;
  std::string compiled_by, supervisor, note;
  std::optional<Date> updated;
  std::optional<int> carried_from;
  std::vector<Objective> objectives;
  std::string digest;  // "sha256:…" of the canonical content (format/digest.h), what approvals bind to
  Marks marks;

  const Objective* objective(std::string_view id) const;
};

struct Approval {
  std::string file;
  int year = 0;
  std::string unit;
  int revision = 1;
  int sequence = 1;  // from the file name: r<revision>.yaml is 1, r<revision>.<n>.yaml is n
  Decision decision = Decision::Approved;
  std::string by, comment, digest;
  std::optional<Date> date;
  // The snapshot of what was approved. A full snapshot (written since
  // approvals record the whole form) holds every 005-01 column of each
  // objective and the form's footer, so the form of this revision can be
  // printed exactly as approved; an older one holds the measurement fields
  // only.
  std::vector<Objective> approved;
  bool full_snapshot = false;
  std::string compiled_by, supervisor;  // the footer, when full_snapshot
  std::optional<Date> table_updated;    // the table's 更新日期 when approved, when full_snapshot
  // The approver's detached SSH signature (namespace kApprovalNamespace)
  // over `signed_content`: the record's canonical JSON without the
  // signature (docs/trust.md). Both are empty when unsigned.
  std::string signature, signed_content;
  Marks marks;
};

// The ssh-keygen namespace of approval signatures: a signature made for
// anything else (a git commit, a file) is never taken for an approval.
inline constexpr const char* kApprovalNamespace = "isms-obj-approval";

// Where a result's top-level fields were in its file: what diagnostics need
// once the tree is gone. Keys outside the result schema are not kept (a
// schema-valid result has none).
class FieldMarks {
 public:
  FieldMarks() = default;
  explicit FieldMarks(Mark root) : root_(root) {}
  // Keys outside the result schema are not kept.
  void set(std::string_view key, Mark value);

  Mark root() const { return root_; }
  bool has(std::string_view key) const;
  // The field's mark, or the record's own mark when the field is absent.
  Mark at(std::string_view key) const;

  // Every member, for an archive (store/record_cache).
  template <typename Archive>
  void serialize(Archive& ar) {
    ar(root_.line, root_.column, marks_, present_);
  }

 private:
  static constexpr std::array<std::string_view, 15> kNames = {
      "kind",        "year",         "quarter",  "unit",        "objective", "actual",   "numerator", "denominator",
      "no_events",   "measure_unit", "variance", "reported_by", "reported",  "sequence", "reason"};
  static int slot(std::string_view key);
  Mark root_;
  std::array<Mark, kNames.size()> marks_{};
  std::uint16_t present_ = 0;
};

struct Result {
  std::string file;
  int year = 0;
  int quarter = 1;
  std::string unit, objective;
  std::optional<Decimal> actual, numerator, denominator;
  std::string measure_unit;  // optional: the unit the importer says the value is in
  std::string variance, reported_by, reason;
  // 本季無事件: nothing to measure happened this quarter (no incidents, no
  // requests), and why; set instead of a value. Such a quarter is on record
  // (neither missing nor late) but is not judged (docs/measurement.md).
  std::string no_events;
  std::optional<Date> reported;
  int sequence = 1;
  FieldMarks marks;
};

struct Review {
  std::string file;
  int year = 0;
  int quarter = 1;
  std::string unit, reviewed_by, opinion, supervisor, missing_reason;
  std::optional<Date> date;
  std::vector<std::pair<std::string, std::string>> objective_opinions;
  // A correction supersedes the review of the same quarter with the next
  // sequence (<unit>.<n>.yaml, from the file name), saying why; the
  // earlier one stays on record.
  int sequence = 1;
  std::string reason;
  // The reviewer's detached SSH signature (namespace kReviewNamespace) over
  // `signed_content`, as for approvals; both empty when unsigned.
  std::string signature, signed_content;
  Marks marks;
};

// The ssh-keygen namespace of review signatures.
inline constexpr const char* kReviewNamespace = "isms-obj-review";

// The unit head's confirmation (權責主管確認) of a quarter's results before
// they go to the CISO (form 005-02's note: 交由權責主管確認後陳…審核). It
// names the result record of each objective it confirms by sequence, so an
// amendment made afterwards is visibly unconfirmed; confirming again is
// the next sequence (<unit>.<n>.yaml).
struct Confirmation {
  std::string file;
  int year = 0;
  int quarter = 1;
  std::string unit, confirmed_by;
  std::optional<Date> date;
  std::vector<std::pair<std::string, int>> results;  // objective id → the result's sequence confirmed
  int sequence = 1;
  // The head's detached SSH signature (namespace kConfirmationNamespace),
  // as for approvals; both empty when unsigned.
  std::string signature, signed_content;
  Marks marks;
};

// The ssh-keygen namespace of confirmation signatures.
inline constexpr const char* kConfirmationNamespace = "isms-obj-confirmation";

struct MissedQuarter {
  int quarter = 1;
  std::optional<Decimal> actual, cumulative;
  std::optional<Target> target;
  std::string variance;
};

struct Referral {
  std::string file;
  int year = 0;
  std::string unit, objective;
  int sequence = 1;
  std::optional<Date> raised, closed;
  // raised_by decided it: raised it, or waived it (state waived, with
  // waived_reason: the CISO's discretion of §5.5.2, 得視需要). closed_by
  // closed it (the CISO, on `closed`), with closing_note as the evidence.
  std::string raised_by, case_number, closing_note, closed_by, waived_reason;
  std::vector<MissedQuarter> missed;
  ReferralState state = ReferralState::Open;
  // The decision's detached SSH signature by raised_by (namespace
  // kReferralNamespace) over the referral as decided, and the closing's by
  // closed_by (kReferralCloseNamespace) over the referral as closed
  // (format/digest.h Signed); each with the content it covers, empty when
  // unsigned.
  std::string signature, signed_content, closing_signature, closing_signed_content;
  Marks marks;
};

// The ssh-keygen namespaces of a referral's two acts.
inline constexpr const char* kReferralNamespace = "isms-obj-referral";
inline constexpr const char* kReferralCloseNamespace = "isms-obj-referral-close";

}  // namespace isms

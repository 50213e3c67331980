#include "isms/store/record_cache.h"

#include <sstream>

#include <cereal/archives/binary.hpp>
#include <cereal/types/array.hpp>
#include <cereal/types/optional.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/utility.hpp>
#include <cereal/types/variant.hpp>
#include <cereal/types/vector.hpp>
#include <fmt/format.h>

#include "isms/format/digest.h"

namespace isms {

// ---- how each record type is archived: one list of members per type ----
// (cereal finds these by argument-dependent lookup). Every member is
// listed: a member left out would come back from the cache as its default.

template <typename A>
void serialize(A& ar, Mark& m) {
  ar(m.line, m.column);
}
template <typename A>
void serialize(A& ar, Date& d) {
  ar(d.year, d.month, d.day);
}
template <typename A>
void save(A& ar, const Decimal& d) {
  ar(d.units());
}
template <typename A>
void load(A& ar, Decimal& d) {
  std::int64_t units = 0;
  ar(units);
  d = Decimal::from_units(units);
}
template <typename A>
void serialize(A& ar, FileStamp& s) {
  ar(s.size, s.mtime_ns, s.ctime_ns, s.inode, s.device);
}
template <typename A>
void serialize(A& ar, Diagnostic& d) {
  ar(d.severity, d.code, d.file, d.mark, d.message);
}
template <typename A>
void serialize(A& ar, PersonKey& k) {
  ar(k.key, k.from, k.until);
}
template <typename A>
void serialize(A& ar, Person& p) {
  ar(p.id, p.name, p.name_en, p.email, p.unit, p.title, p.marks, p.keys);
}
template <typename A>
void serialize(A& ar, Unit& u) {
  ar(u.id, u.name, u.name_en, u.head, u.marks);
}
template <typename A>
void serialize(A& ar, RoleTerm& t) {
  ar(t.person, t.from, t.until, t.marks);
}
template <typename A>
void serialize(A& ar, Policy& p) {
  ar(p.repeated_miss_threshold, p.setting_due_month, p.setting_due_day, p.results_due_days, p.review_due_days,
     p.retention_years, p.first_year, p.retention_from_record_date, p.retention_location, p.confirmation_required,
     p.confirmation_from, p.signatures_required, p.signatures_from);
}
template <typename A>
void serialize(A& ar, Config& c) {
  ar(c.file, c.org_name, c.org_name_en, c.language, c.calendar, c.people, c.units, c.ciso, c.executive_secretary,
     c.ciso_deputy, c.security_team, c.policy, c.marks);
}
template <typename A>
void serialize(A& ar, Target& t) {
  ar(t.value, t.min, t.max, t.is_range);
}
template <typename A>
void serialize(A& ar, Objective& o) {
  ar(o.id, o.item, o.last_year_actual, o.last_year_through, o.comparison, o.target, o.unit, o.precision,
     o.aggregation, o.numerator_label, o.denominator_label, o.quarter_targets, o.department, o.owner, o.method,
     o.resources, o.data_source, o.actions, o.measurement, o.content, o.marks);
}
template <typename A>
void serialize(A& ar, SettingTable& t) {
  ar(t.file, t.year, t.unit, t.revision, t.status, t.compiled_by, t.supervisor, t.note, t.updated, t.carried_from,
     t.objectives, t.digest, t.marks);
}
template <typename A>
void serialize(A& ar, Approval& a) {
  ar(a.file, a.year, a.unit, a.revision, a.sequence, a.decision, a.by, a.comment, a.digest, a.date, a.approved,
     a.full_snapshot, a.compiled_by, a.supervisor, a.table_updated, a.signature, a.signed_content, a.marks);
}
template <typename A>
void serialize(A& ar, Result& r) {
  ar(r.file, r.year, r.quarter, r.unit, r.objective, r.actual, r.numerator, r.denominator, r.measure_unit,
     r.variance, r.reported_by, r.reason, r.no_events, r.reported, r.sequence, r.marks);
}
template <typename A>
void serialize(A& ar, Review& v) {
  ar(v.file, v.year, v.quarter, v.unit, v.reviewed_by, v.opinion, v.supervisor, v.missing_reason, v.date,
     v.objective_opinions, v.sequence, v.reason, v.signature, v.signed_content, v.marks);
}
template <typename A>
void serialize(A& ar, Confirmation& c) {
  ar(c.file, c.year, c.quarter, c.unit, c.confirmed_by, c.date, c.results, c.sequence, c.signature,
     c.signed_content, c.marks);
}
template <typename A>
void serialize(A& ar, MissedQuarter& m) {
  ar(m.quarter, m.actual, m.cumulative, m.target, m.variance);
}
template <typename A>
void serialize(A& ar, Referral& f) {
  ar(f.file, f.year, f.unit, f.objective, f.sequence, f.raised, f.closed, f.raised_by, f.case_number,
     f.closing_note, f.closed_by, f.waived_reason, f.missed, f.state, f.signature, f.signed_content,
     f.closing_signature, f.closing_signed_content, f.marks);
}
template <typename A>
void serialize(A& ar, CachedFile& f) {
  ar(f.path, f.stamp, f.sha256, f.diagnostics, f.parsed, f.record);
}
template <typename A>
void serialize(A& ar, RecordCacheFile& f) {
  ar(f.catalog, f.clock_ns, f.files);
}

namespace {

// Reads a body in place (istringstream would copy it).
class ViewBuffer : public std::streambuf {
 public:
  explicit ViewBuffer(std::string_view s) {
    char* p = const_cast<char*>(s.data());  // never written: the buffer is only read
    setg(p, p, p + s.size());
  }
};

// The layout of a cache file: this line; the key, the SHA-256 of the body
// (both hex) and a newline; then the body (a cereal binary archive, host
// byte order: the cache never leaves the machine). A new layout changes
// the line.
constexpr std::string_view kMagic = "isms-obj record cache 2\n";
constexpr std::size_t kHex = 64;
constexpr std::size_t kHeader = kMagic.size() + 2 * kHex + 1;

}  // namespace

std::string record_cache_key(const std::string& tool_id) {
  return tool_id.empty() ? std::string() : sha256_hex(fmt::format("{}{}", kMagic, tool_id));
}

std::string record_cache_path(int year, std::string_view unit) {
  return fmt::format("{}/{}/{}", kRecordCacheDir, year, unit);
}

bool unchanged_by_stamp(const FileStamp& was, std::uint64_t clock_ns, const FileStamp& now) {
  const std::uint64_t racy = std::uint64_t{kRacySeconds} * 1000000000u;
  return now == was && now.mtime_ns + racy < clock_ns && now.ctime_ns + racy < clock_ns;
}

bool usable(const CachedFile& f, const RecordCacheFile& in, std::string_view catalog) {
  return f.diagnostics.empty() || in.catalog == catalog;
}

std::string encode_record_cache(const RecordCacheFile& file) {
  std::ostringstream body(std::ios::binary);
  {
    cereal::BinaryOutputArchive ar(body);
    ar(file);
  }
  const std::string b = std::move(body).str();
  std::string out(kMagic);
  out += file.key.size() == kHex ? file.key : std::string(kHex, '0');
  out += sha256_hex(b);
  out += '\n';
  out += b;
  return out;
}

std::optional<RecordCacheFile> decode_record_cache(std::string_view bytes) {
  if (bytes.size() < kHeader || bytes.substr(0, kMagic.size()) != kMagic || bytes[kHeader - 1] != '\n') {
    return std::nullopt;
  }
  const std::string_view body = bytes.substr(kHeader);
  if (sha256_hex(body) != bytes.substr(kMagic.size() + kHex, kHex)) return std::nullopt;
  // The digest proves the body is whole; the key (checked by the caller
  // before anything is used) that it is this build's.
  try {
    ViewBuffer buffer(body);
    std::istream in(&buffer);
    cereal::BinaryInputArchive ar(in);
    RecordCacheFile file;
    file.key = std::string(bytes.substr(kMagic.size(), kHex));
    ar(file);
    if (in.peek() != std::char_traits<char>::eof()) return std::nullopt;
    for (const auto& f : file.files) {
      for (const auto& d : f.diagnostics) {
        if (static_cast<std::size_t>(d.code) >= all_codes().size()) return std::nullopt;
      }
    }
    return file;
  } catch (const cereal::Exception&) {
    return std::nullopt;
  } catch (const std::length_error&) {
    return std::nullopt;
  } catch (const std::bad_alloc&) {
    return std::nullopt;
  }
}

std::optional<RecordCacheFile> read_record_cache(Env& env, const std::filesystem::path& root, std::string_view rel,
                                                 const std::string& key) {
  if (key.empty()) return std::nullopt;
  std::string bytes;
  bool truncated = false;
  if (!env.read_store_file(root, rel, kMaxRecordCacheBytes, &bytes, &truncated).is_ok() || truncated) {
    return std::nullopt;
  }
  // Another build's body is never decoded: its layout may differ.
  if (bytes.size() < kHeader || std::string_view(bytes).substr(kMagic.size(), kHex) != key) return std::nullopt;
  auto file = decode_record_cache(bytes);
  if (!file || file->key != key) return std::nullopt;
  return file;
}

void write_cache_file(Env& env, const std::filesystem::path& root, std::string_view rel, std::string_view bytes) {
  const std::string ignore = fmt::format("{}/.gitignore", kCacheDir);
  if (!env.store_path_exists(root, ignore)) {
    (void)env.write_store_file(root, ignore, "# isms-obj's caches: never records\n*\n", /*exclusive=*/true,
                               /*durable=*/false);
    // https://bford.info/cachedir/
    (void)env.write_store_file(root, fmt::format("{}/CACHEDIR.TAG", kCacheDir),
                               "Signature: 8a477f597d28d172789f06886806bc55\n"
                               "# This directory holds isms-obj's caches; it can be removed at any time.\n",
                               /*exclusive=*/true, /*durable=*/false);
  }
  (void)env.write_store_file(root, rel, bytes, /*exclusive=*/false, /*durable=*/false);
}

void write_record_cache(Env& env, const std::filesystem::path& root, std::string_view rel,
                        const RecordCacheFile& file) {
  if (file.key.empty()) return;
  const std::string bytes = encode_record_cache(file);
  if (bytes.size() > kMaxRecordCacheBytes) return;
  write_cache_file(env, root, rel, bytes);
}

}  // namespace isms

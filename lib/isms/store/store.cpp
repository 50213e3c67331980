#include "isms/store/store.h"

#include <unordered_map>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <functional>
#include <map>
#include <set>
#include <type_traits>
#include <variant>

#include <fmt/format.h>

#include "isms/base/i18n.h"
#include "isms/format/digest.h"
#include "isms/store/build.h"
#include "isms/store/record_cache.h"
#include "isms/sys/parallel.h"

namespace isms {

namespace fs = std::filesystem;

// Keys are views into the records the index points to (the record vectors
// do not change while an index lives: changed() drops it), so a lookup
// neither allocates nor formats.
struct RecordKey {
  int year = 0, quarter = 0;
  std::string_view unit, objective;
  bool operator==(const RecordKey&) const = default;
};
struct RecordKeyHash {
  std::size_t operator()(const RecordKey& k) const {
    std::size_t h = std::hash<std::string_view>{}(k.unit);
    h ^= std::hash<std::string_view>{}(k.objective) + 0x9e3779b97f4a7c15u + (h << 6) + (h >> 2);
    return h ^ (static_cast<std::size_t>(k.year) * 8u + static_cast<std::size_t>(k.quarter)) * 0x9e3779b97f4a7c15u;
  }
};

struct Store::Index {
  template <typename T>
  using Map = std::unordered_map<RecordKey, T, RecordKeyHash>;
  Map<const SettingTable*> settings;
  Map<std::vector<const Approval*>> approvals;
  Map<const Result*> results;
  Map<const Review*> reviews;
  Map<std::vector<const Confirmation*>> confirmations;  // by sequence
  Map<std::vector<const Referral*>> referrals;          // in the vector's order

  static RecordKey key(int year, std::string_view unit) { return RecordKey{year, 0, unit, {}}; }
  static RecordKey key(int year, std::string_view unit, std::string_view objective, int quarter) {
    return RecordKey{year, quarter, unit, objective};
  }
};

const Store::Index& Store::index() const {
  if (index_) return *index_;
  auto ix = std::make_shared<Index>();
  for (const auto& t : settings) ix->settings.emplace(Index::key(t.year, t.unit), &t);  // first wins, as before
  for (const auto& a : approvals) ix->approvals[Index::key(a.year, a.unit)].push_back(&a);
  for (auto& [k, list] : ix->approvals) {
    std::stable_sort(list.begin(), list.end(), [](const Approval* a, const Approval* b) {
      return std::pair(a->revision, a->sequence) < std::pair(b->revision, b->sequence);
    });
  }
  for (const auto& r : results) {
    const Result*& slot = ix->results[Index::key(r.year, r.unit, r.objective, r.quarter)];
    if (!slot || r.sequence > slot->sequence) slot = &r;
  }
  for (const auto& v : reviews) {
    const Review*& slot = ix->reviews[Index::key(v.year, v.unit, "", v.quarter)];
    if (!slot || v.sequence > slot->sequence) slot = &v;
  }
  for (const auto& c : confirmations) ix->confirmations[Index::key(c.year, c.unit, "", c.quarter)].push_back(&c);
  for (auto& [k, list] : ix->confirmations) {
    std::stable_sort(list.begin(), list.end(),
                     [](const Confirmation* a, const Confirmation* b) { return a->sequence < b->sequence; });
  }
  for (const auto& r : referrals) ix->referrals[Index::key(r.year, r.unit, r.objective, 0)].push_back(&r);
  index_ = ix;
  return *index_;
}

const YamlNode* Store::tree(std::string_view rel) const {
  for (const auto& s : sources) {
    if (s->path == rel && s->where.kind == RecordKind::Setting) return &s->root;
  }
  return nullptr;
}

const SettingTable* Store::setting(int year, std::string_view unit) const {
  const auto& m = index().settings;
  const auto it = m.find(Index::key(year, unit));
  return it == m.end() ? nullptr : it->second;
}

const Result* Store::latest_result(int year, std::string_view unit, std::string_view objective, int quarter) const {
  const auto& m = index().results;
  const auto it = m.find(Index::key(year, unit, objective, quarter));
  return it == m.end() ? nullptr : it->second;
}

const Review* Store::latest_review(int year, int quarter, std::string_view unit) const {
  const auto& m = index().reviews;
  const auto it = m.find(Index::key(year, unit, "", quarter));
  return it == m.end() ? nullptr : it->second;
}

const std::vector<const Confirmation*>& Store::confirmations_for(int year, int quarter, std::string_view unit) const {
  static const std::vector<const Confirmation*> none;
  const auto& m = index().confirmations;
  const auto it = m.find(Index::key(year, unit, "", quarter));
  return it == m.end() ? none : it->second;
}

const Confirmation* Store::latest_confirmation(int year, int quarter, std::string_view unit) const {
  const auto& all = confirmations_for(year, quarter, unit);
  return all.empty() ? nullptr : all.back();
}

const std::vector<const Approval*>& Store::approvals_for(int year, std::string_view unit) const {
  static const std::vector<const Approval*> none;
  const auto& m = index().approvals;
  const auto it = m.find(Index::key(year, unit));
  return it == m.end() ? none : it->second;
}

const std::vector<const Referral*>& Store::referrals_for(int year, std::string_view unit,
                                                        std::string_view objective) const {
  static const std::vector<const Referral*> none;
  const auto& m = index().referrals;
  const auto it = m.find(Index::key(year, unit, objective, 0));
  return it == m.end() ? none : it->second;
}

std::vector<YearSummary> summarize(const Store& store) {
  std::map<int, YearSummary> by_year;
  auto at = [&](int year) -> YearSummary& {
    YearSummary& y = by_year[year];
    y.year = year;
    return y;
  };
  for (const auto& t : store.settings) {
    ++at(t.year).tables;
    at(t.year).objectives += static_cast<int>(t.objectives.size());
  }
  for (const auto& a : store.approvals) ++at(a.year).approvals;
  for (const auto& r : store.results) ++at(r.year).results;
  for (const auto& v : store.reviews) ++at(v.year).reviews;
  for (const auto& f : store.referrals) {
    ++(f.state == ReferralState::Open ? at(f.year).referrals_open : at(f.year).referrals_closed);
  }
  std::vector<YearSummary> out;
  for (const auto& [year, y] : by_year) out.push_back(y);
  return out;
}

namespace {

bool is_yaml_name(std::string_view path) {
  auto ends = [&](std::string_view e) { return path.size() >= e.size() && path.substr(path.size() - e.size()) == e; };
  return ends(".yaml") || ends(".yml");
}

// The fields a path fixes must agree with the record's content.
class PathAgreement {
 public:
  PathAgreement(const SourceFile& f, Diagnostics& d) : f_(f), d_(d) {}

  void number(std::string_view key, int expected) {
    const YamlNode* n = f_.root.find(key);
    if (n && n->kind == YamlNode::Kind::Number && n->text != std::to_string(expected)) {
      mismatch(key, n, std::to_string(expected));
    }
  }
  void text(std::string_view key, const std::string& expected) {
    const YamlNode* n = f_.root.find(key);
    if (n && n->kind == YamlNode::Kind::String && n->text != expected) mismatch(key, n, expected);
  }

 private:
  void mismatch(std::string_view key, const YamlNode* n, const std::string& expected) {
    d_.report(DiagCode::RecordPathMismatch, f_.path, n->mark,
             trf("'{}' is {} but the file's path says {}; move the file or correct the field", key,
                         n->text, expected));
  }
  const SourceFile& f_;
  Diagnostics& d_;
};

void check_path_agreement(const SourceFile& f, Diagnostics& diags) {
  PathAgreement a(f, diags);
  const RecordPath& w = f.where;
  switch (w.kind) {
    case RecordKind::Config: break;
    case RecordKind::Setting:
      a.number("year", w.year);
      a.text("unit", w.unit);
      break;
    case RecordKind::Result:
      a.number("year", w.year);
      a.number("quarter", w.quarter);
      a.text("unit", w.unit);
      a.text("objective", w.objective);
      a.number("sequence", w.sequence);
      if (w.sequence > 1 && !f.root.find("sequence")) {
        diags.report(DiagCode::RecordPathMismatch, f.path, f.root.mark,
                    trf("an amendment file (.{}.yaml) must state 'sequence: {}' and a 'reason'",
                                w.sequence, w.sequence));
      }
      break;
    case RecordKind::Approval:
      a.number("year", w.year);
      a.text("unit", w.unit);
      a.number("revision", w.revision);
      break;
    case RecordKind::Review:
    case RecordKind::Confirmation:
      a.number("year", w.year);
      a.number("quarter", w.quarter);
      a.text("unit", w.unit);
      break;
    case RecordKind::Referral:
      a.number("year", w.year);
      a.text("unit", w.unit);
      a.text("objective", w.objective);
      break;
  }
}

// Trees kept for the whole run lose their vectors' growth slack (a third of
// their size).
void shrink(YamlNode& n) {
  n.keys.shrink_to_fit();
  n.key_marks.shrink_to_fit();
  n.children.shrink_to_fit();
  for (auto& c : n.children) shrink(c);
}

// Builds the typed record; keeps it only when the values were all in range.
// A result's tree is freed once built (the result keeps its field marks):
// results are nearly all of a large store's files and of its memory.
BuiltRecord build_record(SourceFile& f, Diagnostics& diags) {
  Diagnostics found;
  const std::string& rel = f.path;
  BuiltRecord built;
  switch (f.where.kind) {
    case RecordKind::Config: built = build_config(f.root, rel, found); break;
    case RecordKind::Setting: built = build_setting(f.root, rel, found); break;
    case RecordKind::Approval: {
      Approval a = build_approval(f.root, rel, found);
      a.sequence = f.where.sequence;
      built = std::move(a);
      break;
    }
    case RecordKind::Result: built = build_result(f.root, rel, found); break;
    case RecordKind::Review: {
      Review v = build_review(f.root, rel, found);
      v.sequence = f.where.sequence;
      built = std::move(v);
      break;
    }
    case RecordKind::Referral: {
      Referral r = build_referral(f.root, rel, found);
      r.sequence = f.where.sequence;
      built = std::move(r);
      break;
    }
    case RecordKind::Confirmation: {
      Confirmation c = build_confirmation(f.root, rel, found);
      c.sequence = f.where.sequence;
      built = std::move(c);
      break;
    }
  }
  // Records hold no tree. Only a setting table's is kept: 'set' edits it
  // (Store::tree); the rest would be memory held for nothing.
  if (f.where.kind == RecordKind::Setting) {
    shrink(f.root);
  } else {
    f.root = YamlNode{};
  }
  if (found.has_errors()) built = std::monostate{};
  diags.append(found);
  return built;
}

void keep(Store* store, BuiltRecord built) {
  std::visit(
      [store](auto&& record) {
        using T = std::decay_t<decltype(record)>;
        if constexpr (std::is_same_v<T, Config>) store->config = std::move(record);
        else if constexpr (std::is_same_v<T, SettingTable>) store->settings.push_back(std::move(record));
        else if constexpr (std::is_same_v<T, Approval>) store->approvals.push_back(std::move(record));
        else if constexpr (std::is_same_v<T, Result>) store->results.push_back(std::move(record));
        else if constexpr (std::is_same_v<T, Review>) store->reviews.push_back(std::move(record));
        else if constexpr (std::is_same_v<T, Referral>) store->referrals.push_back(std::move(record));
        else if constexpr (std::is_same_v<T, Confirmation>) store->confirmations.push_back(std::move(record));
      },
      std::move(built));
}

template <typename Record>
void forget(std::vector<Record>& records, const std::string& rel) {
  std::erase_if(records, [&](const Record& r) { return r.file == rel; });
}

void forget_path(Store* store, const std::string& rel) {
  if (store->config && store->config->file == rel) store->config.reset();
  forget(store->settings, rel);
  forget(store->approvals, rel);
  forget(store->results, rel);
  forget(store->reviews, rel);
  forget(store->referrals, rel);
  forget(store->confirmations, rel);
  std::erase_if(store->sources, [&](const auto& s) { return s->path == rel; });
  store->changed();
}

// Each stage runs only on what the previous one accepted, so a problem is
// reported once, by the stage that understands it, without cascades.
//
// The stages that look at one file alone (schema, path agreement, typed
// record): they touch no store, so load_store runs them in parallel.
struct Checked {
  std::unique_ptr<SourceFile> source;
  BuiltRecord record;
};

Checked check_file(SchemaValidator& validator, const RecordPath& where, const std::string& rel, YamlNode tree,
                   Diagnostics& file_diags) {
  Checked out{std::make_unique<SourceFile>(SourceFile{rel, where, std::move(tree)}), {}};
  if (!file_diags.has_errors() && validator.validate(where.kind, out.source->root, rel, file_diags)) {
    check_path_agreement(*out.source, file_diags);
    if (!file_diags.has_errors()) out.record = build_record(*out.source, file_diags);
  }
  return out;
}

// The file joins the store: its record when it is clean, its source always
// (records point into its tree).
void commit(Store* store, Checked checked) {
  keep(store, std::move(checked.record));
  store->sources.push_back(std::move(checked.source));
  store->changed();
}

bool put_file(Store* store, SchemaValidator& validator, const std::string& rel, const std::string_view* bytes,
              YamlNode* tree, Diagnostics& diags) {
  const auto where = classify_path(rel);
  if (!where) return false;
  forget_path(store, rel);
  Diagnostics file_diags;
  std::optional<YamlNode> parsed = bytes ? parse_yaml(*bytes, rel, file_diags) : std::optional(std::move(*tree));
  if (parsed) commit(store, check_file(validator, *where, rel, std::move(*parsed), file_diags));
  const bool ok = !file_diags.has_errors();
  diags.append(file_diags);
  return ok;
}

}  // namespace

bool put_source(Store* store, const std::string& rel, std::string_view bytes, Diagnostics& diags) {
  SchemaValidator validator;
  return put_file(store, validator, rel, &bytes, nullptr, diags);
}

bool put_source(Store* store, SchemaValidator& validator, const std::string& rel, std::string_view bytes,
                Diagnostics& diags) {
  return put_file(store, validator, rel, &bytes, nullptr, diags);
}

bool put_tree(Store* store, const std::string& rel, YamlNode tree, Diagnostics& diags) {
  SchemaValidator validator;
  return put_file(store, validator, rel, nullptr, &tree, diags);
}

namespace {

// One record file through the pipeline or from the cache, before it joins
// the store. Files are loaded in parallel and join a group (unit-year) at
// a time, in the groups' order.
struct Loaded {
  CachedFile file;                  // path, stamp, SHA-256, diagnostics, record
  std::optional<YamlNode> tree;     // a setting table's tree, when parsed in this run (never cached)
  RecordPath where;
  bool read = false;      // the file was read (a stamp and a SHA-256 are known)
  bool cacheable = true;  // false when it could not be read: it is read again next time
  bool from_cache = false;
};

// Reads, parses and checks one file (the pipeline of put_file).
void build_file(StoreReader& reader, SchemaValidator& validator, const std::string& rel, const RecordPath& where,
                std::string* bytes_read, Loaded* out) {
  // A file over the limit is read one byte past it, which parse_yaml
  // reports as file.too-large without parsing.
  const YamlLimits limits;
  std::string local;
  std::string& bytes = bytes_read ? *bytes_read : local;
  Diagnostics diags;
  if (!bytes_read) {
    bool truncated = false;
    if (Status s = reader.read(rel, limits.max_bytes, &bytes, &truncated, &out->file.stamp); !s.is_ok()) {
      diags.report(DiagCode::FileUnreadable, rel, {}, s.message());
      out->file.diagnostics = diags.items();
      out->cacheable = false;
      return;
    }
    out->file.sha256 = sha256_hex(bytes);
  }
  out->read = true;
  if (auto tree = parse_yaml(bytes, rel, diags, limits)) {
    out->file.parsed = true;
    Checked checked = check_file(validator, where, rel, std::move(*tree), diags);
    out->file.record = std::move(checked.record);
    if (where.kind == RecordKind::Setting) out->tree = std::move(checked.source->root);
  }
  out->file.diagnostics = diags.items();
}

// One cache file's worth of records: a unit-year, or the configuration.
struct Group {
  std::string cache;                  // its cache file
  std::vector<std::size_t> files;     // indices into the records in scope, in path order
};

struct LoadRun {
  Env& env;
  const fs::path& root;
  const std::vector<std::pair<std::string, RecordPath>>& records;
  const std::vector<FileStamp>* stamps;  // the listing's, by record (caching only)
  std::string key;                       // empty: no cache
  std::string catalog;
  std::uint64_t clock_ns = 0;            // the file system's time before the listing
  bool keep_trees = false;
};

// Loads a group's files: each from the cache when its entry is certainly
// current, else through the pipeline; rewrites the group's cache file when
// anything in it differs from what it holds.
void load_group(const LoadRun& run, StoreReader& reader, SchemaValidator& validator, const Group& group,
                std::vector<Loaded>& out) {
  const bool caching = !run.key.empty();
  std::optional<RecordCacheFile> cached =
      caching ? read_record_cache(run.env, run.root, group.cache, run.key) : std::nullopt;
  bool dirty = caching && (!cached || cached->files.size() != group.files.size());
  std::size_t next_entry = 0;
  out.resize(group.files.size());
  for (std::size_t k = 0; k < group.files.size(); ++k) {
    const auto& [rel, where] = run.records[group.files[k]];
    Loaded& l = out[k];
    l.where = where;
    l.file.path = rel;
    // Entries are in path order, as the group's files are.
    CachedFile* entry = nullptr;
    if (cached) {
      while (next_entry < cached->files.size() && cached->files[next_entry].path < rel) ++next_entry;
      if (next_entry < cached->files.size() && cached->files[next_entry].path == rel &&
          usable(cached->files[next_entry], *cached, run.catalog)) {
        entry = &cached->files[next_entry];
      }
    }
    if (run.keep_trees && where.kind == RecordKind::Setting) {
      // Trees are not cached: a load that keeps them (a command revising a
      // table, a unit or two) parses its tables again.
      build_file(reader, validator, rel, where, nullptr, &l);
      dirty = dirty || (caching && (!entry || entry->sha256 != l.file.sha256));
      continue;
    }
    if (entry && unchanged_by_stamp(entry->stamp, cached->clock_ns, (*run.stamps)[group.files[k]])) {
      l.file = std::move(*entry);
      l.read = l.from_cache = true;
      continue;
    }
    dirty = dirty || caching;
    std::string bytes;
    bool truncated = false;
    if (entry && reader.read(rel, YamlLimits{}.max_bytes, &bytes, &truncated, &l.file.stamp).is_ok()) {
      // Touched, or read too close to the earlier run to trust its stamp:
      // the same bytes are the same record.
      l.file.sha256 = sha256_hex(bytes);
      if (l.file.sha256 == entry->sha256) {
        const FileStamp now = l.file.stamp;
        l.file = std::move(*entry);
        l.file.stamp = now;
        l.read = l.from_cache = true;
        continue;
      }
      build_file(reader, validator, rel, where, &bytes, &l);
      continue;
    }
    build_file(reader, validator, rel, where, nullptr, &l);
  }
  if (!dirty) return;
  RecordCacheFile write{run.key, run.catalog, run.clock_ns, {}};
  write.files.reserve(out.size());
  for (auto& l : out) {
    if (l.cacheable) write.files.push_back(std::move(l.file));
  }
  write_record_cache(run.env, run.root, group.cache, write);
  // The entries written are the records loaded: take them back.
  std::size_t w = 0;
  for (auto& l : out) {
    if (l.cacheable) l.file = std::move(write.files[w++]);
  }
}

// The file joins the store: its record, its source (a setting table's with
// its tree, when asked), its diagnostics and, when asked, its stamp.
void join(Store* store, Loaded& l, const LoadOptions& options, Diagnostics& diags) {
  store->files_cached += l.from_cache ? 1 : 0;
  if (options.keep_stamps && l.read) store->read_files.push_back(ReadFile{l.file.path, l.file.stamp, l.file.sha256});
  for (auto& d : l.file.diagnostics) diags.add(std::move(d));
  auto source = std::make_unique<SourceFile>(SourceFile{l.file.path, l.where, {}});
  if (options.keep_trees && l.tree) source->root = std::move(*l.tree);
  keep(store, std::move(l.file.record));
  if (l.file.parsed) store->sources.push_back(std::move(source));
}

// Puts v[first…] in path order. Records are large: they are moved once,
// after their order is found, and not at all when already in order (the
// units' records join in path order, see load_store).
template <typename Record>
void sort_from(std::vector<Record>& v, std::size_t first) {
  const auto by_file = [](const Record& a, const Record& b) { return a.file < b.file; };
  if (std::is_sorted(v.begin() + static_cast<std::ptrdiff_t>(first), v.end(), by_file)) return;
  std::vector<std::size_t> order(v.size());  // position i receives v[order[i]]
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::sort(order.begin() + static_cast<std::ptrdiff_t>(first), order.end(),
            [&](std::size_t a, std::size_t b) { return v[a].file < v[b].file; });
  // Applied cycle by cycle, in place: no second vector of records.
  for (std::size_t i = first; i < order.size(); ++i) {
    if (order[i] == i) continue;
    Record held = std::move(v[i]);
    std::size_t j = i;
    while (order[j] != i) {
      const std::size_t from = order[j];
      v[j] = std::move(v[from]);
      order[j] = j;
      j = from;
    }
    v[j] = std::move(held);
    order[j] = j;
  }
}

}  // namespace

Status load_store(Env& env, const fs::path& root, const LoadOptions& options, Store* store, Diagnostics& diags) {
  const LoadScope& scope = options.scope;
  store->root = root;
  store->scope = scope;
  for (RecordKind kind : kAllRecordKinds) {
    if (env.is_regular_file(root / fmt::format(".isms-obj/schemas/{}.schema.json", record_kind_name(kind)))) {
      store->editor_schemas.insert(kind);
    }
  }
  // The clock is read before anything is stamped: a file written after it
  // is too recent for its stamp to be trusted next time (record_cache.h).
  std::uint64_t clock_ns = 0;
  const std::string key = record_cache_key(options.cache_tool_id);
  const Listing* given = options.listing;
  if (given && !key.empty() && (given->stamps.size() != given->files.size() || options.listed_at_ns == 0)) {
    given = nullptr;  // no stamps to judge the cache by
  }
  bool caching = !key.empty();
  if (caching && given) {
    clock_ns = options.listed_at_ns;
  } else if (caching) {
    caching = env.file_time_now(root, &clock_ns).is_ok();
  }

  const bool scoped = !scope.everything();
  Listing own;
  const auto may_hold = [&scope](std::string_view dir) { return scope.may_hold(dir); };
  if (!given) {
    if (Status s = env.list_store_files(root, &own,
                                        scoped ? std::function<bool(std::string_view)>(may_hold) : nullptr, caching);
        !s.is_ok()) {
      return s;
    }
  }
  const Listing& listing = given ? *given : own;

  if (!scoped) check_listing(listing, diags);

  std::vector<std::pair<std::string, RecordPath>> records;
  std::vector<FileStamp> stamps;
  // One group per unit-year, the configuration first. Keyed by "<unit>/"
  // and year, groups are in the path order of units/<unit>/<year>/, so the
  // bulk of the records (tables and results) joins already sorted.
  std::map<std::pair<std::string, int>, Group> by_unit_year;
  Group config{std::string(kConfigRecordCache), {}};
  for (std::size_t i = 0; i < listing.files.size(); ++i) {
    auto where = classify_path(listing.files[i]);
    if (!where || !scope.covers(*where)) continue;
    if (where->kind == RecordKind::Config) {
      config.files.push_back(records.size());
    } else {
      Group& g = by_unit_year[{where->unit + '/', where->year}];
      if (g.cache.empty()) g.cache = record_cache_path(where->year, where->unit);
      g.files.push_back(records.size());
    }
    records.emplace_back(listing.files[i], std::move(*where));
    if (caching) stamps.push_back(listing.stamps[i]);
  }
  store->files_checked += records.size();
  std::vector<Group> groups;
  if (!config.files.empty()) groups.push_back(std::move(config));
  for (auto& [k, g] : by_unit_year) groups.push_back(std::move(g));

  const std::size_t first[] = {store->settings.size(), store->approvals.size(), store->results.size(),
                               store->reviews.size(),  store->referrals.size(), store->confirmations.size()};
  std::size_t counts[std::size(kAllRecordKinds)] = {};
  for (const auto& r : records) ++counts[static_cast<std::size_t>(r.second.kind)];
  store->settings.reserve(store->settings.size() + counts[static_cast<std::size_t>(RecordKind::Setting)]);
  store->approvals.reserve(store->approvals.size() + counts[static_cast<std::size_t>(RecordKind::Approval)]);
  store->results.reserve(store->results.size() + counts[static_cast<std::size_t>(RecordKind::Result)]);
  store->reviews.reserve(store->reviews.size() + counts[static_cast<std::size_t>(RecordKind::Review)]);
  store->referrals.reserve(store->referrals.size() + counts[static_cast<std::size_t>(RecordKind::Referral)]);
  store->confirmations.reserve(store->confirmations.size() +
                               counts[static_cast<std::size_t>(RecordKind::Confirmation)]);
  store->sources.reserve(store->sources.size() + records.size());

  // Groups are loaded in parallel, a batch of about kBatch files at a time
  // so that only one batch of records waits to join; a worker takes the
  // next group when it is done with one (groups differ in size). The result
  // does not depend on the number of threads: groups join in their order,
  // every record vector is put in path order at the end, and diagnostics
  // are sorted before they are shown.
  const LoadRun run{env, root, records, caching ? &stamps : nullptr, caching ? key : std::string(),
                    catalog_header(), clock_ns, options.keep_trees};
  constexpr std::size_t kBatch = 4096;
  const std::size_t workers = worker_count(records.size(), 64);
  std::vector<SchemaValidator> validators(workers);  // valijson caches compiled patterns: one per worker
  std::vector<std::unique_ptr<StoreReader>> readers;
  for (std::size_t w = 0; w < workers; ++w) readers.push_back(env.new_reader(root));
  std::vector<std::vector<Loaded>> loaded;
  for (std::size_t begin = 0; begin < groups.size();) {
    std::size_t end = begin, files = 0;
    while (end < groups.size() && (files == 0 || files + groups[end].files.size() <= kBatch)) {
      files += groups[end++].files.size();
    }
    loaded.clear();
    loaded.resize(end - begin);
    std::atomic<std::size_t> next{begin};
    run_workers(workers, [&](std::size_t w) {
      for (std::size_t g; (g = next++) < end;) load_group(run, *readers[w], validators[w], groups[g], loaded[g - begin]);
    });
    for (auto& group : loaded) {
      for (auto& l : group) {
        join(store, l, options, diags);
      }
    }
    begin = end;
  }
  sort_from(store->settings, first[0]);
  sort_from(store->approvals, first[1]);
  sort_from(store->results, first[2]);
  sort_from(store->reviews, first[3]);
  sort_from(store->referrals, first[4]);
  sort_from(store->confirmations, first[5]);
  store->changed();
  return Status::ok();
}

std::size_t unreadable_files(const Diagnostics& load_diags, Diagnostics* errors) {
  std::set<std::string> files;
  for (const auto& d : load_diags.items()) {
    if (d.severity != Severity::Error || d.file == kConfigFileName) continue;
    files.insert(d.file);
    errors->add(d);
  }
  return files.size();
}

void check_listing(const Listing& listing, Diagnostics& diags) {
  for (const auto& link : listing.symlinks) {
    diags.report(DiagCode::StoreSymlink, link, {},
                "symbolic link in the store; links are not followed (a store holds its records itself)");
  }
  for (const auto& rel : listing.files) {
    if (is_yaml_name(rel) && !classify_path(rel)) {
      diags.report(DiagCode::StoreUnknownPath, rel, {},
                  "not a record path of this store (see docs/formats.md for the layout); "
                  "move or rename the file, or remove it");
    }
  }
  if (std::find(listing.files.begin(), listing.files.end(), kConfigFileName) == listing.files.end()) {
    diags.report(DiagCode::StoreNoConfig, std::string(kConfigFileName), {},
                "the store has no configuration file; create one with 'isms-obj init'");
  }
}

}  // namespace isms

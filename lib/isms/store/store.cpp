#include "isms/store/store.h"

#include <unordered_map>

#include <algorithm>
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
#include "isms/store/config_cache.h"
#include "isms/sys/parallel.h"

namespace isms {

namespace fs = std::filesystem;

struct Store::Index {
  std::unordered_map<std::string, const SettingTable*> settings;
  std::unordered_map<std::string, std::vector<const Approval*>> approvals;
  std::unordered_map<std::string, const Result*> results;
  std::unordered_map<std::string, const Review*> reviews;
  std::unordered_map<std::string, std::vector<const Confirmation*>> confirmations;  // by sequence

  static std::string key(int year, std::string_view unit) { return fmt::format("{}/{}", year, unit); }
  static std::string key(int year, std::string_view unit, std::string_view objective, int quarter) {
    return fmt::format("{}/{}/{}/{}", year, unit, objective, quarter);
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

// A file's typed record, built from its tree alone (so in parallel), before
// it joins the store.
using Built = std::variant<std::monostate, Config, SettingTable, Approval, Result, Review, Referral, Confirmation>;

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
Built build_record(SourceFile& f, Diagnostics& diags) {
  Diagnostics found;
  const std::string& rel = f.path;
  Built built;
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

void keep(Store* store, Built built) {
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
  Built record;
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

// What one file contributes before it joins the store: parsed, schema-checked
// and path-checked, independently of every other file (so files are
// prepared in parallel) and then committed in listing order.
struct Prepared {
  std::optional<Checked> checked;  // absent when the file could not be read as a tree
  Diagnostics diags;
  std::optional<ReadFile> read;    // with Store::keep_stamps, when the file was read
};

void prepare(Env& env, StoreReader& reader, SchemaValidator& validator, const LoadOptions& options,
             const fs::path& root, const std::string& rel, const RecordPath& where, Prepared* out) {
  const bool stamp = options.keep_stamps;
  // A file over the limit is read one byte past it, which parse_yaml
  // reports as file.too-large without parsing.
  const YamlLimits limits;
  std::string bytes;
  bool truncated = false;
  FileStamp st;
  if (Status s = reader.read(rel, limits.max_bytes, &bytes, &truncated, stamp ? &st : nullptr); !s.is_ok()) {
    out->diags.report(DiagCode::FileUnreadable, rel, {}, s.message());
    return;
  }
  if (stamp) out->read = ReadFile{rel, st, sha256_hex(bytes)};
  auto tree = where.kind == RecordKind::Config
                   ? parse_config_cached(env, root, options.cache_tool_id, bytes, rel, out->diags, limits)
                   : parse_yaml(bytes, rel, out->diags, limits);
  if (tree) out->checked = check_file(validator, where, rel, std::move(*tree), out->diags);
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
  const bool scoped = !scope.everything();
  Listing listing;
  const auto may_hold = [&scope](std::string_view dir) { return scope.may_hold(dir); };
  if (Status s = env.list_store_files(root, &listing, scoped ? std::function<bool(std::string_view)>(may_hold) : nullptr);
      !s.is_ok()) {
    return s;
  }

  if (!scoped) check_listing(listing, diags);

  std::vector<std::pair<std::string, RecordPath>> records;
  for (const auto& rel : listing.files) {
    auto where = classify_path(rel);
    if (where && scope.covers(*where)) records.emplace_back(rel, *where);
  }
  store->files_checked += records.size();

  // Reading, parsing, schema checks and typed records are per file: spread
  // them over the cores in contiguous slices (neighbouring files share
  // directories). Files go in batches so that only one batch of
  // not-yet-committed records is held at a time. The result does not depend
  // on the number of threads: files are committed in listing order and
  // diagnostics are sorted before they are shown.
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

  constexpr std::size_t kBatch = 4096;
  const std::size_t workers = worker_count(records.size(), 64);
  // One validator (valijson caches compiled patterns) and one reader per
  // worker, kept across batches.
  std::vector<SchemaValidator> validators(workers);
  std::vector<std::unique_ptr<StoreReader>> readers;
  for (std::size_t w = 0; w < workers; ++w) readers.push_back(env.new_reader(root));
  std::vector<Prepared> prepared;
  for (std::size_t first = 0; first < records.size(); first += kBatch) {
    const std::size_t n = std::min(kBatch, records.size() - first);
    prepared.clear();
    prepared.resize(n);
    run_workers(workers, [&](std::size_t w) {
      for (std::size_t k = n * w / workers; k < n * (w + 1) / workers; ++k) {
        const auto& [rel, where] = records[first + k];
        prepare(env, *readers[w], validators[w], options, root, rel, where, &prepared[k]);
      }
    });
    for (auto& p : prepared) {
      if (p.checked) commit(store, std::move(*p.checked));
      if (p.read) store->read_files.push_back(std::move(*p.read));
      diags.append(p.diags);
    }
  }
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

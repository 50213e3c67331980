#include "isms/views/findings.h"

#include <algorithm>
#include <charconv>
#include <functional>
#include <set>
#include <iterator>

#include <fmt/format.h>

#include "isms/base/i18n.h"
#include "isms/format/digest.h"
#include "isms/rules/change.h"
#include "isms/rules/validate.h"

namespace isms {

namespace {

constexpr std::string_view kMagic = "isms-obj validate cache 1\n";
constexpr std::size_t kMaxCacheBytes = std::size_t{1} << 30;

// One listed store entry as the cache remembers it.
struct Entry {
  char tag = 'P';  // F: record file read (stamp, sha256); P: listed, not read; L: symbolic link
  std::string path;
  FileStamp stamp;
  std::string sha256;
};

struct Cache {
  std::string key;
  std::uint64_t clock_ns = 0;  // the file system's time when the run that wrote it began
  std::vector<Entry> entries;
  Findings findings;
};

// The findings' messages are in the catalog's language: another language
// is another cache.
std::string cache_key(const std::string& tool_id, const Date& today) {
  return sha256_hex(fmt::format("{}\n{}\n{}\n{}", kMagic, tool_id, today.iso(), catalog_header()));
}

// ---- serialisation: space-separated fields, strings as <length>:<bytes> ----

void put_text(std::string& out, std::string_view s) { fmt::format_to(std::back_inserter(out), " {}:{}", s.size(), s); }

std::string serialise(const Cache& c) {
  // Reserved at once (a bound of every line below): on a large store the
  // text is ~100 MB, and growing it by doubling would hold the old and the
  // new buffer at the same time. Pages reserved and never written cost no
  // memory.
  std::size_t bound = kMagic.size() + 256 + c.key.size();
  for (const auto& e : c.entries) bound += e.path.size() + e.sha256.size() + 160;
  for (const auto& d : c.findings.diagnostics.items()) bound += d.file.size() + d.message.size() + 200;
  bound += c.findings.years.size() * 200 + c.findings.org_name.size() + c.findings.org_name_en.size() + 200;
  std::string out;
  out.reserve(bound);
  out += kMagic;
  fmt::format_to(std::back_inserter(out), "key {}\nclock {}\n", c.key, c.clock_ns);
  for (const auto& e : c.entries) {
    out += e.tag;
    if (e.tag == 'F') {
      fmt::format_to(std::back_inserter(out), " {} {} {} {} {} {}", e.stamp.size, e.stamp.mtime_ns, e.stamp.ctime_ns,
                     e.stamp.inode, e.stamp.device, e.sha256);
    }
    put_text(out, e.path);
    out += '\n';
  }
  const Findings& f = c.findings;
  fmt::format_to(std::back_inserter(out), "C {} {} {} {}", f.files_checked, f.has_config ? 1 : 0, f.units, f.people);
  put_text(out, f.org_name);
  put_text(out, f.org_name_en);
  out += '\n';
  for (const auto& y : f.years) {
    fmt::format_to(std::back_inserter(out), "Y {} {} {} {} {} {} {} {}\n", y.year, y.tables, y.objectives, y.approvals,
                   y.results, y.reviews, y.referrals_open, y.referrals_closed);
  }
  for (const auto& d : f.diagnostics.items()) {
    fmt::format_to(std::back_inserter(out), "D {} {} {}", static_cast<int>(d.severity), d.mark.line, d.mark.column);
    put_text(out, code_name(d.code));
    put_text(out, d.file);
    put_text(out, d.message);
    out += '\n';
  }
  out += "end\n";
  return out;
}

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}
  bool literal(std::string_view w) {
    if (s_.substr(0, w.size()) != w) return false;
    s_.remove_prefix(w.size());
    return true;
  }
  template <typename T>
  bool number(T* v) {
    skip_space();
    auto [p, ec] = std::from_chars(s_.data(), s_.data() + s_.size(), *v);
    if (ec != std::errc() || p == s_.data()) return false;
    s_.remove_prefix(static_cast<std::size_t>(p - s_.data()));
    return true;
  }
  bool word(std::string* w) {
    skip_space();
    const auto end = s_.find_first_of(" \n");
    if (end == 0 || end == std::string_view::npos) return false;
    w->assign(s_.data(), end);  // reuses the string's buffer
    s_.remove_prefix(end);
    return true;
  }
  bool text(std::string* t) {
    std::size_t n = 0;
    if (!number(&n) || !literal(":") || n > s_.size()) return false;
    t->assign(s_.data(), n);
    s_.remove_prefix(n);
    return true;
  }
  char tag() {
    if (s_.empty()) return 0;
    const char c = s_[0];
    s_.remove_prefix(1);
    return c;
  }
  bool eol() { return literal("\n"); }

 private:
  void skip_space() {
    if (!s_.empty() && s_[0] == ' ') s_.remove_prefix(1);
  }
  std::string_view s_;
};

// Reads a cache. Each entry is shown to `visit` (false stops: no answer)
// and kept in `c->entries` only with `keep_entries`: a warm run compares
// hundreds of thousands of entries and keeps none.
bool deserialise(std::string_view bytes, Cache* c, bool keep_entries, const std::function<bool(const Entry&)>& visit) {
  Reader r(bytes);
  Entry e;
  if (!r.literal(kMagic) || !r.literal("key") || !r.word(&c->key) || !r.eol() || !r.literal("clock") ||
      !r.number(&c->clock_ns) || !r.eol()) {
    return false;
  }
  Findings& f = c->findings;
  for (;;) {
    const char tag = r.tag();
    if (tag == 'F' || tag == 'P' || tag == 'L') {
      e.tag = tag;
      if (tag == 'F' && !(r.number(&e.stamp.size) && r.number(&e.stamp.mtime_ns) && r.number(&e.stamp.ctime_ns) &&
                          r.number(&e.stamp.inode) && r.number(&e.stamp.device) && r.word(&e.sha256))) {
        return false;
      }
      if (!r.text(&e.path) || !r.eol() || !visit(e)) return false;
      if (keep_entries) c->entries.push_back(e);
    } else if (tag == 'C') {
      int has_config = 0;
      if (!(r.number(&f.files_checked) && r.number(&has_config) && r.number(&f.units) && r.number(&f.people) &&
            r.text(&f.org_name) && r.text(&f.org_name_en) && r.eol())) {
        return false;
      }
      f.has_config = has_config != 0;
    } else if (tag == 'Y') {
      YearSummary y;
      if (!(r.number(&y.year) && r.number(&y.tables) && r.number(&y.objectives) && r.number(&y.approvals) &&
            r.number(&y.results) && r.number(&y.reviews) && r.number(&y.referrals_open) &&
            r.number(&y.referrals_closed) && r.eol())) {
        return false;
      }
      f.years.push_back(y);
    } else if (tag == 'D') {
      Diagnostic d;
      int severity = 0;
      std::string code;
      if (!(r.number(&severity) && r.number(&d.mark.line) && r.number(&d.mark.column) && r.text(&code) &&
            r.text(&d.file) && r.text(&d.message) && r.eol()) ||
          (severity != 0 && severity != 1)) {
        return false;
      }
      // A code this build does not know makes the cache unusable, not a finding.
      const auto known = code_by_name(code);
      if (!known) return false;
      d.code = *known;
      d.severity = static_cast<Severity>(severity);
      f.diagnostics.add(std::move(d));
    } else {
      f.diagnostics.finish();
      return tag == 'e' && r.literal("nd\n");
    }
  }
}

// The cached findings when every listed entry is as the cache remembers it.
// `*restamped` is set when some file had to be read to prove it unchanged
// (the cache is then worth rewriting with its new stamp).
bool answer_from_cache(Env& env, const std::filesystem::path& root, const std::string& key, Cache* c, bool* restamped,
                       std::uint64_t* now_ns) {
  std::string bytes;
  bool truncated = false;
  if (!env.read_store_file(root, kValidateCache, kMaxCacheBytes, &bytes, &truncated).is_ok() || truncated) return false;
  Listing listing;
  if (!env.list_store_files(root, &listing, {}, /*stamp=*/true).is_ok()) return false;

  // First the common case, comparing as the cache is read: the same listing,
  // every stamp the same and old enough to trust.
  std::size_t file = 0, link = 0;
  bool recheck = false;
  auto same = [&](const Entry& e) {
    if (e.tag == 'L') return link < listing.symlinks.size() && listing.symlinks[link++] == e.path;
    if (file >= listing.files.size() || listing.files[file] != e.path) return false;
    const FileStamp& now = listing.stamps[file++];
    if (e.tag == 'F' && !unchanged_by_stamp(e.stamp, c->clock_ns, now)) recheck = true;
    return true;
  };
  if (!deserialise(bytes, c, /*keep_entries=*/false, same) || c->key != key || file != listing.files.size() ||
      link != listing.symlinks.size()) {
    return false;
  }
  if (!recheck) return true;

  // Some files were touched or are recent: read them and compare contents.
  // The entries are kept this time (the cache is rewritten with the new
  // stamps); the listing was matched entry by entry above.
  *c = Cache{};
  if (!deserialise(bytes, c, /*keep_entries=*/true, [](const Entry&) { return true; })) return false;
  bytes = std::string();
  file = 0;
  const auto reader = env.new_reader(root);
  for (auto& e : c->entries) {
    if (e.tag == 'L') continue;
    FileStamp now = listing.stamps[file++];
    if (e.tag != 'F' || unchanged_by_stamp(e.stamp, c->clock_ns, now)) continue;
    // Touched, or too recent to trust its stamp: compare the content.
    if (!*restamped && !env.file_time_now(root, now_ns).is_ok()) return false;
    *restamped = true;
    std::string content;
    if (!reader->read(e.path, YamlLimits{}.max_bytes, &content, &truncated, &now).is_ok() ||
        sha256_hex(content) != e.sha256) {
      return false;
    }
    e.stamp = now;
  }
  return true;
}

// What `validate --summary` shows of the organisation, from a loaded store.
void describe_organisation(const Store& store, Findings* out) {
  if (!store.config) return;
  out->has_config = true;
  out->org_name = store.config->org_name;
  out->org_name_en = store.config->org_name_en;
  out->units = store.config->units.size();
  out->people = store.config->people.size();
}

// Every rule check_store applies to a record reads only records of the same
// year (and unit) and the configuration (store.h, LoadScope), so validate
// loads and checks one year at a time and the store's size never has to fit
// in memory at once. The configuration's own findings repeat in every pass
// and are kept once (Diagnostics::finish drops duplicates).
Status check_by_year(Env& env, const std::filesystem::path& root, const Listing& listing,
                     std::uint64_t listed_at_ns, const Date& today, bool stamp, const std::string& tool_id,
                     Findings* out, std::vector<ReadFile>* read) {
  Diagnostics diags;
  check_listing(listing, diags);
  std::set<int> years;
  for (const auto& rel : listing.files) {
    const auto where = classify_path(rel);
    if (!where) continue;
    ++out->files_checked;
    if (where->kind != RecordKind::Config) years.insert(where->year);
  }
  // Deadlines concern the running and the coming year, even with no record.
  years.insert(today.year);
  years.insert(today.year + 1);
  ValidateOptions options;
  options.today = today;
  options.signatures = &env;
  bool first = true;
  for (int year : years) {
    Store store;
    LoadOptions load;
    load.scope = LoadScope{{year}, {}};
    load.keep_stamps = stamp;
    load.cache_tool_id = tool_id;
    load.listing = &listing;
    load.listed_at_ns = listed_at_ns;
    if (Status s = load_store(env, root, load, &store, diags); !s.is_ok()) return s;
    check_store(store, options, diags);
    for (auto& r : store.read_files) {
      if (first || r.path != kConfigFileName) read->push_back(std::move(r));
    }
    if (first) describe_organisation(store, out);
    for (const auto& y : summarize(store)) out->years.push_back(y);
    first = false;
  }
  diags.finish();
  out->diagnostics = std::move(diags);
  std::sort(read->begin(), read->end(), [](const ReadFile& a, const ReadFile& b) { return a.path < b.path; });
  return Status::ok();
}

}  // namespace

Status validate_store(Env& env, const std::filesystem::path& root, const Date& today, const std::string& tool_id,
                      Findings* out, CacheUse* use) {
  CacheUse ignored;
  if (!use) use = &ignored;
  *use = CacheUse::Off;
  const bool enabled = !tool_id.empty();
  const std::string key = enabled ? cache_key(tool_id, today) : std::string();
  if (enabled) {
    Cache c;
    bool restamped = false;
    std::uint64_t now_ns = 0;
    if (answer_from_cache(env, root, key, &c, &restamped, &now_ns)) {
      if (restamped) {
        c.clock_ns = now_ns;
        write_cache_file(env, root, kValidateCache, serialise(c));
      }
      *out = std::move(c.findings);
      *use = CacheUse::Warm;
      return Status::ok();
    }
  }

  Cache c;
  const bool caching = enabled && env.file_time_now(root, &c.clock_ns).is_ok();
  // Listed once, stamped when caching (the record cache judges its entries
  // by the stamps); each year's load takes its files from this listing.
  Listing listing;
  if (Status s = env.list_store_files(root, &listing, {}, caching); !s.is_ok()) return s;
  std::vector<ReadFile> read;
  *out = Findings{};
  if (Status s = check_by_year(env, root, listing, caching ? c.clock_ns : 0, today, caching, tool_id, out, &read);
      !s.is_ok()) {
    return s;
  }
  if (!caching) return Status::ok();
  *use = CacheUse::Cold;

  // The listing as a warm run compares it, with what was read. A record
  // file that was not read (unreadable, or appeared after the listing) or
  // read but not listed leaves the run uncached.
  std::size_t next = 0;
  for (auto& path : listing.files) {
    Entry e{'P', {}, {}, {}};
    if (next < read.size() && read[next].path == path) {
      e.tag = 'F';
      e.stamp = read[next].stamp;
      e.sha256 = std::move(read[next].sha256);
      ++next;
    } else if (classify_path(path)) {
      return Status::ok();
    }
    e.path = std::move(path);  // the listing is not needed after this
    c.entries.push_back(std::move(e));
  }
  if (next != read.size()) return Status::ok();
  std::vector<ReadFile>().swap(read);
  for (const auto& path : listing.symlinks) c.entries.push_back(Entry{'L', path, {}, {}});
  c.key = key;
  c.findings = *out;
  write_cache_file(env, root, kValidateCache, serialise(c));
  return Status::ok();
}

namespace {

// Judges `change` against `store` (loaded with the years and units it
// touches), adding its findings to `out`, and places findings about an edit
// as a whole where the edit is.
void judge_change(const Store& store, const ChangeSet& change, const Date& today, Findings* out) {
  Diagnostics diags = out->diagnostics;
  check_change(store, change, today, diags);

  ChangedLines changed;
  for (const auto& f : change.files) {
    if (f.status == 'A') changed.added.insert(f.path);
    if (f.status == 'M') changed.hunks[f.path] = f.hunks;
  }
  Diagnostics placed;
  for (Diagnostic d : diags.items()) {
    const auto it = changed.hunks.find(d.file);
    if (d.code == DiagCode::SettingPendingReapproval && it != changed.hunks.end() && !changed.touches(d)) {
      for (const auto& [first, count] : it->second) {
        if (count > 0) {
          d.mark = Mark{first, 1};
          break;
        }
      }
    }
    placed.add(std::move(d));
  }
  placed.finish();
  out->diagnostics = std::move(placed);
  out->change = std::move(changed);
}

// The years and units of the records a change touches, or nullopt when the
// whole store must be checked: the configuration or the store's own files
// changed, or a YAML file outside the layout (only a whole check reports
// those). Other files (a README, CI settings) do not concern validation.
std::optional<LoadScope> change_scope(const ChangeSet& change) {
  LoadScope scope;
  for (const auto& f : change.files) {
    if (f.path == kConfigFileName || f.path.rfind(".isms-obj/", 0) == 0) return std::nullopt;
    const bool yaml = f.path.ends_with(".yaml") || f.path.ends_with(".yml");
    const auto where = classify_path(f.path);
    if (!where) {
      if (yaml && f.path.find("/.") == std::string::npos && f.path[0] != '.') return std::nullopt;
      continue;
    }
    scope.years.insert(where->year);
    scope.units.insert(where->unit);
  }
  if (scope.years.empty()) scope.config_only = true;
  return scope;
}

// judge_change on the whole years the change touches, after a whole check.
Status judge_in_touched_years(Env& env, const std::filesystem::path& root, const Date& today,
                              const std::string& tool_id, const ChangeSet& change, Findings* out) {
  LoadOptions load;
  load.scope.config_only = true;
  load.cache_tool_id = tool_id;
  for (const auto& f : change.files) {
    const auto where = classify_path(f.path);
    if (where && where->kind != RecordKind::Config) {
      load.scope.config_only = false;
      load.scope.years.insert(where->year);
    }
  }
  Store store;
  Diagnostics ignored;  // the records' own problems are validate's findings already
  if (Status s = load_store(env, root, load, &store, ignored); !s.is_ok()) return s;
  judge_change(store, change, today, out);
  return Status::ok();
}

}  // namespace

Status check_change_against(Env& env, const std::filesystem::path& root, const Date& today, const std::string& ref,
                            Findings* out) {
  ChangeSet change;
  if (Status s = env.git_changes(root, ref, &change); !s.is_ok()) return s;
  return judge_in_touched_years(env, root, today, {}, change, out);
}

Status validate_change(Env& env, const std::filesystem::path& root, const Date& today, const std::string& tool_id,
                       const std::string& ref, bool whole_store, Findings* out) {
  ChangeSet change;
  if (Status s = env.git_changes(root, ref, &change); !s.is_ok()) return s;
  std::optional<LoadScope> scope = whole_store ? std::nullopt : change_scope(change);
  if (scope) {
    Store store;
    LoadOptions load;
    load.scope = *scope;
    load.cache_tool_id = tool_id;
    Diagnostics diags;
    if (Status s = load_store(env, root, load, &store, diags); !s.is_ok()) return s;
    // A changed record path the scoped listing did not read (a symbolic
    // link, a special file) is a whole check's business.
    std::set<std::string> read;
    for (const auto& src : store.sources) read.insert(src->path);
    for (const auto& d : diags.items()) read.insert(d.file);
    for (const auto& f : change.files) {
      if (f.status != 'D' && classify_path(f.path) && !read.count(f.path)) scope.reset();
    }
    if (scope) {
      ValidateOptions options;
      options.today = today;
      options.signatures = &env;
      check_store(store, options, diags);
      diags.finish();
      *out = Findings{};
      out->diagnostics = std::move(diags);
      out->files_checked = store.files_checked;
      out->scope = std::move(*scope);
      describe_organisation(store, out);
      out->years = summarize(store);
      judge_change(store, change, today, out);
      return Status::ok();
    }
  }
  if (Status s = validate_store(env, root, today, tool_id, out); !s.is_ok()) return s;
  return judge_in_touched_years(env, root, today, tool_id, change, out);
}

bool ChangedLines::touches(const Diagnostic& d) const {
  if (added.count(d.file)) return true;
  const auto it = hunks.find(d.file);
  if (it == hunks.end() || d.mark.line <= 0) return false;
  for (const auto& [first, count] : it->second) {
    if (d.mark.line >= first && d.mark.line < first + count) return true;
  }
  return false;
}

}  // namespace isms

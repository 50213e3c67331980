#include "isms/store/summary_cache.h"

#include <algorithm>
#include <atomic>
#include <charconv>

#include <fmt/format.h>

#include "isms/format/digest.h"
#include "isms/store/record_cache.h"
#include "isms/sys/parallel.h"

namespace isms {

namespace {

// A new layout or a new meaning of the fingerprint changes the line.
constexpr std::string_view kMagic = "isms-obj summary 1\n";
constexpr std::size_t kHex = 64;
constexpr std::size_t kHeader = kMagic.size() + 2 * kHex + 1;

std::string summary_file(std::string_view name) { return fmt::format("{}/{}", kSummaryCacheDir, name); }

}  // namespace

std::string listing_fingerprint(const Listing& listing, std::uint64_t clock_ns, std::string prefix,
                                const std::function<bool(std::string_view path)>& keep) {
  if (listing.stamps.size() != listing.files.size()) return {};
  std::string text = std::move(prefix);
  text.reserve(text.size() + listing.files.size() * 96);
  for (std::size_t i = 0; i < listing.files.size(); ++i) {
    const std::string& rel = listing.files[i];
    if (keep && !keep(rel)) continue;
    const FileStamp& s = listing.stamps[i];
    if (!unchanged_by_stamp(s, clock_ns, s)) return {};
    fmt::format_to(std::back_inserter(text), "{}\t{} {} {} {} {}\n", rel, s.size, s.mtime_ns, s.ctime_ns, s.inode,
                   s.device);
  }
  // A link in scope is never loaded, but a load of the whole store reports
  // it: a fingerprint is of the files as they were, links included.
  for (const auto& link : listing.symlinks) fmt::format_to(std::back_inserter(text), "link {}\n", link);
  return sha256_hex(text);
}

namespace {

// What is hashed names every field: no two snapshots hash the same text.
std::string fingerprint_prefix(const std::string& key, const std::string& name, const LoadScope& scope) {
  std::string text = fmt::format("{}{}\n{}\nyears", kMagic, key, name);
  for (int y : scope.years) text += fmt::format(" {}", y);
  text += "\nunits";
  for (const auto& u : scope.units) text += fmt::format(" {}", u);
  text += fmt::format("\nreferrals of every year {}\nconfiguration only {}\n", scope.referrals_every_year,
                      scope.config_only);
  return text;
}

// Whether a listing of `scope` alone holds `path`: every directory above it
// is one the scope may hold (list_store_files asks `descend` of each).
// Paths come in order, so what was found of the directories above the last
// path is kept and only the directories that differ are asked about.
class Holds {
 public:
  explicit Holds(const LoadScope& scope) : scope_(scope) {}
  bool operator()(std::string_view path) {
    const std::size_t slash = path.rfind('/');
    const std::string_view dir = slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
    if (dir == dir_) return levels_.empty() || levels_.back().second;
    // The directories above `dir` that the last one shares end at the same
    // place, within the common prefix, at a '/' (or the end) of both.
    const std::size_t common = static_cast<std::size_t>(
        std::mismatch(dir.begin(), dir.end(), dir_.begin(), dir_.end()).first - dir.begin());
    while (!levels_.empty() &&
           (levels_.back().first > common || (levels_.back().first < dir.size() && dir[levels_.back().first] != '/'))) {
      levels_.pop_back();
    }
    dir_.assign(dir);
    std::size_t at = levels_.empty() ? 0 : levels_.back().first + 1;
    while ((levels_.empty() || levels_.back().second) && at <= dir.size() && !dir.empty()) {
      const std::size_t end = std::min(dir.find('/', at), dir.size());
      levels_.emplace_back(end, scope_.may_hold(dir.substr(0, end)));
      at = end + 1;
    }
    return levels_.empty() || levels_.back().second;
  }

 private:
  const LoadScope& scope_;
  std::string dir_;
  std::vector<std::pair<std::size_t, bool>> levels_;  // where each directory of dir_ ends, and whether it is held
};

}  // namespace

std::vector<ScopeSnapshot> snapshot_scopes(Env& env, const std::filesystem::path& root,
                                           const std::vector<std::pair<LoadScope, std::string>>& scopes,
                                           const std::string& tool_id) {
  std::vector<ScopeSnapshot> out(scopes.size());
  for (std::size_t i = 0; i < scopes.size(); ++i) out[i].name = scopes[i].second;
  const std::string key = record_cache_key(tool_id);
  std::uint64_t listed_at_ns = 0;
  if (scopes.empty() || key.empty() || !env.file_time_now(root, &listed_at_ns).is_ok()) return out;
  const auto may_hold = [&scopes](std::string_view dir) {
    return std::any_of(scopes.begin(), scopes.end(), [dir](const auto& s) { return s.first.may_hold(dir); });
  };
  Listing all;
  if (!env.list_store_files(root, &all, may_hold, /*stamp=*/true).is_ok() || all.stamps.size() != all.files.size()) {
    return out;
  }
  // Each file goes to every scope that would have listed it: copied to all
  // but the last, moved to that one.
  std::vector<Holds> holds;
  for (const auto& s : scopes) holds.emplace_back(s.first);
  std::vector<std::size_t> holders;
  const auto share = [&](std::string& path, const auto& add) {
    holders.clear();
    for (std::size_t i = 0; i < scopes.size(); ++i) {
      if (holds[i](path)) holders.push_back(i);
    }
    for (std::size_t k = 0; k < holders.size(); ++k) {
      add(out[holders[k]].listing, k + 1 == holders.size() ? std::move(path) : std::string(path));
    }
  };
  for (std::size_t f = 0; f < all.files.size(); ++f) {
    const FileStamp stamp = all.stamps[f];
    share(all.files[f], [&stamp](Listing& l, std::string path) {
      l.files.push_back(std::move(path));
      l.stamps.push_back(stamp);
    });
  }
  for (auto& link : all.symlinks) share(link, [](Listing& l, std::string path) { l.symlinks.push_back(std::move(path)); });
  all = Listing{};

  std::atomic<std::size_t> next{0};
  run_workers(worker_count(scopes.size(), 1), [&](std::size_t) {
    for (std::size_t i = next++; i < scopes.size(); i = next++) {
      ScopeSnapshot& snap = out[i];
      snap.listed_at_ns = listed_at_ns;
      if (snap.name.empty()) continue;  // nothing is kept of it: no fingerprint
      const LoadScope& scope = scopes[i].first;
      snap.fingerprint = listing_fingerprint(snap.listing, listed_at_ns, fingerprint_prefix(key, snap.name, scope),
                                             [&scope](std::string_view rel) {
                                               const auto where = classify_path(rel);
                                               return where && scope.covers(*where);
                                             });
    }
  });
  return out;
}

ScopeSnapshot snapshot_scope(Env& env, const std::filesystem::path& root, const LoadScope& scope,
                             const std::string& tool_id, std::string name) {
  return std::move(snapshot_scopes(env, root, {{scope, std::move(name)}}, tool_id).front());
}

LoadOptions load_options_from(const ScopeSnapshot& snapshot, LoadOptions options) {
  if (snapshot.listed_at_ns == 0) return options;
  options.listing = &snapshot.listing;
  options.listed_at_ns = snapshot.listed_at_ns;
  return options;
}

std::optional<std::string> read_summary(Env& env, const std::filesystem::path& root, const ScopeSnapshot& snapshot) {
  if (snapshot.fingerprint.size() != kHex) return std::nullopt;
  std::string bytes;
  bool truncated = false;
  if (!env.read_store_file(root, summary_file(snapshot.name), kMaxSummaryBytes, &bytes, &truncated).is_ok() ||
      truncated || bytes.size() < kHeader) {
    return std::nullopt;
  }
  const std::string_view b(bytes);
  if (b.substr(0, kMagic.size()) != kMagic || b.substr(kMagic.size(), kHex) != snapshot.fingerprint ||
      b[kHeader - 1] != '\n') {
    return std::nullopt;
  }
  std::string body = bytes.substr(kHeader);
  if (sha256_hex(body) != b.substr(kMagic.size() + kHex, kHex)) return std::nullopt;
  return body;
}

void write_summary(Env& env, const std::filesystem::path& root, const ScopeSnapshot& snapshot,
                   std::string_view body) {
  if (snapshot.fingerprint.size() != kHex || body.size() + kHeader > kMaxSummaryBytes) return;
  std::string bytes(kMagic);
  bytes += snapshot.fingerprint;
  bytes += sha256_hex(body);
  bytes += '\n';
  bytes += body;
  write_cache_file(env, root, summary_file(snapshot.name), bytes);
}

bool summarised(Env& env, const std::filesystem::path& root, const std::string& tool_id, const LoadScope& scope,
                std::string name, const std::function<bool(std::string_view body)>& take,
                const std::function<bool(const LoadOptions&, Store*)>& load,
                const std::function<std::optional<std::string>(const Store&)>& make, const ScopeSnapshot* given) {
  LoadOptions options;
  options.scope = scope;
  options.cache_tool_id = tool_id;
  ScopeSnapshot own;
  const ScopeSnapshot* snapshot = given;
  if (!snapshot && !name.empty()) {
    own = snapshot_scope(env, root, scope, tool_id, std::move(name));
    snapshot = &own;
  }
  if (snapshot && !snapshot->name.empty()) {
    if (const auto body = read_summary(env, root, *snapshot); body && take(*body)) return true;
  }
  Store store;
  if (!load(snapshot ? load_options_from(*snapshot, options) : options, &store)) return false;
  if (const auto body = make(store); body && snapshot && !snapshot->name.empty()) {
    write_summary(env, root, *snapshot, *body);
  }
  return true;
}

SummaryWriter& SummaryWriter::word(std::string_view w) {
  out_ += w;
  out_ += ' ';
  return *this;
}

SummaryWriter& SummaryWriter::text(std::string_view s) {
  fmt::format_to(std::back_inserter(out_), "{}:{} ", s.size(), s);
  return *this;
}

SummaryWriter& SummaryWriter::number(std::int64_t v) {
  fmt::format_to(std::back_inserter(out_), "{} ", v);
  return *this;
}

SummaryWriter& SummaryWriter::line() {
  out_ += '\n';
  return *this;
}

bool SummaryReader::field_end() {
  if (!ok_ || rest_.empty() || rest_.front() != ' ') return ok_ = false;
  rest_.remove_prefix(1);
  return true;
}

bool SummaryReader::accept(std::string_view w) {
  if (!ok_ || rest_.size() <= w.size() || rest_.substr(0, w.size()) != w || rest_[w.size()] != ' ') return false;
  rest_.remove_prefix(w.size() + 1);
  return true;
}

std::string SummaryReader::text() {
  std::size_t n = 0;
  const auto [end, ec] = std::from_chars(rest_.data(), rest_.data() + rest_.size(), n);
  const auto digits = static_cast<std::size_t>(end - rest_.data());
  if (!ok_ || ec != std::errc() || digits == 0 || digits >= rest_.size() || rest_[digits] != ':' ||
      n > rest_.size() - digits - 1) {
    ok_ = false;
    return {};
  }
  std::string s(rest_.substr(digits + 1, n));
  rest_.remove_prefix(digits + 1 + n);
  return field_end() ? s : std::string();
}

std::int64_t SummaryReader::number(std::int64_t lo, std::int64_t hi) {
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(rest_.data(), rest_.data() + rest_.size(), v);
  if (!ok_ || ec != std::errc() || end == rest_.data() || v < lo || v > hi) {
    ok_ = false;
    return 0;
  }
  rest_.remove_prefix(static_cast<std::size_t>(end - rest_.data()));
  return field_end() ? v : 0;
}

void SummaryReader::line() {
  if (!ok_ || rest_.empty() || rest_.front() != '\n') {
    ok_ = false;
    return;
  }
  rest_.remove_prefix(1);
}

}  // namespace isms

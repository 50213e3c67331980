#include "isms/store/summary_cache.h"

#include <charconv>

#include <fmt/format.h>

#include "isms/format/digest.h"
#include "isms/store/record_cache.h"

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

ScopeSnapshot snapshot_scope(Env& env, const std::filesystem::path& root, const LoadScope& scope,
                             const std::string& tool_id, std::string name) {
  ScopeSnapshot out;
  out.name = std::move(name);
  const std::string key = record_cache_key(tool_id);
  if (key.empty() || !env.file_time_now(root, &out.listed_at_ns).is_ok()) return out;
  const auto may_hold = [&scope](std::string_view dir) { return scope.may_hold(dir); };
  if (!env.list_store_files(root, &out.listing, may_hold, /*stamp=*/true).is_ok() ||
      out.listing.stamps.size() != out.listing.files.size()) {
    return ScopeSnapshot{out.name, {}, 0, {}};
  }
  // What is hashed names every field: no two snapshots hash the same text.
  std::string text = fmt::format("{}{}\n{}\nyears", kMagic, key, out.name);
  for (int y : scope.years) text += fmt::format(" {}", y);
  text += "\nunits";
  for (const auto& u : scope.units) text += fmt::format(" {}", u);
  text += fmt::format("\nreferrals of every year {}\nconfiguration only {}\n", scope.referrals_every_year,
                      scope.config_only);
  out.fingerprint = listing_fingerprint(out.listing, out.listed_at_ns, std::move(text), [&scope](std::string_view rel) {
    const auto where = classify_path(rel);
    return where && scope.covers(*where);
  });
  return out;
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
                const std::function<std::optional<std::string>(const Store&)>& make) {
  LoadOptions options;
  options.scope = scope;
  options.cache_tool_id = tool_id;
  ScopeSnapshot snapshot;
  if (!name.empty()) {
    snapshot = snapshot_scope(env, root, scope, tool_id, std::move(name));
    if (const auto body = read_summary(env, root, snapshot); body && take(*body)) return true;
  }
  Store store;
  if (!load(load_options_from(snapshot, options), &store)) return false;
  if (const auto body = make(store); body && !snapshot.name.empty()) write_summary(env, root, snapshot, *body);
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

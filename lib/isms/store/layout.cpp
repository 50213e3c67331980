#include "isms/store/layout.h"

#include <vector>

#include <fmt/format.h>

#include "isms/base/i18n.h"
#include "isms/base/text.h"

namespace isms {

namespace fs = std::filesystem;

std::string_view record_kind_name(RecordKind kind) {
  switch (kind) {
    case RecordKind::Config: return "config";
    case RecordKind::Setting: return "setting";
    case RecordKind::Approval: return "approval";
    case RecordKind::Result: return "result";
    case RecordKind::Review: return "review";
    case RecordKind::Referral: return "referral";
    case RecordKind::Confirmation: return "confirmation";
  }
  return "record";
}

Status discover_store(Env& env, const std::optional<fs::path>& flag, const std::optional<std::string>& variable,
                      const fs::path& cwd, fs::path* root) {
  auto check = [&](const fs::path& dir, std::string_view how) {
    if (!env.is_regular_file(dir / kConfigFileName)) {
      return Status::not_found(
          trf("{} ({}) is not a store: it has no {}", dir.string(), how, kConfigFileName));
    }
    *root = dir;
    return Status::ok();
  };
  if (flag) return check(*flag, "--store");
  if (variable && !variable->empty()) return check(fs::path(*variable), "ISMS_OBJ_STORE");
  for (fs::path dir = cwd;; dir = dir.parent_path()) {
    if (env.is_regular_file(dir / kConfigFileName)) {
      *root = dir;
      return Status::ok();
    }
    if (dir == dir.parent_path() || dir.empty()) break;
  }
  return Status::not_found(trf(
      "no store found: no {} in {} or any parent directory; use --store DIR or set ISMS_OBJ_STORE",
      kConfigFileName, cwd.string()));
}

namespace {

bool valid_id(std::string_view s, std::size_t max_len) {
  if (s.empty() || s.size() > max_len || s[0] < 'a' || s[0] > 'z') return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

std::optional<int> small_number(std::string_view s, int lo, int hi) {
  if (s.empty() || s.size() > 4 || (s.size() > 1 && s[0] == '0')) return std::nullopt;
  return parse_int(s, lo, hi);
}

std::optional<int> year_of(std::string_view s) {
  if (s.size() != 4) return std::nullopt;
  return small_number(s, 2000, 2200);
}

std::optional<int> quarter_of(std::string_view s) {
  if (s.size() != 2 || s[0] != 'q') return std::nullopt;
  return small_number(s.substr(1), 1, 4);
}

std::vector<std::string_view> split(std::string_view s) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const auto slash = s.find('/', start);
    parts.push_back(s.substr(start, slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return parts;
}

// "<stem>.yaml" or "<stem>.<n>.yaml" with n ≥ 2.
bool split_sequenced(std::string_view name, std::string_view* stem, int* sequence) {
  constexpr std::string_view ext = ".yaml";
  if (name.size() <= ext.size() || name.substr(name.size() - ext.size()) != ext) return false;
  name.remove_suffix(ext.size());
  *sequence = 1;
  if (const auto dot = name.rfind('.'); dot != std::string_view::npos) {
    auto n = small_number(name.substr(dot + 1), 2, 999);
    if (!n) return false;
    *sequence = *n;
    name = name.substr(0, dot);
  }
  *stem = name;
  return true;
}

}  // namespace

std::optional<RecordPath> classify_path(std::string_view rel) {
  if (rel == kConfigFileName) return RecordPath{};
  const auto p = split(rel);
  RecordPath r;
  std::string_view stem;
  if (p.size() == 4 && p[0] == "units" && p[3] == "setting.yaml") {
    auto y = year_of(p[2]);
    if (!valid_id(p[1], 32) || !y) return std::nullopt;
    r.kind = RecordKind::Setting;
    r.unit = p[1];
    r.year = *y;
    return r;
  }
  if (p.size() == 6 && p[0] == "units" && p[3] == "results") {
    auto y = year_of(p[2]);
    auto q = quarter_of(p[4]);
    if (!valid_id(p[1], 32) || !y || !q || !split_sequenced(p[5], &stem, &r.sequence) || !valid_id(stem, 48)) {
      return std::nullopt;
    }
    r.kind = RecordKind::Result;
    r.unit = p[1];
    r.year = *y;
    r.quarter = *q;
    r.objective = stem;
    return r;
  }
  if (p.size() == 4 && p[0] == "approvals") {
    auto y = year_of(p[1]);
    if (!y || !valid_id(p[2], 32) || !split_sequenced(p[3], &stem, &r.sequence) || stem.size() < 2 ||
        stem[0] != 'r') {
      return std::nullopt;
    }
    auto rev = small_number(stem.substr(1), 1, 999);
    if (!rev) return std::nullopt;
    r.kind = RecordKind::Approval;
    r.year = *y;
    r.unit = p[2];
    r.revision = *rev;
    return r;
  }
  if (p.size() == 4 && (p[0] == "reviews" || p[0] == "confirmations")) {
    auto y = year_of(p[1]);
    auto q = quarter_of(p[2]);
    if (!y || !q || !split_sequenced(p[3], &stem, &r.sequence) || !valid_id(stem, 32)) return std::nullopt;
    r.kind = p[0] == "reviews" ? RecordKind::Review : RecordKind::Confirmation;
    r.year = *y;
    r.quarter = *q;
    r.unit = stem;
    return r;
  }
  if (p.size() == 4 && p[0] == "referrals") {
    auto y = year_of(p[1]);
    if (!y || !valid_id(p[2], 32) || !split_sequenced(p[3], &stem, &r.sequence) || !valid_id(stem, 48)) {
      return std::nullopt;
    }
    r.kind = RecordKind::Referral;
    r.year = *y;
    r.unit = p[2];
    r.objective = stem;
    return r;
  }
  return std::nullopt;
}

std::string record_path(const RecordPath& p) {
  const std::string seq = p.sequence > 1 ? fmt::format(".{}", p.sequence) : "";
  switch (p.kind) {
    case RecordKind::Config: return std::string(kConfigFileName);
    case RecordKind::Setting: return fmt::format("units/{}/{}/setting.yaml", p.unit, p.year);
    case RecordKind::Result:
      return fmt::format("units/{}/{}/results/q{}/{}{}.yaml", p.unit, p.year, p.quarter, p.objective, seq);
    case RecordKind::Approval: return fmt::format("approvals/{}/{}/r{}{}.yaml", p.year, p.unit, p.revision, seq);
    case RecordKind::Review: return fmt::format("reviews/{}/q{}/{}{}.yaml", p.year, p.quarter, p.unit, seq);
    case RecordKind::Confirmation:
      return fmt::format("confirmations/{}/q{}/{}{}.yaml", p.year, p.quarter, p.unit, seq);
    case RecordKind::Referral: return fmt::format("referrals/{}/{}/{}{}.yaml", p.year, p.unit, p.objective, seq);
  }
  return {};
}

std::optional<int> year_directory(std::string_view name) { return year_of(name); }
bool is_unit_id(std::string_view s) { return valid_id(s, 32); }

bool LoadScope::covers(const RecordPath& p) const {
  if (p.kind == RecordKind::Config) return true;
  if (config_only) return false;
  if (p.kind == RecordKind::Referral && referrals_every_year) return covers_unit(p.unit);
  return covers(p.year, p.unit);
}

bool LoadScope::may_hold(std::string_view dir) const {
  if (config_only) return false;
  const auto p = split(dir);
  auto year_ok = [&](std::string_view y) {
    const auto n = year_of(y);
    return n && covers_year(*n);
  };
  if (p[0] == "units") {
    if (p.size() == 2) return covers_unit(p[1]);
    if (p.size() == 3) return year_ok(p[2]);
    return true;
  }
  if (p[0] == "approvals" || p[0] == "referrals") {
    if (p.size() == 2) return (p[0] == "referrals" && referrals_every_year) || year_ok(p[1]);
    if (p.size() == 3) return covers_unit(p[2]);
    return true;
  }
  if (p[0] == "reviews" || p[0] == "confirmations") return p.size() != 2 || year_ok(p[1]);
  return false;
}

}  // namespace isms

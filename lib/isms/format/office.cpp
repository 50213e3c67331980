#include "isms/format/office.h"

#include <array>
#include <cctype>
#include <string_view>
#include <vector>

#include "isms/base/text.h"

namespace isms {

namespace {

std::string_view strip(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool remove_prefix(std::string_view& s, std::string_view prefix) {
  if (s.substr(0, prefix.size()) != prefix) return false;
  s.remove_prefix(prefix.size());
  return true;
}

bool remove_suffix(std::string_view& s, std::string_view suffix) {
  if (s.size() < suffix.size() || s.substr(s.size() - suffix.size()) != suffix) return false;
  s.remove_suffix(suffix.size());
  return true;
}

// Year, month, day split at separators; the year as written (ROC when short).
std::optional<Date> ymd(std::string_view y, std::string_view m, std::string_view d) {
  if (!digits(y) || !digits(m) || !digits(d) || y.size() > 4 || m.size() > 2 || d.size() > 2) return std::nullopt;
  int year = *parse_int(y, 0, 9999);
  if (y.size() <= 3) year += 1911;
  const int month = *parse_int(m, 0, 99), day = *parse_int(d, 0, 99);
  if (year < 2000 || year > 2200 || !Date::valid(year, month, day)) return std::nullopt;
  return Date{year, month, day};
}

}  // namespace

std::optional<OfficeNumber> office_number(std::string_view cell) {
  const std::string normal = compatibility_form(cell);
  std::string_view s = strip(normal);
  OfficeNumber out;
  if (remove_suffix(s, "%")) {
    out.percent = true;
    s = strip(s);
  }
  std::string text;
  if (remove_prefix(s, "-") || remove_prefix(s, "\xE2\x88\x92")) text = "-";  // U+2212 minus sign
  else remove_prefix(s, "+");
  const auto dot = s.find('.');
  std::string_view whole = s.substr(0, dot), fraction = dot == std::string_view::npos ? "" : s.substr(dot + 1);
  if (dot != std::string_view::npos && !digits(fraction)) return std::nullopt;
  if (whole.find(',') != std::string_view::npos) {
    // Thousands separators: a group of 1-3 digits, then groups of exactly three.
    std::vector<std::string_view> groups;
    for (std::size_t from = 0;;) {
      const auto comma = whole.find(',', from);
      groups.push_back(whole.substr(from, comma == std::string_view::npos ? std::string_view::npos : comma - from));
      if (comma == std::string_view::npos) break;
      from = comma + 1;
    }
    if (groups.front().empty() || groups.front().size() > 3) return std::nullopt;
    for (std::size_t i = 0; i < groups.size(); ++i) {
      if (!digits(groups[i]) || (i > 0 && groups[i].size() != 3)) return std::nullopt;
      text += groups[i];
    }
  } else {
    if (!digits(whole)) return std::nullopt;
    text += whole;
  }
  if (!fraction.empty()) text += "." + std::string(fraction);
  out.text = text;
  return out;
}

std::optional<Date> office_date(std::string_view cell) {
  const std::string normal = compatibility_form(cell);
  std::string_view s = strip(normal);
  // Excel's zh-TW display of a date-time: the date, then a time.
  if (const auto space = s.find(' '); space != std::string_view::npos) s = s.substr(0, space);
  if (remove_prefix(s, "民國")) {
    if (s.empty() || s.size() > 3 + 6 + 3 * 3) return std::nullopt;
  }
  // 年 月 日 forms.
  if (const auto nian = s.find("年"); nian != std::string_view::npos) {
    const auto yue = s.find("月", nian);
    if (yue == std::string_view::npos || !remove_suffix(s, "日")) return std::nullopt;
    return ymd(s.substr(0, nian), s.substr(nian + 3, yue - nian - 3), s.substr(yue + 3));
  }
  for (const char sep : {'-', '/', '.'}) {
    const auto a = s.find(sep);
    if (a == std::string_view::npos) continue;
    const auto b = s.find(sep, a + 1);
    if (b == std::string_view::npos || s.find(sep, b + 1) != std::string_view::npos) return std::nullopt;
    return ymd(s.substr(0, a), s.substr(a + 1, b - a - 1), s.substr(b + 1));
  }
  return std::nullopt;
}

std::optional<int> office_year(std::string_view cell) {
  const std::string normal = compatibility_form(cell);
  std::string_view s = strip(normal);
  const bool roc = remove_prefix(s, "民國");
  if (!remove_suffix(s, "年度")) remove_suffix(s, "年");
  s = strip(s);
  if (!digits(s) || s.size() > 4) return std::nullopt;
  int year = *parse_int(s, 0, 9999);
  if (roc || s.size() <= 3) year += 1911;
  if (year < 2000 || year > 2200) return std::nullopt;
  return year;
}

std::optional<int> office_quarter(std::string_view cell) {
  const std::string normal = compatibility_form(cell);
  std::string_view s = strip(normal);
  if (remove_prefix(s, "第")) {
    if (!remove_suffix(s, "季")) return std::nullopt;
    static constexpr std::array<std::string_view, 4> kNumerals = {"一", "二", "三", "四"};
    for (std::size_t i = 0; i < kNumerals.size(); ++i) {
      if (s == kNumerals[i]) return static_cast<int>(i) + 1;
    }
  } else if (!remove_prefix(s, "Q") && !remove_prefix(s, "q")) {
    if (!remove_suffix(s, "Q")) remove_suffix(s, "q");
  }
  return parse_int(strip(s), 1, 4);
}

std::optional<std::string> office_comparison(std::string_view cell) {
  const std::string normal = compatibility_form(cell);
  const std::string_view s = strip(normal);
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kForms = {{
      {">=", ">="}, {"≥", ">="}, {"≧", ">="}, {"以上", ">="}, {"大於等於", ">="},
      {"<=", "<="}, {"≤", "<="}, {"≦", "<="}, {"以下", "<="}, {"小於等於", "<="},
      {"range", "range"}, {"範圍", "range"}, {"區間", "range"}, {"between", "range"},
  }};
  for (const auto& [form, name] : kForms) {
    if (s == form) return std::string(name);
  }
  return std::nullopt;
}

}  // namespace isms

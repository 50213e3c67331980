#include "isms/base/date.h"

#include <fmt/format.h>

namespace isms {

namespace {
bool digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}
int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}
}  // namespace

bool Date::is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int Date::days_in_month(int y, int m) {
  static constexpr int table[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return m == 2 && is_leap(y) ? 29 : table[m - 1];
}

bool Date::valid(int y, int m, int d) {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

std::optional<Date> Date::parse(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  const auto y = s.substr(0, 4), m = s.substr(5, 2), d = s.substr(8, 2);
  if (!digits(y) || !digits(m) || !digits(d)) return std::nullopt;
  Date out{to_int(y), to_int(m), to_int(d)};
  if (!valid(out.year, out.month, out.day)) return std::nullopt;
  return out;
}

// Howard Hinnant's days_from_civil / civil_from_days.
long Date::days() const {
  const long y = year - (month <= 2 ? 1 : 0);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long mp = (month + 9) % 12;
  const long doy = (153 * mp + 2) / 5 + day - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date Date::from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1;
  const long m = mp < 10 ? mp + 3 : mp - 9;
  const long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return Date{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

std::string Date::iso() const { return fmt::format("{:04}-{:02}-{:02}", year, month, day); }

int roc_year(int gregorian_year) { return gregorian_year - 1911; }

std::string format_roc_long(const Date& d) {
  const int ry = roc_year(d.year);
  if (ry >= 1) return fmt::format("民國{}年{}月{}日", ry, d.month, d.day);
  return fmt::format("民國前{}年{}月{}日", 1 - ry, d.month, d.day);
}

std::string format_roc_short(const Date& d) {
  return fmt::format("{}.{:02}.{:02}", roc_year(d.year), d.month, d.day);
}

Date quarter_start(int year, int quarter) { return Date{year, (quarter - 1) * 3 + 1, 1}; }

Date quarter_end(int year, int quarter) {
  const int m = quarter * 3;
  return Date{year, m, Date::days_in_month(year, m)};
}

}  // namespace isms

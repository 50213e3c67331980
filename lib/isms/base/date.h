// Civil dates (proleptic Gregorian) as written in records: YYYY-MM-DD.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace isms {

struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;

  auto operator<=>(const Date&) const = default;

  // Strict "YYYY-MM-DD" with a real calendar day (2027-02-29 is rejected).
  static std::optional<Date> parse(std::string_view s);
  static bool is_leap(int year);
  static int days_in_month(int year, int month);
  static bool valid(int year, int month, int day);

  // Days since 1970-01-01 and back; exact for any year in 1..9999.
  long days() const;
  static Date from_days(long days);
  Date add_days(long n) const { return from_days(days() + n); }

  std::string iso() const;  // "2026-12-15"
};

// ROC (Minguo) calendar: year 1 is 1912. These only format; records are
// always stored in ISO form.
int roc_year(int gregorian_year);
std::string format_roc_long(const Date& d);   // "民國115年12月15日"
std::string format_roc_short(const Date& d);  // "115.12.15"

// First and last day of quarter q (1..4) of `year`.
Date quarter_start(int year, int quarter);
Date quarter_end(int year, int quarter);

}  // namespace isms

// What office spreadsheets write, read as the records spell it. Units fill
// in ISMS-P-005 forms in Excel on zh-TW Windows: numbers come with
// thousands separators, percent signs and full-width digits, dates in the
// ROC calendar or as Excel shows them (2027/1/5), comparisons as ≥ ≤. Each
// reader takes one cell and answers in the records' own spelling, or
// nullopt when the cell is none of the forms it knows (the caller then
// reports the cell as it was written).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "isms/base/date.h"

namespace isms {

// A number: "1,030" (groups of three), "99.9%", "９９．９％", " 5 ", "-3".
// `text` is a decimal literal (Decimal::parse reads it); `percent` says a
// percent sign was written, which only a percent objective accepts.
struct OfficeNumber {
  std::string text;
  bool percent = false;
};
std::optional<OfficeNumber> office_number(std::string_view cell);

// A date: 2027-01-05, 2027/1/5, 2027.1.5, 2027年1月5日, and in the ROC
// calendar 116/01/05, 116.1.5, 116-1-5, 116年1月5日, 民國116年1月5日 (a year
// of three digits or fewer is an ROC year: 1911 + it). Full-width digits
// and a trailing time ("2027/1/5 上午 12:00:00", "2027-01-05 00:00:00") are
// accepted. nullopt for anything else, or a day that does not exist.
std::optional<Date> office_date(std::string_view cell);

// A year: 2027, 2027年, 2027年度, ROC 116, 116年度, 民國116年.
std::optional<int> office_year(std::string_view cell);

// A quarter: 1, Q1, q1, 第1季, 第一季, 1Q.
std::optional<int> office_quarter(std::string_view cell);

// A comparison as records spell it (">=", "<=", "range") from >=, ≥, ＞＝,
// 以上, 大於等於, <=, ≤, 以下, 小於等於, range, 範圍, 區間.
std::optional<std::string> office_comparison(std::string_view cell);

}  // namespace isms

// Exact decimal numbers for targets and results.
//
// Values are held as a 64-bit count of millionths, so every number a record
// may hold (at most 6 fraction digits, magnitude at most 10^12) is exact and
// comparisons never meet binary floating-point error: 95.0 and 190/200*100
// are the same value. Parsing rejects anything outside that domain rather
// than rounding it.
//
// Arithmetic is checked, never wrapping. The record range leaves room for
// what the procedure computes from it (a year's sum of four quarters, a mean,
// a share of the year): `+` and `-` of such values cannot overflow, and if a
// caller ever breaks that contract they throw std::overflow_error instead of
// returning a wrong number. Quotients and products, whose size the records
// do not bound (a tiny denominator), return nullopt when the result does not
// fit; the caller says what that means (docs/measurement.md, "Range").
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace isms {

class Decimal {
 public:
  static constexpr int kMaxScale = 6;
  static constexpr std::int64_t kOne = 1000000;          // 10^kMaxScale
  static constexpr std::int64_t kMaxAbsUnits = 1000000000000 * kOne;  // 10^12

  constexpr Decimal() = default;
  // Whole numbers up to the record range's magnitude (counts, quarters).
  static Decimal from_int(std::int64_t v);
  static constexpr Decimal from_units(std::int64_t units) { return Decimal(units); }

  // Accepts `-?(0|[1-9][0-9]*)(\.[0-9]{1,6})?` with magnitude ≤ 10^12;
  // anything else, however long, is nullopt.
  static std::optional<Decimal> parse(std::string_view s);
  // Whether the value lies in the record range, |v| ≤ 10^12.
  bool in_record_range() const { return units_ >= -kMaxAbsUnits && units_ <= kMaxAbsUnits; }

  std::int64_t units() const { return units_; }
  bool is_integer() const { return units_ % kOne == 0; }
  bool negative() const { return units_ < 0; }
  // Number of fraction digits needed to write the value exactly (0..6).
  int scale() const;

  // Half-up rounding (ties away from zero) to `digits` fraction digits.
  Decimal round(int digits) const;
  // Plain decimal text with exactly `digits` fraction digits, after rounding.
  std::string to_string(int digits) const;
  // Shortest exact text ("95", "97.25").
  std::string to_string() const;

  // a/b*scale rounded half-up to `digits` fraction digits, computed exactly in
  // 128-bit integers; nullopt when b is 0 or the quotient does not fit.
  static std::optional<Decimal> ratio(Decimal a, Decimal b, std::int64_t scale, int digits);
  // a×b rounded half-up to `digits` fraction digits, exactly; nullopt when
  // the product does not fit.
  static std::optional<Decimal> product(Decimal a, Decimal b, int digits);

  double to_double() const { return static_cast<double>(units_) / static_cast<double>(kOne); }

  auto operator<=>(const Decimal&) const = default;
  // Throw std::overflow_error rather than wrap (see the contract above).
  Decimal operator+(Decimal o) const;
  Decimal operator-(Decimal o) const;

 private:
  constexpr explicit Decimal(std::int64_t units) : units_(units) {}
  std::int64_t units_ = 0;
};

}  // namespace isms

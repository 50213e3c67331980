// Exact decimal numbers for targets and results.
//
// Values are held as a 64-bit count of millionths, so every number a record
// may hold (at most 6 fraction digits, magnitude at most 10^12) is exact and
// comparisons never meet binary floating-point error: 95.0 and 190/200*100
// are the same value. Parsing rejects anything outside that domain rather
// than rounding it.
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
  static Decimal from_int(std::int64_t v) { return Decimal(v * kOne); }
  static constexpr Decimal from_units(std::int64_t units) { return Decimal(units); }

  // Accepts `-?(0|[1-9][0-9]*)(\.[0-9]{1,6})?` with magnitude ≤ 10^12.
  static std::optional<Decimal> parse(std::string_view s);

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
  // 128-bit integers. Requires b != 0.
  static Decimal ratio(Decimal a, Decimal b, std::int64_t scale, int digits);
  // a×b rounded half-up to `digits` fraction digits, exactly.
  static Decimal product(Decimal a, Decimal b, int digits);

  double to_double() const { return static_cast<double>(units_) / static_cast<double>(kOne); }

  auto operator<=>(const Decimal&) const = default;
  Decimal operator+(Decimal o) const { return Decimal(units_ + o.units_); }
  Decimal operator-(Decimal o) const { return Decimal(units_ - o.units_); }

 private:
  constexpr explicit Decimal(std::int64_t units) : units_(units) {}
  std::int64_t units_ = 0;
};

}  // namespace isms

#include "isms/base/decimal.h"

#include <limits>
#include <stdexcept>

#include <fmt/format.h>

namespace isms {

namespace {
// GCC and Clang provide 128-bit integers; __extension__ marks the use as deliberate.
__extension__ typedef __int128 i128;

std::int64_t pow10(int n) {
  std::int64_t p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

// The value as a Decimal's units, or nullopt when it does not fit in them.
std::optional<std::int64_t> narrow(i128 v) {
  if (v > std::numeric_limits<std::int64_t>::max() || v < -std::numeric_limits<std::int64_t>::max()) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(v);
}

// Divides n by d rounding half away from zero; d > 0.
i128 div_round_half_up(i128 n, i128 d) {
  const bool neg = n < 0;
  if (neg) n = -n;
  i128 q = n / d;
  if ((n % d) * 2 >= d) ++q;
  return neg ? -q : q;
}
}  // namespace

std::optional<Decimal> Decimal::parse(std::string_view s) {
  std::size_t i = 0;
  bool neg = false;
  if (i < s.size() && s[i] == '-') {
    neg = true;
    ++i;
  }
  const std::size_t int_start = i;
  std::int64_t int_part = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    int_part = int_part * 10 + (s[i] - '0');
    // Stop before the next digit could overflow: past 10^12 is out anyway.
    if (int_part > kMaxAbsUnits / kOne) return std::nullopt;
    ++i;
  }
  const std::size_t int_len = i - int_start;
  if (int_len == 0 || (int_len > 1 && s[int_start] == '0')) return std::nullopt;
  std::int64_t frac = 0;
  int frac_len = 0;
  if (i < s.size()) {
    if (s[i] != '.') return std::nullopt;
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (frac_len == kMaxScale) return std::nullopt;
      frac = frac * 10 + (s[i] - '0');
      ++frac_len;
      ++i;
    }
    if (frac_len == 0 || i != s.size()) return std::nullopt;
  }
  const std::int64_t units = int_part * kOne + frac * pow10(kMaxScale - frac_len);
  if (units > kMaxAbsUnits) return std::nullopt;
  return Decimal(neg ? -units : units);
}

int Decimal::scale() const {
  std::int64_t f = (units_ < 0 ? -units_ : units_) % kOne;
  if (f == 0) return 0;
  int s = kMaxScale;
  while (f % 10 == 0) {
    f /= 10;
    --s;
  }
  return s;
}

Decimal Decimal::from_int(std::int64_t v) {
  if (v > kMaxAbsUnits / kOne || v < -kMaxAbsUnits / kOne) throw std::overflow_error("Decimal::from_int out of range");
  return Decimal(v * kOne);
}

Decimal Decimal::operator+(Decimal o) const {
  std::int64_t r = 0;
  if (__builtin_add_overflow(units_, o.units_, &r) || !narrow(r)) throw std::overflow_error("Decimal + overflows");
  return Decimal(r);
}

Decimal Decimal::operator-(Decimal o) const {
  std::int64_t r = 0;
  if (__builtin_sub_overflow(units_, o.units_, &r) || !narrow(r)) throw std::overflow_error("Decimal - overflows");
  return Decimal(r);
}

Decimal Decimal::round(int digits) const {
  if (digits >= kMaxScale) return *this;
  const std::int64_t step = pow10(kMaxScale - digits);
  const auto r = narrow(div_round_half_up(units_, step) * step);
  if (!r) throw std::overflow_error("Decimal::round overflows");
  return Decimal(*r);
}

std::string Decimal::to_string(int digits) const {
  if (digits > kMaxScale) digits = kMaxScale;
  if (digits < 0) digits = 0;
  const Decimal r = round(digits);
  const std::int64_t a = r.units_ < 0 ? -r.units_ : r.units_;
  std::string out = (r.units_ < 0) ? "-" : "";
  out += fmt::format("{}", a / kOne);
  if (digits > 0) {
    const std::int64_t frac = (a % kOne) / pow10(kMaxScale - digits);
    out += fmt::format(".{:0{}}", frac, digits);
  }
  return out;
}

std::string Decimal::to_string() const { return to_string(scale()); }

std::optional<Decimal> Decimal::ratio(Decimal a, Decimal b, std::int64_t scale_factor, int digits) {
  if (b.units_ == 0) return std::nullopt;
  // value = a/b*scale; in units: a.units*scale*kOne/b.units, rounded at
  // `digits` fraction digits first, then expressed in units. |a.units| <
  // 2^63 and scale·kOne ≤ 10^12 keep the numerator below 2^103.
  const std::int64_t step = pow10(kMaxScale - (digits > kMaxScale ? kMaxScale : digits));
  i128 num = 0;
  if (__builtin_mul_overflow(static_cast<i128>(a.units_), static_cast<i128>(scale_factor) * kOne, &num)) {
    return std::nullopt;
  }
  const i128 den = static_cast<i128>(b.units_) * step;
  const bool neg = (num < 0) != (den < 0);
  const i128 q = div_round_half_up(num < 0 ? -num : num, den < 0 ? -den : den);
  i128 units = 0;
  if (__builtin_mul_overflow(neg ? -q : q, static_cast<i128>(step), &units)) return std::nullopt;
  const auto r = narrow(units);
  if (!r) return std::nullopt;
  return Decimal(*r);
}

std::optional<Decimal> Decimal::product(Decimal a, Decimal b, int digits) {
  const std::int64_t step = pow10(kMaxScale - (digits > kMaxScale ? kMaxScale : digits));
  // Two int64 factors always fit in 128 bits.
  const i128 units = static_cast<i128>(a.units_) * b.units_;
  const i128 q = div_round_half_up(units, static_cast<i128>(kOne) * step);
  i128 scaled = 0;
  if (__builtin_mul_overflow(q, static_cast<i128>(step), &scaled)) return std::nullopt;
  const auto r = narrow(scaled);
  if (!r) return std::nullopt;
  return Decimal(*r);
}

}  // namespace isms

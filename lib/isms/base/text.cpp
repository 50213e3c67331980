#include "isms/base/text.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <vector>

#include <utf8proc.h>

#include <fmt/format.h>

#include "isms/base/i18n.h"

namespace isms {

namespace {
// Decodes one code point at bytes[i]; returns its length or a negative value
// when the sequence is not valid UTF-8 (overlong, surrogate, out of range,
// truncated) — utf8proc implements exactly the RFC 3629 rules.
utf8proc_ssize_t decode(std::string_view bytes, std::size_t i, utf8proc_int32_t* cp) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(bytes.data() + i);
  return utf8proc_iterate(p, static_cast<utf8proc_ssize_t>(bytes.size() - i), cp);
}
}  // namespace

std::string escape_invisible(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    utf8proc_int32_t cp = b;
    utf8proc_ssize_t len = 1;
    if (b >= 0x80) {
      len = decode(s, i, &cp);
      if (len <= 0) {
        out += fmt::format("\\x{:02x}", b);
        ++i;
        continue;
      }
    }
    if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp < 0x20 || cp == 0x7f) {
      out += fmt::format("\\x{:02x}", cp);
    } else if ((cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 || (cp >= 0x202a && cp <= 0x202e) ||
               (cp >= 0x2066 && cp <= 0x2069)) {
      out += fmt::format("\\u{:04x}", cp);
    } else {
      out.append(s.substr(i, static_cast<std::size_t>(len)));
    }
    i += static_cast<std::size_t>(len);
  }
  return out;
}

namespace {
bool is_bidi_control(utf8proc_int32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F ||
         cp == 0x061C;
}
}  // namespace

std::string describe_character(char32_t code_point) {
  const auto cp = static_cast<utf8proc_int32_t>(code_point);
  const std::string u = fmt::format("U+{:04X}", static_cast<std::uint32_t>(code_point));
  if (is_bidi_control(cp)) {
    return trf("{} (a bidirectional control: text would show in another order than it is stored)", u);
  }
  if (cp == 0x2028 || cp == 0x2029) return trf("{} (a line or paragraph separator)", u);
  return trf("{} (a control character)", u);
}

std::optional<TextProblem> check_record_text(std::string_view bytes) {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    return TextProblem{TextProblem::Kind::ByteOrderMark, 0};
  }
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
        return TextProblem{TextProblem::Kind::ControlCharacter, i, c};
      }
      ++i;
      continue;
    }
    utf8proc_int32_t cp = 0;
    const auto n = decode(bytes, i, &cp);
    if (n <= 0) return TextProblem{TextProblem::Kind::InvalidUtf8, i};
    // C1 controls and U+FEFF inside the text are as unwelcome as C0 ones,
    // and so are the characters that make text read otherwise than stored.
    if ((cp >= 0x80 && cp <= 0x9F) || cp == 0xFEFF || is_bidi_control(cp) || cp == 0x2028 || cp == 0x2029) {
      return TextProblem{TextProblem::Kind::ControlCharacter, i, static_cast<char32_t>(cp)};
    }
    i += static_cast<std::size_t>(n);
  }
  return std::nullopt;
}

std::vector<Character> characters(std::string_view bytes) {
  std::vector<Character> out;
  for (std::size_t i = 0; i < bytes.size();) {
    utf8proc_int32_t cp = 0;
    const auto n = decode(bytes, i, &cp);
    if (n <= 0) {
      ++i;
      continue;
    }
    out.push_back(Character{static_cast<char32_t>(cp), i, static_cast<std::size_t>(n)});
    i += static_cast<std::size_t>(n);
  }
  return out;
}

int code_points(std::string_view bytes) {
  int n = 0;
  for (char ch : bytes) {
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
  }
  return n;
}

LineColumn line_column_at(std::string_view bytes, std::size_t offset) {
  if (offset > bytes.size()) offset = bytes.size();
  LineColumn lc;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (bytes[i] == '\n') {
      ++lc.line;
      line_start = i + 1;
    }
  }
  lc.column = code_points(bytes.substr(line_start, offset - line_start)) + 1;
  return lc;
}

int display_width(std::string_view utf8) {
  int width = 0;
  std::size_t i = 0;
  while (i < utf8.size()) {
    utf8proc_int32_t cp = 0;
    const auto n = decode(utf8, i, &cp);
    if (n <= 0) {
      ++width;
      ++i;
      continue;
    }
    width += utf8proc_charwidth(cp);
    i += static_cast<std::size_t>(n);
  }
  return width;
}

std::string pad_right(std::string_view utf8, int width) {
  std::string out(utf8);
  for (int w = display_width(utf8); w < width; ++w) out += ' ';
  return out;
}

std::string pad_left(std::string_view utf8, int width) {
  std::string out;
  for (int w = display_width(utf8); w < width; ++w) out += ' ';
  out += utf8;
  return out;
}

std::optional<int> parse_int(std::string_view s, int lo, int hi) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < lo || v > hi) return std::nullopt;
  return v;
}

std::string compatibility_form(std::string_view utf8) {
  utf8proc_uint8_t* out = nullptr;
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(utf8.data()),
                              static_cast<utf8proc_ssize_t>(utf8.size()), &out,
                              static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT));
  if (n < 0) return std::string(utf8);
  std::string result(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
  std::free(out);
  return result;
}

int edit_distance(std::string_view a, std::string_view b) {
  const auto points = [](std::string_view s) {
    std::vector<utf8proc_int32_t> cps;
    for (std::size_t i = 0; i < s.size();) {
      utf8proc_int32_t cp = 0;
      const auto n = decode(s, i, &cp);
      cps.push_back(n > 0 ? cp : static_cast<unsigned char>(s[i]));
      i += n > 0 ? static_cast<std::size_t>(n) : 1;
    }
    return cps;
  };
  const auto x = points(a), y = points(b);
  std::vector<int> row(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) row[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= x.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= y.size(); ++j) {
      const int up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[y.size()];
}

std::optional<std::size_t> closest(std::string_view text, const std::vector<std::string>& candidates) {
  std::optional<std::size_t> best;
  int best_distance = 0;
  const int limit = std::min(3, std::max(1, code_points(text) / 3));
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const int d = edit_distance(text, candidates[i]);
    if (d <= limit && (!best || d < best_distance)) {
      best = i;
      best_distance = d;
    }
  }
  return best;
}

}  // namespace isms

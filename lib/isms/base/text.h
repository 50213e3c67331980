// Text helpers over UTF-8 byte strings.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace isms {

// The whole of `s` as a decimal integer (digits only, no sign or spaces) in
// [lo, hi], or nullopt.
std::optional<int> parse_int(std::string_view s, int lo, int hi);

// Where a byte string first fails to be acceptable record text.
struct TextProblem {
  enum class Kind { InvalidUtf8, ControlCharacter, ByteOrderMark } kind;
  std::size_t offset = 0;  // byte offset of the offending sequence
  char32_t code_point = 0;  // the character, for ControlCharacter
};

// Record files must be UTF-8 without a byte-order mark and without control
// characters other than tab, LF and CR (YAML forbids them; NUL in particular
// marks binary junk). Invisible characters that change how text reads are
// refused as control characters too: the bidirectional embedding, override,
// isolate and mark characters (U+202A-U+202E, U+2066-U+2069, U+200E,
// U+200F, U+061C: the "Trojan Source" trick, a form showing another text
// than it holds) and the line and paragraph separators U+2028, U+2029
// (a line break some readers see and others do not). Returns the first
// problem, or nullopt when acceptable. The same rule holds for every text
// given on the command line or in an input file.
std::optional<TextProblem> check_record_text(std::string_view bytes);

// A ControlCharacter problem's character named for a message: "U+0007 (a
// control character)", "U+202E (a bidirectional control: text would show
// in another order than it is stored)", "U+2028 (a line separator)".
std::string describe_character(char32_t code_point);

// 1-based line and code-point column of a byte offset. `offset` may equal
// bytes.size() (end of file).
struct LineColumn {
  int line = 1;
  int column = 1;
};
LineColumn line_column_at(std::string_view bytes, std::size_t offset);

// The characters of `bytes`, in order, with where each is; a byte that is
// not part of valid UTF-8 is skipped.
struct Character {
  char32_t code_point = 0;
  std::size_t offset = 0, size = 0;  // its bytes
};
std::vector<Character> characters(std::string_view bytes);

// Number of code points in bytes[line_start, offset), for converting a byte
// column into a character column. Assumes valid UTF-8.
int code_points(std::string_view bytes);

// `s` with every character that could break a line of output or disguise
// its text shown as an escape: C0 and C1 controls and DEL (\n, \r, \t,
// \xHH), the Unicode line and paragraph separators and the bidirectional
// embedding, override and isolate controls (\uHHHH); bytes that are not
// UTF-8 as \xHH. Diagnostics quote record content and file names through it,
// so a record cannot forge lines in a terminal or a CI log.
std::string escape_invisible(std::string_view s);

// Unicode compatibility form (NFKC, through utf8proc): full-width digits,
// letters and signs (１２３，％，＞) as their ASCII, the ideographic space as
// a space. Invalid UTF-8 is returned unchanged.
std::string compatibility_form(std::string_view utf8);

// Edit distance (insertions, deletions, substitutions of code points)
// between two UTF-8 strings, for "did you mean" suggestions.
int edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `text` by edit_distance when it is close enough
// to be a likely typo (at most a third of its length, and at most 3), for
// "did you mean …?"; nullopt when none is.
std::optional<std::size_t> closest(std::string_view text, const std::vector<std::string>& candidates);

// Terminal display width: East Asian wide and fullwidth characters count 2,
// combining marks 0. Invalid UTF-8 bytes count 1 each.
int display_width(std::string_view utf8);

// Pads with spaces on the right to `width` display columns (never truncates).
std::string pad_right(std::string_view utf8, int width);
std::string pad_left(std::string_view utf8, int width);

}  // namespace isms

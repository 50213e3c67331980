#include "isms/format/encoding.h"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <memory>

#include <fmt/format.h>

#include "isms/base/i18n.h"
#include "isms/base/text.h"

namespace isms {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kUtf16Le = "\xFF\xFE";
constexpr std::string_view kUtf16Be = "\xFE\xFF";

// `bytes` converted from `from` by iconv; false with the byte offset of
// the first sequence `from` does not read.
bool convert(std::string_view bytes, const char* from, std::string* out, std::size_t* bad) {
  const iconv_t cd = iconv_open("UTF-8", from);
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    *bad = 0;
    return false;
  }
  const std::unique_ptr<void, int (*)(iconv_t)> closer(cd, iconv_close);
  out->clear();
  std::string input(bytes);
  char* in = input.data();
  std::size_t in_left = input.size();
  char buffer[4096];
  while (in_left > 0) {
    char* o = buffer;
    std::size_t o_left = sizeof buffer;
    const std::size_t rc = iconv(cd, &in, &in_left, &o, &o_left);
    out->append(buffer, static_cast<std::size_t>(o - buffer));
    if (rc == static_cast<std::size_t>(-1) && errno != E2BIG) {
      *bad = static_cast<std::size_t>(in - input.data());
      return false;
    }
  }
  return true;
}

bool valid_utf8(std::string_view bytes, std::size_t* bad) {
  const auto problem = check_record_text(bytes);
  if (!problem || problem->kind != TextProblem::Kind::InvalidUtf8) return true;
  *bad = problem->offset;
  return false;
}

}  // namespace

std::optional<InputEncoding> input_encoding_named(std::string_view name) {
  std::string n(name);
  std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (n == "auto") return InputEncoding::Auto;
  if (n == "utf-8" || n == "utf8") return InputEncoding::Utf8;
  if (n == "utf-16" || n == "utf16") return InputEncoding::Utf16;
  if (n == "big5" || n == "cp950") return InputEncoding::Big5;
  return std::nullopt;
}

bool decode_input(std::string_view bytes, InputEncoding encoding, std::string* utf8, std::string* why) {
  const bool utf16_bom = bytes.substr(0, 2) == kUtf16Le || bytes.substr(0, 2) == kUtf16Be;
  if (encoding == InputEncoding::Auto) {
    encoding = utf16_bom ? InputEncoding::Utf16 : InputEncoding::Utf8;
  }
  std::size_t bad = 0;
  switch (encoding) {
    case InputEncoding::Utf16: {
      // iconv's "UTF-16" takes the byte-order mark (and drops it); without one, little-endian as Windows writes.
      const char* from = utf16_bom ? "UTF-16" : "UTF-16LE";
      if (convert(bytes, from, utf8, &bad)) return true;
      *why = trf("not UTF-16: byte {} is not part of a UTF-16 character", bad + 1);
      return false;
    }
    case InputEncoding::Big5:
      if (convert(bytes, "CP950", utf8, &bad)) return true;
      *why = trf("not Big5 (CP950): byte {} is not part of a Big5 character", bad + 1);
      return false;
    case InputEncoding::Utf8:
    case InputEncoding::Auto:
      break;
  }
  if (bytes.substr(0, 3) == kUtf8Bom) bytes.remove_prefix(3);
  if (valid_utf8(bytes, &bad)) {
    *utf8 = std::string(bytes);
    return true;
  }
  // Name what the bytes are, when another encoding reads them whole.
  std::string other;
  std::size_t other_bad = 0;
  const auto lc = line_column_at(bytes, bad);
  if (utf16_bom) {
    *why = "the file starts with a UTF-16 byte-order mark; give --encoding utf-16";
  } else if (convert(bytes, "CP950", &other, &other_bad)) {
    *why = trf("not UTF-8 (line {}, byte {}): it reads as Big5 (CP950, Excel's CSV on zh-TW Windows); "
                       "give --encoding big5, or save as CSV UTF-8",
                       lc.line, bad + 1);
  } else {
    *why = trf("not UTF-8 (line {}, byte {}), nor Big5 (CP950) or UTF-16; save the file as CSV UTF-8",
                       lc.line, bad + 1);
  }
  return false;
}

}  // namespace isms

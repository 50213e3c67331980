// Input files in the encodings offices save them in.
#include <doctest/doctest.h>

#include "isms/format/encoding.h"

namespace {

// "年度,實績\n115,99.9\n" in each encoding.
const std::string kUtf8 = "\xE5\xB9\xB4\xE5\xBA\xA6,\xE5\xAF\xA6\xE7\xB8\xBE\n115,99.9\n";
const std::string kBig5 = "\xA6\x7E\xAB\xD7,\xB9\xEA\xC1\x5A\n115,99.9\n";
const std::string kUtf16Le = std::string("\xFF\xFE\x74\x5E\xA6\x5E,\x00\xE6\x5B\x3E\x7E\n\x00", 14) +
                             std::string("1\x00" "1\x00" "5\x00,\x00" "9\x00" "9\x00.\x00" "9\x00\n\x00", 18);

}  // namespace

TEST_CASE("decode_input: each encoding to the same UTF-8; auto takes byte-order marks") {
  struct Case {
    const char* name;
    std::string bytes;
    isms::InputEncoding encoding;
  } cases[] = {
      {"utf-8", kUtf8, isms::InputEncoding::Auto},
      {"utf-8 with BOM", "\xEF\xBB\xBF" + kUtf8, isms::InputEncoding::Auto},
      {"utf-8 asked", kUtf8, isms::InputEncoding::Utf8},
      {"utf-16le with BOM", kUtf16Le, isms::InputEncoding::Auto},
      {"utf-16le asked", kUtf16Le, isms::InputEncoding::Utf16},
      {"big5 asked", kBig5, isms::InputEncoding::Big5},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    std::string out, why;
    REQUIRE(isms::decode_input(c.bytes, c.encoding, &out, &why));
    CHECK(out == kUtf8);
  }
}

TEST_CASE("decode_input: what the bytes are when they are not what was asked") {
  std::string out, why;
  CHECK_FALSE(isms::decode_input(kBig5, isms::InputEncoding::Auto, &out, &why));
  CHECK(why.find("it reads as Big5 (CP950") != std::string::npos);
  CHECK(why.find("--encoding big5") != std::string::npos);
  CHECK_FALSE(isms::decode_input(kUtf16Le, isms::InputEncoding::Utf8, &out, &why));
  CHECK(why.find("--encoding utf-16") != std::string::npos);
  CHECK_FALSE(isms::decode_input("\xFF\xFF\xFF", isms::InputEncoding::Big5, &out, &why));
  CHECK(why.find("not Big5 (CP950): byte 1") != std::string::npos);
  CHECK(isms::input_encoding_named("CP950") == isms::InputEncoding::Big5);
  CHECK(isms::input_encoding_named("UTF-16") == isms::InputEncoding::Utf16);
  CHECK_FALSE(isms::input_encoding_named("latin1"));
}

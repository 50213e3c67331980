// Input files as offices save them, read as UTF-8: UTF-8 with or without a
// byte-order mark (Excel's "CSV UTF-8"), UTF-16 with a byte-order mark
// (Excel's "Unicode text"), and Big5 as Windows code page 950 writes it
// (Excel's plain "CSV" on zh-TW Windows). Conversion is glibc's iconv.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace isms {

enum class InputEncoding { Auto, Utf8, Utf16, Big5 };

// "auto", "utf-8" / "utf8", "utf-16" / "utf16", "big5" / "cp950" (any case).
std::optional<InputEncoding> input_encoding_named(std::string_view name);

// `bytes` as UTF-8 without a byte-order mark. Auto takes a UTF-16 or UTF-8
// byte-order mark as its encoding and otherwise requires UTF-8. False when
// the bytes are not in the encoding; `why` then says what they are (when
// another encoding reads them: "it reads as Big5 (CP950): give --encoding
// big5") and where the first bad byte is.
bool decode_input(std::string_view bytes, InputEncoding encoding, std::string* utf8, std::string* why);

}  // namespace isms

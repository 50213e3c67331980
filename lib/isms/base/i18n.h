// Messages in the reader's language. Every message a person reads — a
// diagnostic, a refusal, a hint, a help text — is written in English in the
// source and looked up, by that text, in the gettext catalog of the
// language the program selected (po/<lang>.po, installed as
// <localedir>/<lang>/LC_MESSAGES/isms-obj.mo; cli/main chooses it from
// --lang, the store's `language` and LANG). Without a catalog, or for a
// text it does not hold, the English stands. Diagnostic codes, severities,
// record fields and the values of JSON output are never translated.
#pragma once

#include <string>
#include <utility>

#include <fmt/format.h>

namespace isms {

inline constexpr const char* kTextDomain = "isms-obj";

// The message `msgid` in the selected language (the catalog's string, which
// lives as long as the program), else `msgid` itself.
const char* tr(const char* msgid);
std::string tr(const std::string& msgid);

// The header of the catalog in use (its language and revision): what
// distinguishes messages written in one catalog from another's; empty
// without a catalog.
std::string catalog_header();

// fmt::format of the translated `msgid`: the English is checked at compile
// time; a translation whose placeholders do not fit the arguments falls
// back to the English rather than fail (tests/po_test.py checks them all).
template <typename... Args>
std::string trf(fmt::format_string<Args...> msgid, Args&&... args) {
  const fmt::string_view english = msgid;
  // A literal's characters end in NUL: the catalog is keyed by C strings.
  const char* translated = tr(english.data());
  if (translated != english.data()) {
    try {
      return fmt::vformat(translated, fmt::make_format_args(args...));
    } catch (const fmt::format_error&) {
    }
  }
  return fmt::vformat(english, fmt::make_format_args(args...));
}

}  // namespace isms

#include <doctest/doctest.h>

#include <libintl.h>

#include <clocale>
#include <cstdlib>
#include <filesystem>

#include "isms/base/i18n.h"

namespace {

// Selects a catalog as cli/main does, from the build tree's share/locale;
// restores English (no catalog) when it goes out of scope.
struct Catalog {
  explicit Catalog(const char* language) {
    const auto exe = std::filesystem::read_symlink("/proc/self/exe");
    const auto dir = exe.parent_path().parent_path() / "share" / "locale";
    std::setlocale(LC_MESSAGES, "C.UTF-8");
    ::setenv("LANGUAGE", language, 1);
    ::bindtextdomain(isms::kTextDomain, dir.c_str());
    ::bind_textdomain_codeset(isms::kTextDomain, "UTF-8");
  }
  ~Catalog() {
    ::unsetenv("LANGUAGE");
    std::setlocale(LC_MESSAGES, "C");
  }
};

}  // namespace

TEST_CASE("messages: English without a catalog, the catalog's text with one") {
  CHECK(std::string(isms::tr("no problems")) == "no problems");
  CHECK(isms::trf("{} error{}, {} warning{}", 2, "s", 1, "") == "2 errors, 1 warning");
  {
    Catalog zh("zh_TW");
    CHECK(std::string(isms::tr("no problems")) == "沒有問題");
    // The translation drops the plural arguments by position.
    CHECK(isms::trf("{} error{}, {} warning{}", 2, "s", 1, "") == "2 個錯誤，1 個警告");
    // Texts the catalog does not hold, and the empty text, stand as they are.
    CHECK(std::string(isms::tr("not a message of isms-obj")) == "not a message of isms-obj");
    CHECK(std::string(isms::tr("")).empty());
    CHECK(isms::tr(std::string("no problems")) == "沒有問題");
  }
  {
    Catalog en("en");
    CHECK(std::string(isms::tr("no problems")) == "no problems");
  }
}

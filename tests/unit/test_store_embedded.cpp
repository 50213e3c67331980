// The schemas compiled into the binary are the files in schemas/, byte for
// byte, so the command line and an editor judge records alike.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "isms/store/embedded.h"
#include "support.h"

using namespace test;

TEST_CASE("every record kind's schema is embedded as shipped") {
  int n = 0;
  for (auto name : isms::embedded_names()) {
    CAPTURE(std::string(name));
    const auto file = std::filesystem::path(ISMS_SOURCE_DIR) / "schemas" / (std::string(name) + ".schema.json");
    CHECK(read_text(file) == isms::embedded_file(name));
    ++n;
  }
  CHECK(n == 7);
  CHECK(isms::embedded_file("no-such-schema").empty());
}

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "isms/format/csv.h"
#include "isms/ops/set.h"
#include "isms/store/emit.h"
#include "isms/store/store.h"
#include "isms/sys/lock.h"
#include "support.h"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using namespace test;

TEST_CASE("emitted tables read back as the same table, byte for byte") {
  isms::Store store;
  isms::Diagnostics d;
  REQUIRE(isms::load_store(test::posix(), fs::path(ISMS_SOURCE_DIR) / "examples/university", {}, &store, d).is_ok());
  int checked = 0;
  for (const auto& t : store.settings) {
    const std::string text = isms::emit_setting(t, {});
    isms::Store copy;
    copy.config = store.config;
    isms::Diagnostics dd;
    REQUIRE(isms::put_source(&copy, t.file, text, dd));
    CHECK(dd.empty());
    CHECK(isms::emit_setting(copy.settings.at(0), {}) == text);
    ++checked;
  }
  CHECK(checked == 26);
  for (const auto& a : store.approvals) {
    const std::string text = isms::emit_approval(a, {});
    isms::Store copy;
    isms::Diagnostics dd;
    REQUIRE(isms::put_source(&copy, a.file, text, dd));
    CHECK(isms::emit_approval(copy.approvals.at(0), {}) == text);
  }
}

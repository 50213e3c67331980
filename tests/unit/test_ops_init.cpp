#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "isms/ops/init.h"
#include "isms/rules/validate.h"
#include "isms/store/schema.h"
#include "isms/store/store.h"
#include "isms/views/complete.h"
#include "isms/views/findings.h"
#include "support.h"

namespace fs = std::filesystem;
using isms::RecordKind;
using namespace test;

TEST_CASE("init creates a store that validates, and refuses to overwrite one") {
  TempDir t;
  std::vector<std::string> written;
  isms::InitOptions o;
  o.organisation = "yes: 測試";  // must be quoted in YAML
  REQUIRE(isms::init_store(test::posix(), t.path / "new", o, &written).is_ok());
  CHECK(written.front() == "isms-obj.yaml");
  CHECK(written.back() == ".gitignore");
  isms::Store store;
  isms::Diagnostics d;
  REQUIRE(isms::load_store(test::posix(), t.path / "new", {}, &store, d).is_ok());
  isms::check_store(store, {}, d);
  d.finish();
  CHECK(codes_at(d) == "isms-obj.yaml:27:3 config.no-ciso\n");
  REQUIRE(store.config);
  CHECK(store.config->org_name == "yes: 測試");
  written.clear();
  CHECK(isms::init_store(test::posix(), t.path / "new", o, &written).code() == isms::Status::Code::Conflict);
  CHECK(written.empty());
}

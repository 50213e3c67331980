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
#include "isms/sys/mem_env.h"
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
  // The configuration, which makes the directory a store, comes last.
  CHECK(written.back() == "isms-obj.yaml");
  CHECK(written[written.size() - 2] == ".gitignore");
  isms::Store store;
  isms::Diagnostics d;
  REQUIRE(isms::load_store(test::posix(), t.path / "new", {}, &store, d).is_ok());
  isms::check_store(store, {}, d);
  d.finish();
  CHECK(codes_at(d) == "isms-obj.yaml:28:3 config.no-ciso\n");
  REQUIRE(store.config);
  CHECK(store.config->org_name == "yes: 測試");
  written.clear();
  CHECK(isms::init_store(test::posix(), t.path / "new", o, &written).code() == isms::Status::Code::Conflict);
  CHECK(written.empty());
}

TEST_CASE("init's examples are valid once their # is deleted, and then describe a working store") {
  TempDir t;
  std::vector<std::string> written;
  REQUIRE(isms::init_store(test::posix(), t.path / "new", {}, &written).is_ok());
  const fs::path config = t.path / "new/isms-obj.yaml";
  std::string text = read_text(config), uncommented;
  std::size_t examples = 0;
  for (std::size_t from = 0; from < text.size();) {
    const std::size_t end = text.find('\n', from) + 1;
    std::string line = text.substr(from, end - from);
    // An example line: '#' then the indentation it has once used.
    if (line.rfind("#  ", 0) == 0) {
      line.erase(0, 1);
      ++examples;
    }
    uncommented += line;
    from = end;
  }
  CHECK(examples >= 12);
  write(config, uncommented);
  isms::Store store;
  isms::Diagnostics d;
  REQUIRE(isms::load_store(test::posix(), t.path / "new", {}, &store, d).is_ok());
  isms::check_store(store, {}, d);
  d.finish();
  CHECK(codes_at(d) == "");
  REQUIRE(store.config);
  CHECK(store.config->people.size() == 1);
  CHECK(store.config->units.at(0).head == "wang.cs");
  CHECK(store.config->ciso.at(0).person == "wang.cs");
  CHECK(store.config->security_team == std::vector<std::string>{"wang.cs"});
}

TEST_CASE("init stopped at any of its writes leaves no store, and running it again makes the whole store") {
  // Once it wrote the configuration first: stopped after it, the store had
  // no schemas or .gitignore, and init refused to run again ("already a
  // store").
  const fs::path dir = "/s";
  isms::MemEnv clean;
  std::vector<std::string> written;
  REQUIRE(isms::init_store(clean, dir, {}, &written).is_ok());
  const auto whole = clean.files_below(dir);
  const int writes = clean.writes();
  REQUIRE(writes == static_cast<int>(written.size()));
  for (int k = 1; k <= writes; ++k) {
    CAPTURE(k);
    isms::MemEnv env;
    env.crash_at_write(k);
    std::vector<std::string> first;
    CHECK_THROWS_AS((void)isms::init_store(env, dir, {}, &first), isms::MemEnv::Crash);
    CHECK_FALSE(env.store_path_exists(dir, isms::kConfigFileName));
    env.crash_at_write(0);
    std::vector<std::string> again;
    REQUIRE(isms::init_store(env, dir, {}, &again).is_ok());
    CHECK(env.files_below(dir) == whole);
  }
}

#include <doctest/doctest.h>

#include <filesystem>

#include "isms/rules/validate.h"
#include "isms/store/config_cache.h"
#include "isms/store/store.h"
#include "support.h"

namespace fs = std::filesystem;
using namespace test;

TEST_CASE("the configuration's parsed tree is cached by content, and a damaged cache is only ignored") {
  TempDir t;
  const fs::path s = t.path / "s";
  fs::copy(fs::path(ISMS_SOURCE_DIR) / "examples/university", s, fs::copy_options::recursive);
  fs::remove_all(s / ".isms-obj");  // whatever a command run on the source tree left
  auto load = [&](const std::string& tool) {
    isms::Store store;
    isms::LoadOptions options;
    options.scope = isms::LoadScope{{2026}, {"lio"}};
    options.cache_tool_id = tool;
    isms::Diagnostics d;
    REQUIRE(isms::load_store(test::posix(), s, options, &store, d).is_ok());
    isms::check_store(store, {}, d);
    d.finish();
    return codes_at(d) + (store.config ? store.config->org_name + std::to_string(store.config->people.size()) : "-");
  };
  const std::string plain = load("");
  CHECK_FALSE(fs::exists(s / ".isms-obj/cache/config"));
  CHECK(load("t") == plain);
  REQUIRE(fs::exists(s / ".isms-obj/cache/config"));
  CHECK(load("t") == plain);
  std::string cached = read_text(s / ".isms-obj/cache/config");
  {
    // The cache is what is read: a tree planted under the same key shows.
    const std::string key = cached.substr(0, cached.find('\n') + 1);
    isms::Diagnostics d;
    auto planted = isms::parse_yaml(replaced(read_text(s / "isms-obj.yaml"), "name: 開南大學", "name: 快取大學"),
                                    "isms-obj.yaml", d);
    REQUIRE(planted);
    write(s / ".isms-obj/cache/config", key + isms::write_tree(*planted));
    CHECK(load("t").find("快取大學") != std::string::npos);
    CHECK(load("") == plain);  // without a tool id the cache is not read
    write(s / ".isms-obj/cache/config", cached);
  }
  // Damaged after its key: parsed again.
  write(s / ".isms-obj/cache/config", cached.substr(0, cached.size() / 2));
  CHECK(load("t") == plain);
  // The configuration changes: the cache no longer applies.
  const fs::path config = s / "isms-obj.yaml";
  write(config, replaced(read_text(config), "id: lee.ch", "id: lee.ch\n    id: twice"));
  const std::string changed = load("t");
  CHECK(changed != plain);
  CHECK(changed.find("yaml.duplicate-key") != std::string::npos);
  CHECK(load("t") == changed);  // a file with problems is never cached, and says so again
}

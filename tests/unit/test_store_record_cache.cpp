#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>

#include <fmt/format.h>

#include "isms/rules/validate.h"
#include "isms/store/record_cache.h"
#include "isms/store/store.h"
#include "isms/sys/parallel.h"
#include "support.h"

namespace fs = std::filesystem;
using namespace test;

namespace {

// A tree, every node with its kind, mark and text, keys with theirs.
std::string dump(const isms::YamlNode& n, int depth) {
  std::string out = fmt::format("{:{}}{} {}:{} {}\n", "", depth, static_cast<int>(n.kind), n.mark.line, n.mark.column, n.text);
  for (std::size_t i = 0; i < n.children.size(); ++i) {
    if (n.is_map()) out += fmt::format("{:{}}key {}:{} {}\n", "", depth, n.key_marks[i].line, n.key_marks[i].column, n.keys[i]);
    out += dump(n.children[i], depth + 1);
  }
  return out;
}

// Everything a load gave, to the last member of the last record: each
// record through the cache's own encoding (which lists every member), the
// sources with their trees, and every diagnostic (the rules' too).
std::string everything(const isms::Store& store, const isms::Diagnostics& load_diags) {
  isms::RecordCacheFile all;
  all.key = std::string(64, 'k');
  auto add = [&](const auto& records) {
    for (const auto& r : records) {
      isms::CachedFile f;
      f.path = r.file;
      f.record = r;
      all.files.push_back(std::move(f));
    }
  };
  if (store.config) {
    isms::CachedFile f;
    f.record = *store.config;
    all.files.push_back(std::move(f));
  }
  add(store.settings);
  add(store.approvals);
  add(store.results);
  add(store.reviews);
  add(store.referrals);
  add(store.confirmations);
  std::string trees;
  for (const auto& s : store.sources) trees += s->path + "\n" + dump(s->root, 0);
  isms::Diagnostics d = load_diags;
  isms::check_store(store, {}, d);
  d.finish();
  std::string out = isms::encode_record_cache(all) + trees;
  for (const auto& x : d.items()) out += rendered(x);
  return out;
}

struct Run {
  std::string all;
  std::size_t cached = 0, checked = 0;
};

Run load(isms::Env& env, const fs::path& root, const std::string& tool, isms::LoadScope scope = {},
         bool keep_trees = false) {
  isms::Store store;
  isms::LoadOptions options;
  options.scope = std::move(scope);
  options.cache_tool_id = tool;
  options.keep_trees = keep_trees;
  isms::Diagnostics d;
  REQUIRE(isms::load_store(env, root, options, &store, d).is_ok());
  return Run{everything(store, d), store.files_cached, store.files_checked};
}

// How many setting tables the store holds.
std::size_t tables_in(const fs::path& root) {
  std::size_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(root / "units")) n += e.path().filename() == "setting.yaml";
  return n;
}

}  // namespace

TEST_CASE("the record cache gives every record and diagnostic a cold load gives, on a damaged store") {
  TempDir t;
  const fs::path s = t.path / "s";
  make_broken_example(s);
  fs::remove_all(s / ".isms-obj/cache");
  write(s / "units/lio/2026/results/q2/broken.yaml", "kind: result\nyear: [\n");  // not even YAML
  age(s);
  const Run plain = load(posix(), s, "");
  CHECK(plain.cached == 0);
  CHECK_FALSE(fs::exists(s / isms::kRecordCacheDir));
  const Run cold = load(posix(), s, "tool-a");
  CHECK(cold.cached == 0);
  CHECK(fs::exists(s / isms::record_cache_path(2026, "lio")));
  CHECK(fs::exists(s / isms::kConfigRecordCache));
  const Run warm = load(posix(), s, "tool-a");
  CHECK(warm.cached == warm.checked);  // nothing was parsed
  CHECK(warm.all == plain.all);
  CHECK(cold.all == plain.all);
  // Scoped loads read their unit-years' cache files alone, and agree.
  const isms::LoadScope scope{{2026}, {"lio", "academic"}};
  const Run scoped = load(posix(), s, "tool-a", scope);
  CHECK(scoped.cached == scoped.checked);
  CHECK(scoped.all == load(posix(), s, "", scope).all);
  // Trees are not cached: a load that keeps them parses the tables again,
  // from a warm cache as from none, and leaves the cache as it was.
  const Run trees = load(posix(), s, "tool-a", {}, /*keep_trees=*/true);
  CHECK(trees.all == load(posix(), s, "", {}, true).all);
  CHECK(trees.all.find("key ") != std::string::npos);  // a table's tree is there, keys and all
  CHECK(warm.all.find("key ") == std::string::npos);   // and not without keep_trees
  CHECK(trees.all != warm.all);
  CHECK(trees.cached == warm.checked - tables_in(s));
  CHECK(load(posix(), s, "tool-a").all == warm.all);
}

TEST_CASE("a stale entry is never used: an edit that keeps size and mtime, a touched file, a new and a removed file") {
  TempDir t;
  const fs::path s = example_without_cache(t);
  age(s);
  const Run clean = load(posix(), s, "");
  REQUIRE(load(posix(), s, "tool").all == clean.all);
  REQUIRE(load(posix(), s, "tool").cached == clean.checked);

  // Same size, same mtime, different bytes: the ctime (and then the
  // content) tells.
  const fs::path result = s / "units/lio/2026/results/q1/vuln-patch-rate.yaml";
  const std::string text = read_text(result);
  const auto mtime = fs::last_write_time(result);
  std::string edited = replaced(text, "reported_by: ", "reported_by:  ");
  edited = replaced(edited, "kind: result", "kind: resul");
  REQUIRE(edited.size() == text.size());
  write(result, edited);
  fs::last_write_time(result, mtime);
  const Run broken = load(posix(), s, "tool");
  CHECK(broken.cached == broken.checked - 1);
  CHECK(broken.all != clean.all);
  CHECK(broken.all == load(posix(), s, "").all);
  CHECK(broken.all.find("units/lio/2026/results/q1/vuln-patch-rate.yaml") != std::string::npos);

  // Back as it was: built again, then from the cache.
  write(result, text);
  CHECK(load(posix(), s, "tool").all == clean.all);
  age(s);
  // Touched: same bytes, a new stamp; read and hashed, not parsed.
  fs::last_write_time(result, fs::file_time_type::clock::now() - std::chrono::hours(1) + std::chrono::seconds(5));
  const Run touched = load(posix(), s, "tool");
  CHECK(touched.all == clean.all);
  CHECK(touched.cached == touched.checked);

  // A new file and a removed one.
  const fs::path extra = s / "units/lio/2026/results/q4/vuln-patch-rate.yaml";
  write(extra, replaced(text, "quarter: 1", "quarter: 4"));
  const Run added = load(posix(), s, "tool");
  CHECK(added.all == load(posix(), s, "").all);
  CHECK(added.checked == clean.checked + 1);
  fs::remove(extra);
  CHECK(load(posix(), s, "tool").all == clean.all);
}

TEST_CASE("an entry read in the same clock tick as its file was written is checked by content") {
  // The in-memory Env stamps every write with its clock: a file rewritten
  // without the clock moving keeps its mtime and ctime, and here its size
  // and inode too, as a coarse file system would.
  auto env = example_in_memory();
  const fs::path root = "/store";
  const std::string rel = "units/lio/2026/results/q1/vuln-patch-rate.yaml";
  const Run clean = load(*env, root, "");
  CHECK(load(*env, root, "tool").all == clean.all);
  const std::string text = *env->get(root / rel);
  std::string edited = replaced(replaced(text, "reported_by: ", "reported_by:  "), "kind: result", "kind: resul");
  env->put_keeping_stamp(root / rel, edited);
  const Run after = load(*env, root, "tool");
  CHECK(after.all != clean.all);
  CHECK(after.all == load(*env, root, "").all);
  // Once the clock has moved on, entries written after it are trusted by
  // their stamp.
  env->advance_clock(std::uint64_t{10} * 1000000000u);
  (void)load(*env, root, "tool");
  const Run warm = load(*env, root, "tool");
  CHECK(warm.cached == warm.checked);
  CHECK(warm.all == after.all);
}

TEST_CASE("a damaged, truncated or foreign cache file only makes its unit-year cold") {
  TempDir t;
  const fs::path s = example_without_cache(t);
  age(s);
  const Run clean = load(posix(), s, "");
  (void)load(posix(), s, "tool");
  const fs::path lio = s / isms::record_cache_path(2026, "lio");
  const std::string good = read_text(lio);

  auto cold_lio = [&]() {
    const Run r = load(posix(), s, "tool", isms::LoadScope{{2026}, {"lio"}});
    CHECK(r.all == load(posix(), s, "", isms::LoadScope{{2026}, {"lio"}}).all);
    return r.checked - r.cached;
  };
  CHECK(cold_lio() == 0);
  const std::size_t lio_files = [&] {
    write(lio, "");
    return cold_lio();
  }();
  CHECK(lio_files > 1);  // the unit-year's files, not the configuration
  std::size_t expected = lio_files;
  SUBCASE("truncated") { write(lio, good.substr(0, good.size() / 2)); }
  SUBCASE("a byte changed") {
    std::string bad = good;
    bad[bad.size() - 3] = static_cast<char>(bad[bad.size() - 3] ^ 0x20);
    write(lio, bad);
  }
  SUBCASE("another layout") {
    std::string other = good;
    const std::string magic = "isms-obj record cache ";
    REQUIRE(other.compare(0, magic.size(), magic) == 0);
    other[magic.size()] = '9';  // the layout's number
    write(lio, other);
  }
  SUBCASE("another build's (a key of its own)") {
    (void)load(posix(), s, "tool-2");
    CHECK(load(posix(), s, "tool-2").all == clean.all);
    ++expected;  // the configuration's cache file is tool-2's too
  }
  SUBCASE("garbage") { write(lio, std::string(200, '\xff')); }
  CHECK(cold_lio() == expected);
  CHECK(cold_lio() == 0);
  CHECK(load(posix(), s, "tool").all == clean.all);
}

TEST_CASE("a cache body that decodes to nothing sensible is refused, not trusted") {
  isms::RecordCacheFile f;
  f.key = std::string(64, 'a');
  isms::CachedFile c;
  c.path = "units/lio/2026/setting.yaml";
  c.diagnostics.push_back(isms::Diagnostic{});
  f.files.push_back(c);
  const std::string bytes = isms::encode_record_cache(f);
  const auto back = isms::decode_record_cache(bytes);
  REQUIRE(back);
  CHECK(back->files.size() == 1);
  CHECK(back->key == f.key);
  // Every prefix of a whole file is refused.
  for (std::size_t n = 0; n < bytes.size(); n += 7) CHECK_FALSE(isms::decode_record_cache(bytes.substr(0, n)));
}

TEST_CASE("runs loading the same store at once each get the whole answer") {
  TempDir t;
  const fs::path s = example_without_cache(t);
  const Run clean = load(posix(), s, "");
  for (int round = 0; round < 3; ++round) {
    fs::remove_all(s / ".isms-obj/cache");
    std::vector<std::string> got(4);
    isms::run_workers(got.size(), [&](std::size_t w) { got[w] = load(posix(), s, "tool").all; });
    for (const auto& g : got) CHECK(g == clean.all);
    CHECK(load(posix(), s, "tool").all == clean.all);
  }
}

TEST_CASE("the cache directory keeps itself out of git and backups, whatever the store's .gitignore says") {
  auto env = example_in_memory();
  const fs::path root = "/store";
  REQUIRE_FALSE(env->get(root / ".isms-obj/cache/.gitignore"));
  (void)load(*env, root, "tool");
  CHECK(env->get(root / ".isms-obj/cache/.gitignore").value_or("").find("\n*\n") != std::string::npos);
  CHECK(env->get(root / ".isms-obj/cache/CACHEDIR.TAG").value_or("").rfind("Signature: 8a477f597d28d172789f06886806bc55", 0) == 0);
  // A person's own edit of it is kept.
  env->put(root / ".isms-obj/cache/.gitignore", "*\n# mine\n");
  env->advance_clock(std::uint64_t{10} * 1000000000u);
  env->put(root / "units/lio/2026/setting.yaml", *env->get(root / "units/lio/2026/setting.yaml") + "# edited\n");
  (void)load(*env, root, "tool");
  CHECK(*env->get(root / ".isms-obj/cache/.gitignore") == "*\n# mine\n");
  // Without a cache nothing is written.
  auto bare = example_in_memory();
  (void)load(*bare, root, "");
  CHECK_FALSE(bare->get(root / ".isms-obj/cache/.gitignore"));
}

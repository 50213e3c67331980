// What the unit tests share: the process's real Env, for tests that read
// the example store or a temporary directory (the in-memory one,
// isms::MemEnv, is made per test).
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "isms/store/store.h"
#include "isms/sys/env.h"
#include "isms/sys/mem_env.h"

namespace test {

inline isms::Env& posix() {
  static const std::unique_ptr<isms::Env> env = isms::new_posix_env();
  return *env;
}

// Every file below `from` (hidden ones too, but not a store's lock and
// caches) put into `env` below `to`.
inline void copy_into(isms::MemEnv& env, const std::filesystem::path& from, const std::filesystem::path& to) {
  namespace fs = std::filesystem;
  for (const auto& e : fs::recursive_directory_iterator(from)) {
    if (!e.is_regular_file()) continue;
    const std::string rel = fs::relative(e.path(), from).generic_string();
    if (rel.rfind(".isms-obj/cache", 0) == 0 || rel == ".isms-obj/lock") continue;
    std::ifstream in(e.path(), std::ios::binary);
    env.put(to / rel, std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
  }
}

// The bundled example store in a fresh in-memory Env, at /store.
inline std::unique_ptr<isms::MemEnv> example_in_memory() {
  auto env = std::make_unique<isms::MemEnv>();
  copy_into(*env, std::filesystem::path(ISMS_SOURCE_DIR) / "examples/university", "/store");
  return env;
}

inline isms::LoadOptions scoped(isms::LoadScope scope) {
  isms::LoadOptions options;
  options.scope = std::move(scope);
  return options;
}

}  // namespace test

// What the unit tests share: the process's real Env, for tests that read
// the example store or a temporary directory (the in-memory one,
// isms::MemEnv, is made per test).
#pragma once

#include <memory>

#include "isms/store/store.h"
#include "isms/sys/env.h"

namespace test {

inline isms::Env& posix() {
  static const std::unique_ptr<isms::Env> env = isms::new_posix_env();
  return *env;
}

inline isms::LoadOptions scoped(isms::LoadScope scope) {
  isms::LoadOptions options;
  options.scope = std::move(scope);
  return options;
}

}  // namespace test

// Shared pieces of the fuzz harnesses (tests/fuzz, docs/reliability.md).
//
// Each harness defines LLVMFuzzerTestOneInput. Built with clang and
// -fsanitize=fuzzer it is a libFuzzer target; built with replay_main.cpp it
// is a plain program that runs every file of its corpus and regression
// directories once, which is how CTest keeps every input that ever crashed
// a harness as a regression case in the ordinary and the sanitizer builds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "isms/base/diagnostic.h"
#include "isms/store/store.h"

namespace fuzz {

// Aborts with a message: an oracle failure is a finding like a crash.
[[noreturn]] void fail(const char* what);

// The records of tests/stores/minimal (read once), as (store path, bytes).
const std::vector<std::pair<std::string, std::string>>& base_files();

// One schema validator for the whole run (building one compiles every schema).
isms::SchemaValidator& validator();

// A store holding the base records, built in memory without touching the
// file system; the root is a path that does not exist.
void load_base(isms::Store* store, isms::Diagnostics& diags);

inline std::string_view bytes_of(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace fuzz

namespace fuzz {

// Every diagnostic renders as exactly one line in text and in GitHub's
// workflow-command form whatever the input held (a newline in a message
// would let a record inject lines into a CI log), has a code, and has a
// position that is either "whole file" or 1-based.
void check_diagnostics(const isms::Diagnostics& diags);

}  // namespace fuzz

#include "fuzz_common.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "isms/render/diagnostics.h"

namespace fs = std::filesystem;

namespace fuzz {

void fail(const char* what) {
  std::fprintf(stderr, "fuzz oracle failed: %s\n", what);
  std::abort();
}

const std::vector<std::pair<std::string, std::string>>& base_files() {
  static const auto files = [] {
    std::vector<std::pair<std::string, std::string>> out;
    const fs::path root = ISMS_FUZZ_BASE_STORE;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
      if (!e.is_regular_file()) continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      out.emplace_back(fs::relative(e.path(), root).generic_string(), text.str());
    }
    if (out.empty()) fail("base store " ISMS_FUZZ_BASE_STORE " is empty");
    std::sort(out.begin(), out.end());
    return out;
  }();
  return files;
}

isms::SchemaValidator& validator() {
  static isms::SchemaValidator v;
  return v;
}

void load_base(isms::Store* store, isms::Diagnostics& diags) {
  store->root = "/nonexistent/isms-obj-fuzz-store";
  for (const auto& [rel, bytes] : base_files()) isms::put_source(store, validator(), rel, bytes, diags);
}

}  // namespace fuzz

namespace fuzz {

void check_diagnostics(const isms::Diagnostics& diags) {
  for (const auto& d : diags.items()) {
    if (d.severity != isms::code_severity(d.code)) fail("diagnostic with another severity than its code's");
    if (d.mark.line < 0 || d.mark.column < 0) fail("negative diagnostic position");
    if (d.mark.line == 0 && d.mark.column != 0) fail("column without a line");
    for (const std::string& line : {isms::render_text(d, d.file), isms::render_github(d, d.file)}) {
      if (line.find_first_of("\r\n") != std::string::npos) {
        std::fprintf(stderr, "[%s] %s\n", std::string(isms::code_name(d.code)).c_str(), d.message.c_str());
        fail("diagnostic renders over more than one line");
      }
    }
  }
}

}  // namespace fuzz

// libFuzzer calls this once before the first input (replay_main.cpp does the
// same): the base store's files are read and every schema compiled here, so
// that the per-input timeout measures the input, not one-time set-up (it
// once made the first input of a busy run a "timeout").
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  isms::Store store;
  isms::Diagnostics diags;
  fuzz::load_base(&store, diags);
  return 0;
}

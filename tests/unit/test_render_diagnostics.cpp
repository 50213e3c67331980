#include <doctest/doctest.h>

#include <string>

#include "isms/render/diagnostics.h"

namespace {

isms::Diagnostic diagnostic(isms::Mark at, std::string message) {
  return {isms::code_severity(isms::DiagCode::YamlDuplicateKey), isms::DiagCode::YamlDuplicateKey, "a.yaml", at,
          std::move(message)};
}

}  // namespace

TEST_CASE("text: file:line:col: severity: message [code], one line whatever the message holds") {
  CHECK(isms::render_text(diagnostic({7, 1}, "duplicate key 'x'"), "units/a.yaml") ==
        "units/a.yaml:7:1: error: duplicate key 'x' [yaml.duplicate-key]");
  CHECK(isms::render_text(diagnostic({}, "whole file"), "a.yaml") == "a.yaml: error: whole file [yaml.duplicate-key]");
  const std::string forged = isms::render_text(diagnostic({1, 1}, "x\nb.yaml:1:1: error: forged"), "a\u202e.yaml");
  CHECK(forged.find('\n') == std::string::npos);
  CHECK(forged.find("\\u202e") != std::string::npos);
}

TEST_CASE("GitHub annotations escape what the workflow command syntax gives meaning to") {
  CHECK(isms::render_github(diagnostic({2, 3}, "50% done: a, b\n"), "d,ir/a:b.yaml") ==
        "::error file=d%2Cir/a%3Ab.yaml,line=2,col=3,title=yaml.duplicate-key::50%25 done: a, b\\n");
}

TEST_CASE("render_text with colour: the same text, location bold and severity tinted") {
  const auto d = diagnostic({7, 1}, "duplicate key 'x'");
  const std::string plain = isms::render_text(d, "units/a.yaml");
  const std::string coloured = isms::render_text(d, "units/a.yaml", /*color=*/true);
  CHECK(coloured == "\x1b[1munits/a.yaml:7:1:\x1b[0m \x1b[1;31merror:\x1b[0m duplicate key 'x' [yaml.duplicate-key]");
  std::string stripped;
  for (std::size_t i = 0; i < coloured.size(); ++i) {
    if (coloured[i] == '\x1b') {
      i = coloured.find('m', i);
      continue;
    }
    stripped += coloured[i];
  }
  CHECK(stripped == plain);
}

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "isms/render/validate.h"

namespace {

isms::Findings findings() {
  isms::Findings f;
  f.files_checked = 2;
  f.diagnostics.report(isms::DiagCode::YamlSyntax, "units/a.yaml", {3, 4}, "bad");
  f.diagnostics.report(isms::DiagCode::ConfigNoCiso, "isms-obj.yaml", {1, 1}, "no CISO");
  f.diagnostics.finish();
  return f;
}

std::string show(const std::string& rel) { return "s/" + rel; }

}  // namespace

TEST_CASE("validate text: each diagnostic, then what was checked") {
  const std::string text = isms::render_validate(findings(), isms::ValidateFormat::Text, show, "s", false);
  CHECK(text == "s/isms-obj.yaml:1:1: warning: no CISO [config.no-ciso]\n"
                "s/units/a.yaml:3:4: error: bad [yaml.syntax]\n"
                "checked 2 files in s: 1 error, 1 warning\n");
}

TEST_CASE("validate for machines: JSON, GitHub annotations, GitLab Code Quality") {
  const auto j = nlohmann::json::parse(isms::render_validate(findings(), isms::ValidateFormat::Json, show, "s", false));
  CHECK(j["errors"] == 1);
  CHECK(j["diagnostics"][1]["file"] == "s/units/a.yaml");
  CHECK(isms::render_validate(findings(), isms::ValidateFormat::Github, show, "s", false).find(
            "::error file=s/units/a.yaml,line=3,col=4,title=yaml.syntax::bad\n") != std::string::npos);
  const auto cq =
      nlohmann::json::parse(isms::render_validate(findings(), isms::ValidateFormat::CodeQuality, show, "s", false));
  CHECK(cq[1]["severity"] == "major");
  CHECK(cq[0]["severity"] == "minor");
  CHECK(cq[1]["location"]["lines"]["begin"] == 3);
  CHECK(cq[1]["fingerprint"].get<std::string>().size() == 64);
}

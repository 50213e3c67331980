#include <doctest/doctest.h>

#include <optional>
#include <set>

#include <fmt/format.h>
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

std::string render(const isms::Findings& f, isms::ValidateFormat format) {
  isms::ValidateView view;
  view.format = format;
  view.show = show;
  view.shown_root = "s";
  return isms::render_validate(f, view);
}

}  // namespace

TEST_CASE("validate text: each diagnostic, then what was checked") {
  const std::string text = render(findings(), isms::ValidateFormat::Text);
  CHECK(text == "s/isms-obj.yaml:1:1: warning: no CISO [config.no-ciso]\n"
                "s/units/a.yaml:3:4: error: bad [yaml.syntax]\n"
                "checked 2 files in s: 1 error, 1 warning\n");
}

TEST_CASE("validate for machines: JSON, GitHub annotations, GitLab Code Quality") {
  const auto j = nlohmann::json::parse(render(findings(), isms::ValidateFormat::Json));
  CHECK(j["errors"] == 1);
  CHECK(j["diagnostics"][1]["file"] == "s/units/a.yaml");
  CHECK(render(findings(), isms::ValidateFormat::Github).find(
            "::error file=s/units/a.yaml,line=3,col=4,title=yaml.syntax::bad\n") != std::string::npos);
  const auto cq =
      nlohmann::json::parse(render(findings(), isms::ValidateFormat::CodeQuality));
  CHECK(cq[1]["severity"] == "major");
  CHECK(cq[0]["severity"] == "minor");
  CHECK(cq[1]["location"]["lines"]["begin"] == 3);
  CHECK(cq[1]["fingerprint"].get<std::string>().size() == 64);
}

namespace {

// `errors` errors and `warnings` warnings, one per file a-00.yaml, …; the
// change (when given) touched the files named.
isms::Findings many(int errors, int warnings, std::optional<std::set<std::string>> touched = std::nullopt) {
  isms::Findings f;
  for (int i = 0; i < errors + warnings; ++i) {
    const std::string file = fmt::format("units/a-{:02}.yaml", i);
    f.diagnostics.report(i < errors ? isms::DiagCode::YamlSyntax : isms::DiagCode::ConfigNoCiso, file, {1, 1},
                         fmt::format("finding {}", i));
  }
  f.diagnostics.finish();
  if (touched) {
    f.change = isms::ChangedLines{};
    f.change->added = *touched;
  }
  return f;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("github annotations: capped at what GitHub shows per step, the rest counted and listed") {
  struct Case {
    int errors, warnings;
    std::size_t annotated_errors, annotated_warnings;
    const char* notice;  // nullptr: none
  };
  const Case cases[] = {
      {0, 0, 0, 0, nullptr},
      {10, 10, 10, 10, nullptr},
      {11, 0, 10, 0, "1 more error and 0 more warnings"},
      {3, 25, 3, 10, "0 more errors and 15 more warnings"},
      {40, 40, 10, 10, "30 more errors and 30 more warnings"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.errors);
    CAPTURE(c.warnings);
    const std::string out = render(many(c.errors, c.warnings), isms::ValidateFormat::Github);
    CHECK(count(out, "::error ") == c.annotated_errors);
    CHECK(count(out, "::warning ") == c.annotated_warnings);
    if (c.notice) {
      CHECK(count(out, "::notice ") == 1);
      CHECK(out.find(c.notice) != std::string::npos);
      // Every finding is in the log: annotated, or listed after the notice.
      CHECK(count(out, "finding ") == static_cast<std::size_t>(c.errors + c.warnings));
    } else {
      CHECK(count(out, "::notice") == 0);
    }
  }
}

TEST_CASE("ranked: errors first, then what the change touched, else sorted") {
  // a-00..a-02 errors, a-03..a-05 warnings; the change touched a-02 and a-05.
  const auto f = many(3, 3, std::set<std::string>{"units/a-02.yaml", "units/a-05.yaml"});
  std::vector<std::string> order;
  for (const auto* d : isms::ranked(f)) order.push_back(d->file.substr(6, 4));
  CHECK(order == std::vector<std::string>{"a-02", "a-00", "a-01", "a-05", "a-03", "a-04"});
  std::vector<std::string> plain;
  const auto unchanged = many(3, 3);
  for (const auto* d : isms::ranked(unchanged)) plain.push_back(d->file.substr(6, 4));
  CHECK(plain == std::vector<std::string>{"a-00", "a-01", "a-02", "a-03", "a-04", "a-05"});
}

TEST_CASE("changed lines: a finding is on the change when its line is in a hunk or its file is new") {
  isms::ChangedLines c;
  c.added.insert("new.yaml");
  c.hunks["m.yaml"] = {{5, 2}, {10, 0}};
  auto at = [](const char* file, int line) {
    isms::Diagnostic d;
    d.file = file;
    d.mark = {line, 1};
    return d;
  };
  CHECK(c.touches(at("new.yaml", 0)));
  CHECK(c.touches(at("m.yaml", 5)));
  CHECK(c.touches(at("m.yaml", 6)));
  CHECK_FALSE(c.touches(at("m.yaml", 7)));
  CHECK_FALSE(c.touches(at("m.yaml", 10)));  // a deletion adds no line
  CHECK_FALSE(c.touches(at("m.yaml", 0)));
  CHECK_FALSE(c.touches(at("other.yaml", 5)));
}

TEST_CASE("step summary: every finding in a table, cut to the size limit with what was left out") {
  isms::ValidateView view;
  view.show = show;
  view.shown_root = "s";
  const auto f = many(30, 0);
  const std::string whole = isms::render_step_summary(f, view, 1024 * 1024);
  CHECK(whole.rfind("### isms-obj validate: 30 errors, 0 warnings\n\nChecked 0 files in `s`.\n", 0) == 0);
  CHECK(count(whole, "| error |") == 30);
  const std::string cut = isms::render_step_summary(f, view, 2000);
  CHECK(cut.size() <= 2000);
  const std::size_t rows = count(cut, "| error |");
  CHECK(rows > 0);
  CHECK(rows < 30);
  CHECK(cut.find(fmt::format("…and {} more", 30 - rows)) != std::string::npos);
  // Markdown and HTML in a message stay text.
  isms::Findings odd;
  odd.diagnostics.report(isms::DiagCode::YamlSyntax, "a|b.yaml", {1, 1}, "<b>x</b> | *y*");
  odd.diagnostics.finish();
  const std::string md = isms::render_step_summary(odd, view, 4096);
  CHECK(md.find("s/a\\|b.yaml:1:1 | &lt;b&gt;x&lt;/b&gt; \\| \\*y\\*") != std::string::npos);
}

TEST_CASE("SARIF: rules of the codes that occur, results referring to them, URIs percent-encoded") {
  isms::Findings f = findings();
  f.diagnostics.report(isms::DiagCode::YamlSyntax, "units/單位 x.yaml", {0, 0}, "whole file");
  f.diagnostics.finish();
  isms::ValidateView view;
  view.format = isms::ValidateFormat::Sarif;
  view.show = [](const std::string& rel) { return rel; };
  view.tool_version = "9.9";
  const auto log = nlohmann::json::parse(isms::render_validate(f, view));
  CHECK(log["version"] == "2.1.0");
  const auto& run = log["runs"][0];
  CHECK(run["tool"]["driver"]["version"] == "9.9");
  CHECK(run["tool"]["driver"]["rules"].size() == 2);
  for (const auto& r : run["results"]) {
    CHECK(run["tool"]["driver"]["rules"][r["ruleIndex"].get<std::size_t>()]["id"] == r["ruleId"]);
    CHECK(r["locations"][0]["physicalLocation"]["region"]["startLine"].get<int>() >= 1);
  }
  CHECK(run["results"][2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "units/%E5%96%AE%E4%BD%8D%20x.yaml");
  CHECK_FALSE(run["results"][2]["locations"][0]["physicalLocation"]["region"].contains("startColumn"));
}

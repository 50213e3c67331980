#include <doctest/doctest.h>

#include <set>
#include <string>

#include "isms/base/diagnostic.h"

TEST_CASE("every code is registered once, with a name, a severity and a documentation section") {
  std::set<std::string> names;
  for (isms::DiagCode c : isms::all_codes()) {
    const std::string name(isms::code_name(c));
    CHECK_MESSAGE(names.insert(name).second, name);
    CHECK(name.find('.') != std::string::npos);
    CHECK_FALSE(isms::code_section(c).empty());
    CHECK(isms::code_by_name(name) == c);
  }
  CHECK(names.size() == isms::all_codes().size());
  CHECK_FALSE(isms::code_by_name("no.such-code"));
  CHECK(isms::code_severity(isms::DiagCode::YamlSyntax) == isms::Severity::Error);
  CHECK(isms::code_severity(isms::DiagCode::ConfigNoCiso) == isms::Severity::Warning);
}

TEST_CASE("diagnostics take their code's severity, sort by place and drop exact repeats") {
  isms::Diagnostics d;
  d.report(isms::DiagCode::DeadlineSettingLate, "b.yaml", {1, 1}, "late");
  d.report(isms::DiagCode::YamlSyntax, "a.yaml", {3, 1}, "second");
  d.report(isms::DiagCode::YamlDuplicateKey, "a.yaml", {2, 5}, "first");
  d.report(isms::DiagCode::YamlDuplicateKey, "a.yaml", {2, 5}, "first");
  d.finish();
  REQUIRE(d.items().size() == 3);
  CHECK(d.items()[0].message == "first");
  CHECK(d.items()[1].message == "second");
  CHECK(d.items()[2].severity == isms::Severity::Warning);
  CHECK(d.error_count() == 2);
  CHECK(d.warning_count() == 1);
  CHECK(d.has_errors());
}

TEST_CASE("the order among codes at one place follows their names, as the output always did") {
  // schema.enum < schema.type by name, whatever their order in the registry.
  isms::Diagnostics d;
  d.report(isms::DiagCode::SchemaType, "a.yaml", {1, 1}, "m");
  d.report(isms::DiagCode::SchemaEnum, "a.yaml", {1, 1}, "m");
  d.finish();
  CHECK(isms::code_name(d.items()[0].code) == "schema.enum");
}

#include <doctest/doctest.h>

#include "isms/format/tree.h"

using isms::YamlNode;

TEST_CASE("trees built in memory: keys replaced in place or appended, erased, typed by the one rule") {
  YamlNode m = isms::make_map({3, 1});
  isms::set_key(m, "b", isms::make_scalar(YamlNode::Kind::String, "x"));
  isms::set_key(m, "a", isms::number_or_text("1.50", {4, 2}));
  isms::set_key(m, "b", isms::make_scalar(YamlNode::Kind::String, "y"));
  REQUIRE(m.keys.size() == 2);
  CHECK(m.keys[0] == "b");
  CHECK(m.find("b")->text == "y");
  CHECK(m.find("a")->kind == YamlNode::Kind::Number);
  CHECK(m.find("a")->mark.line == 4);
  CHECK(isms::number_or_text("010", {}).kind == YamlNode::Kind::String);
  CHECK(isms::number_or_text("1e3", {}).kind == YamlNode::Kind::String);
  isms::erase_key(m, "b");
  CHECK_FALSE(m.find("b"));
  CHECK(m.keys.size() == 1);
}

TEST_CASE("trim") { CHECK(isms::trim("  a b \t") == "a b"); }

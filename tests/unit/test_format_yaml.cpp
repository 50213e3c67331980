#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "isms/format/yaml.h"

using isms::Diagnostics;
using isms::PlainType;
using isms::YamlNode;

namespace {

struct Parsed {
  std::optional<YamlNode> root;
  Diagnostics diags;
};

Parsed parse(const std::string& text, isms::YamlLimits limits = {}) {
  Parsed p;
  p.root = isms::parse_yaml(text, "f.yaml", p.diags, limits);
  p.diags.finish();
  return p;
}

// "line:col code" of the only diagnostic.
std::string only(const Parsed& p) {
  REQUIRE(p.diags.items().size() == 1);
  const auto& d = p.diags.items()[0];
  return std::to_string(d.mark.line) + ":" + std::to_string(d.mark.column) + " " + std::string(isms::code_name(d.code));
}

}  // namespace

TEST_CASE("plain scalars are typed by one rule that every reader agrees on") {
  struct Row {
    const char* text;
    PlainType type;
  };
  const Row rows[] = {
      {"", PlainType::Null},         {"~", PlainType::Null},          {"null", PlainType::Null},
      {"NULL", PlainType::Null},     {"true", PlainType::Bool},       {"False", PlainType::Bool},
      {"0", PlainType::Number},      {"95", PlainType::Number},       {"-3", PlainType::Number},
      {"99.95", PlainType::Number},  {"0.5", PlainType::Number},      {"-0.25", PlainType::Number},
      // YAML 1.1 booleans
      {"yes", PlainType::Ambiguous}, {"No", PlainType::Ambiguous},    {"on", PlainType::Ambiguous},
      {"OFF", PlainType::Ambiguous}, {"y", PlainType::Ambiguous},     {"N", PlainType::Ambiguous},
      // numbers some reader types differently
      {"010", PlainType::Ambiguous}, {"0x1F", PlainType::Ambiguous},  {"0o17", PlainType::Ambiguous},
      {"0b101", PlainType::Ambiguous}, {"1e3", PlainType::Ambiguous}, {"1.5e+3", PlainType::Ambiguous},
      {"+1", PlainType::Ambiguous},  {".5", PlainType::Ambiguous},    {"5.", PlainType::Ambiguous},
      {"1_000", PlainType::Ambiguous}, {"1:30", PlainType::Ambiguous}, {".inf", PlainType::Ambiguous},
      {"-.inf", PlainType::Ambiguous}, {".NaN", PlainType::Ambiguous}, {"1.2.3", PlainType::Ambiguous},
      {"<<", PlainType::Ambiguous},
      // text
      {"abc", PlainType::String},    {"2025-12-15", PlainType::String}, {"cc", PlainType::String},
      {"q1", PlainType::String},     {"1a", PlainType::String},       {"資安", PlainType::String},
      {"e5", PlainType::String},     {"-", PlainType::String},        {"v1.2", PlainType::String},
  };
  for (const auto& r : rows) {
    CAPTURE(r.text);
    CHECK(isms::classify_plain(r.text) == r.type);
  }
}

TEST_CASE("emitted scalars read back as the same string") {
  const char* values[] = {"yes", "no", "010", "1e3", "null", "~", "", "2025-12-15", "95", "true", "- x",
                          "a: b", "a #b", "[x]", "{y}", "*ref", "&a", "!tag", "%x", "@x", "`x`", "'q'",
                          "\"dq\"", "line\nbreak", " lead", "trail ", "資安事件通報時效", "plain text", "<<",
                          "1:30", "back\\slash", "tab\there", "ends:"};
  for (const char* v : values) {
    CAPTURE(v);
    const std::string doc = "k: " + isms::emit_scalar(v) + "\n";
    auto p = parse(doc);
    REQUIRE(p.root);
    CHECK(p.diags.empty());
    const YamlNode* k = p.root->find("k");
    REQUIRE(k != nullptr);
    CHECK(k->kind == YamlNode::Kind::String);
    CHECK(k->text == v);
  }
}

TEST_CASE("a well-formed record becomes a tree with 1-based code-point positions") {
  auto p = parse("項目: 資安事件\nlist:\n  - 1\n  - \"x\"\nempty:\nnested: {a: 2.5}\n");
  REQUIRE(p.root);
  CHECK(p.diags.empty());
  const YamlNode& r = *p.root;
  CHECK(r.is_map());
  CHECK(r.keys == std::vector<std::string>{"項目", "list", "empty", "nested"});
  const YamlNode* v = r.find("項目");
  REQUIRE(v);
  CHECK(v->mark.line == 1);
  CHECK(v->mark.column == 5);  // "項目: " is 4 code points
  CHECK(r.find("list")->children[0].kind == YamlNode::Kind::Number);
  CHECK(r.find("list")->children[1].kind == YamlNode::Kind::String);
  // yaml-cpp places an empty value at the next token; we report it at its key.
  CHECK(r.find("empty")->kind == YamlNode::Kind::Null);
  CHECK(r.find("empty")->mark.line == 5);
  CHECK(r.find("nested")->find("a")->text == "2.5");
  CHECK(r.key_mark("nested").line == 6);
  CHECK(r.key_mark("absent").line == r.mark.line);
}

TEST_CASE("columns on one long line count characters from the line's start") {
  auto q = parse("a: {項: 1, 目: \"二\", k: [甲, 乙]}\nx: {y: 資, z: 2}\n");
  REQUIRE(q.root);
  const YamlNode& a = *q.root->find("a");
  CHECK(a.find("項")->mark.column == 8);
  CHECK(a.find("目")->mark.column == 14);
  CHECK(a.find("k")->children[1].mark.column == 26);
  CHECK(q.root->find("x")->find("z")->mark.column == 14);
  CHECK(q.root->find("x")->find("z")->mark.line == 2);
}

TEST_CASE("loading is linear in the file's size, however long its lines") {
  // The same 40,000 values as one ~800 KB flow mapping on a single line and
  // as a block mapping of one line each. Marks on one line were once counted
  // from the line's start for every value (minutes for this input); now
  // both take about as long. A ratio, not a wall-clock limit, so a slow or
  // sanitized build passes as long as the growth is linear.
  static constexpr int kValues = 40000;
  std::string one_line = "{";
  std::string lines;
  for (int i = 0; i < kValues; ++i) {
    const std::string key = "k" + std::to_string(1000000 + i);
    one_line += (i ? ", " : "") + key + ": 資料值";
    lines += key + ": 資料值\n";
  }
  one_line += "}\n";
  REQUIRE(one_line.size() > 600 * 1024);
  REQUIRE(one_line.size() < 1024 * 1024);
  auto seconds = [](const std::string& text) {
    const auto start = std::chrono::steady_clock::now();
    auto p = parse(text);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    REQUIRE(p.root);
    CHECK(p.root->keys.size() == static_cast<std::size_t>(kValues));
    return took.count();
  };
  const double block = seconds(lines);
  const double flow = seconds(one_line);
  CAPTURE(block);
  CAPTURE(flow);
  CHECK(flow < 5 * block + 0.25);
  auto p = parse(one_line);
  // The last value starts 11 bytes before the end ("資料值}\n"); each of the
  // others before it is 9 bytes but 3 characters.
  const auto before = static_cast<int>(one_line.size()) - 11 - 6 * (kValues - 1);
  CHECK(p.root->children.back().mark.column == before + 1);
}

TEST_CASE("strict loader rejects what yaml-cpp would accept silently") {
  struct Row {
    const char* name;
    std::string text;
    const char* expected;  // "line:col code"
  };
  const Row rows[] = {
      {"duplicate key", "a: 1\nb: 2\na: 3\n", "3:1 yaml.duplicate-key"},
      {"alias", "a: &x 1\nb: *x\n", ""},
      {"tag", "a: !!str 010\n", "1:4 yaml.tag"},
      {"merge key", "base: {a: 1}\nb:\n  <<: {c: 2}\n", "3:3 yaml.merge-key"},
      {"second document", "a: 1\n---\nb: 2\n", "2:1 yaml.multiple-documents"},
      {"trailing junk", "{a: 1} trailing\n", "1:8 yaml.multiple-documents"},
      {"unterminated quote", "a: \"unterminated\n", "1:4 yaml.unterminated-string"},
      {"unterminated single quote", "a: 'it''s\n", "1:4 yaml.unterminated-string"},
      {"ambiguous boolean", "a: yes\n", "1:4 yaml.ambiguous-scalar"},
      {"octal-looking", "a: 010\n", "1:4 yaml.ambiguous-scalar"},
      {"numeric key", "1: a\n", "1:1 yaml.key-type"},
      {"null key", "~: a\n", "1:1 yaml.key-type"},
      {"complex key", "? [a]\n: b\n", "1:3 yaml.key-type"},
      {"empty", "", "0:0 yaml.empty"},
      {"comment only", "# nothing\n", "0:0 yaml.empty"},
      {"bom", "\xEF\xBB\xBF" "a: 1\n", "1:1 encoding.bom"},
      {"big5", "a: \xB8\xEA\xA6\x77\n", "1:4 encoding.utf8"},
      {"overlong utf-8", "a: \xC0\xAF\n", "1:4 encoding.utf8"},
      {"nul byte", std::string("a: 1\n\0b: 2\n", 11), "2:1 encoding.control-character"},
      {"syntax", "a: [1, 2\n", "2:1 yaml.syntax"},
  };
  for (const auto& r : rows) {
    const std::string name = r.name;
    CAPTURE(name);
    auto p = parse(r.text);
    if (name == "alias") {
      // the anchor and the alias are each reported
      REQUIRE(p.diags.items().size() == 2);
      CHECK(isms::code_name(p.diags.items()[0].code) == "yaml.anchor");
      CHECK(isms::code_name(p.diags.items()[1].code) == "yaml.alias");
      CHECK(p.diags.items()[1].mark.line == 2);
      continue;
    }
    CHECK(only(p) == r.expected);
  }
}

TEST_CASE("a duplicate key keeps the first value and names where it was") {
  auto p = parse("a: 1\na: 2\n");
  REQUIRE(p.root);
  CHECK(p.root->find("a")->text == "1");
  CHECK(p.diags.items()[0].message == "duplicate key 'a' (first defined at line 1, column 1)");
}

TEST_CASE("resource bounds stop hostile input early") {
  SUBCASE("depth") {
    std::string deep = "a: " + std::string(10000, '[') + std::string(10000, ']') + "\n";
    auto p = parse(deep);
    CHECK_FALSE(p.root);
    CHECK(isms::code_name(p.diags.items()[0].code) == "yaml.too-deep");
  }
  SUBCASE("alias bomb is refused at the first anchor, never expanded") {
    std::string bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i <= 9; ++i) {
      bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
      for (int j = 0; j < 9; ++j) bomb += (j ? ", *a" : "*a") + std::to_string(i - 1);
      bomb += "]\n";
    }
    auto p = parse(bomb);
    REQUIRE(p.root);
    CHECK(p.root->keys.size() == 10);
    // five listed, then one line counting the other 86 of 10 anchors + 81 aliases
    REQUIRE(p.diags.error_count() == 6);
    CHECK(p.diags.items()[0].message == "86 more anchors or aliases in this file are not listed");
  }
  SUBCASE("size") {
    isms::YamlLimits small;
    small.max_bytes = 10;
    auto p = parse("a: 12345678901\n", small);
    CHECK_FALSE(p.root);
    CHECK(only(p) == "0:0 file.too-large");
  }
  SUBCASE("node count") {
    isms::YamlLimits small;
    small.max_nodes = 50;
    std::string many = "a: [";
    for (int i = 0; i < 100; ++i) many += "1, ";
    many += "1]\n";
    auto p = parse(many, small);
    CHECK_FALSE(p.root);
    CHECK(only(p) == "0:0 yaml.too-large");
  }
}

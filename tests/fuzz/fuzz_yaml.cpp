// The strict YAML loader on arbitrary bytes. Besides crashes, leaks and
// hangs, it checks that diagnostics stay one line each, and that every
// string the loader accepts (keys and values) survives emit_scalar: written
// by the emitter and read back, it is the same string, which is the promise
// behind every file the tool writes.
#include <cstdint>
#include <string>

#include "fuzz_common.h"
#include "isms/base/text.h"
#include "isms/format/yaml.h"

namespace {

void check_round_trip(const std::string& s) {
  if (isms::check_record_text(s)) return;  // refused by the loader (an escape made a control character)
  const std::string doc = "k: " + isms::emit_scalar(s) + "\n";
  isms::Diagnostics diags;
  const auto back = isms::parse_yaml(doc, "emitted.yaml", diags);
  if (!back || diags.has_errors()) fuzz::fail("an emitted scalar does not load");
  const isms::YamlNode* v = back->find("k");
  if (!v || v->kind != isms::YamlNode::Kind::String || v->text != s) fuzz::fail("emit_scalar round trip");
}

void check_strings(const isms::YamlNode& node) {
  if (node.kind == isms::YamlNode::Kind::String) check_round_trip(node.text);
  for (const auto& key : node.keys) check_round_trip(key);
  for (const auto& child : node.children) check_strings(child);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  isms::Diagnostics diags;
  const auto root = isms::parse_yaml(fuzz::bytes_of(data, size), "fuzz.yaml", diags);
  fuzz::check_diagnostics(diags);
  if (root) check_strings(*root);  // depth is bounded by the loader
  return 0;
}

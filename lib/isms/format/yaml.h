// Strict YAML loading for record files.
//
// Records are read through yaml-cpp's event API, never YAML::Load, so that
// every rule below is enforced rather than silently relaxed:
//   * the bytes are UTF-8 (no BOM, no control characters) and at most
//     `max_bytes` long; nesting is at most `max_depth` deep;
//   * exactly one document, nothing after it;
//   * no anchors, aliases, explicit tags or `<<` merge keys;
//   * no duplicate mapping keys; keys are text;
//   * quoted scalars are closed (yaml-cpp accepts `"unterminated`).
//
// Typing rule (documented in docs/formats.md): quoted and block scalars are
// strings. A plain scalar is null (`null`, `Null`, `NULL`, `~`, empty), a
// boolean (`true`/`false` in three casings), a number when it is written
// `-?(0|[1-9][0-9]*)(\.[0-9]+)?`, and a string otherwise. Plain scalars that
// YAML 1.1 readers would type differently from YAML 1.2 readers — `yes`,
// `no`, `on`, `off`, `y`, `n`, `010`, `0x1F`, `1e3`, `+1`, `.5`, `.inf`,
// `1_000`, `1:30` — are rejected with a request to quote or rewrite them, so
// a record means the same thing to yaml-cpp, PyYAML and js-yaml.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "isms/base/diagnostic.h"

namespace isms {

struct YamlNode {
  enum class Kind : unsigned char { Null, Bool, Number, String, Map, Seq };

  Kind kind = Kind::Null;
  std::string text;  // scalar value; for Number the literal as written
  Mark mark;
  // Map: keys[i] (at key_marks[i]) maps to children[i]; Seq: children only.
  std::vector<std::string> keys;
  std::vector<Mark> key_marks;
  std::vector<YamlNode> children;

  bool is_map() const { return kind == Kind::Map; }
  bool is_seq() const { return kind == Kind::Seq; }
  bool is_scalar() const { return kind != Kind::Map && kind != Kind::Seq; }

  // Map lookup; nullptr when absent or when this is not a map.
  const YamlNode* find(std::string_view key) const;
  // Mark of `key` in this map, or this node's own mark when absent (a missing
  // key is reported at its parent map).
  Mark key_mark(std::string_view key) const;
};

std::string_view kind_name(YamlNode::Kind k);

struct YamlLimits {
  std::size_t max_bytes = 1024 * 1024;
  int max_depth = 32;
  std::size_t max_nodes = 200000;
};

// Parses one record file. Problems are appended to `diags` under `file`.
// Returns the root node when the text could be read as a tree at all (it may
// still carry non-fatal problems such as a duplicate key, whose first value
// is kept); returns nullopt on fatal problems (encoding, syntax, depth).
// Never throws except std::bad_alloc.
std::optional<YamlNode> parse_yaml(std::string_view bytes, const std::string& file,
                                   Diagnostics& diags, const YamlLimits& limits = {});

// Classification of a plain scalar under the typing rule above.
enum class PlainType { Null, Bool, Number, String, Ambiguous };
PlainType classify_plain(std::string_view s);

// True when `s` would not read back as the same string from a plain scalar in
// yaml-cpp, PyYAML and js-yaml, so an emitter must quote it.
bool needs_quotes(std::string_view s);

// `s` as a YAML scalar that reads back as the same string everywhere: plain
// when safe, else double-quoted with escapes.
std::string emit_scalar(std::string_view s);

}  // namespace isms

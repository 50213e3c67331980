// Building YAML trees in memory, for records made from options and imports
// before they go through the same checks as files.
#pragma once

#include <string>
#include <string_view>

#include "isms/format/yaml.h"

namespace isms {

std::string trim(std::string_view s);

// One named field as text, from an option, a CSV cell or a YAML mapping.
struct FieldText {
  std::string name;  // a field (docs/formats.md) or its form label, e.g. 目標值
  std::string text;
  Mark mark;
};


// A field name or form label (目標值) and the field it stands for.
struct FieldAlias {
  std::string_view name;
  std::string_view field;
};
// The field `name` (trimmed) stands for in `aliases`, or empty.
template <std::size_t N>
std::string lookup_field(const FieldAlias (&aliases)[N], std::string_view name) {
  const std::string n = trim(name);
  for (const auto& a : aliases) {
    if (a.name == n) return std::string(a.field);
  }
  return {};
}
YamlNode make_scalar(YamlNode::Kind kind, std::string text, Mark at = {});
YamlNode make_map(Mark at = {});
// A number node when `text` is a plain decimal under the typing rule, else text
// (which the schema then reports as the wrong type, at `at`).
YamlNode number_or_text(const std::string& text, Mark at);
// Replaces `key`'s value, or appends the key.
void set_key(YamlNode& map, const std::string& key, YamlNode value, Mark key_mark = {});
void erase_key(YamlNode& map, std::string_view key);

}  // namespace isms

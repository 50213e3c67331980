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


YamlNode make_scalar(YamlNode::Kind kind, std::string text, Mark at = {});
YamlNode make_map(Mark at = {});
// A number node when `text` is a plain decimal under the typing rule, else text
// (which the schema then reports as the wrong type, at `at`).
YamlNode number_or_text(const std::string& text, Mark at);
// Replaces `key`'s value, or appends the key.
void set_key(YamlNode& map, const std::string& key, YamlNode value, Mark key_mark = {});
void erase_key(YamlNode& map, std::string_view key);

}  // namespace isms

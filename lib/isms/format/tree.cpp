#include "isms/format/tree.h"

namespace isms {

std::string trim(std::string_view s) {
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return std::string(s);
}

YamlNode make_scalar(YamlNode::Kind kind, std::string text, Mark at) {
  YamlNode n;
  n.kind = kind;
  n.text = std::move(text);
  n.mark = at;
  return n;
}

YamlNode make_map(Mark at) {
  YamlNode n;
  n.kind = YamlNode::Kind::Map;
  n.mark = at;
  return n;
}

YamlNode number_or_text(const std::string& text, Mark at) {
  return make_scalar(classify_plain(text) == PlainType::Number ? YamlNode::Kind::Number : YamlNode::Kind::String,
                     text, at);
}

void set_key(YamlNode& map, const std::string& key, YamlNode value, Mark key_mark) {
  for (std::size_t i = 0; i < map.keys.size(); ++i) {
    if (map.keys[i] == key) {
      map.children[i] = std::move(value);
      return;
    }
  }
  map.keys.push_back(key);
  map.key_marks.push_back(key_mark);
  map.children.push_back(std::move(value));
}

void erase_key(YamlNode& map, std::string_view key) {
  for (std::size_t i = 0; i < map.keys.size(); ++i) {
    if (map.keys[i] == key) {
      map.keys.erase(map.keys.begin() + static_cast<long>(i));
      map.key_marks.erase(map.key_marks.begin() + static_cast<long>(i));
      map.children.erase(map.children.begin() + static_cast<long>(i));
      return;
    }
  }
}

}  // namespace isms

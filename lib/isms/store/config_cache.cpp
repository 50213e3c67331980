#include "isms/store/config_cache.h"

#include "isms/format/digest.h"

namespace isms {

std::optional<YamlNode> parse_config_cached(Env& env, const std::filesystem::path& root, const std::string& tool_id,
                                            std::string_view bytes, const std::string& rel, Diagnostics& diags,
                                            const YamlLimits& limits) {
  if (tool_id.empty()) return parse_yaml(bytes, rel, diags, limits);
  const std::string key = sha256_hex(tool_id + "\n" + sha256_hex(bytes)) + "\n";
  std::string cached;
  bool truncated = false;
  if (env.read_store_file(root, kConfigCache, std::size_t{64} << 20, &cached, &truncated).is_ok() && !truncated &&
      std::string_view(cached).substr(0, key.size()) == key) {
    if (auto tree = read_tree(std::string_view(cached).substr(key.size()))) return tree;
  }
  Diagnostics found;
  auto tree = parse_yaml(bytes, rel, found, limits);
  if (tree && found.items().empty()) {
    (void)env.write_store_file(root, kConfigCache, key + write_tree(*tree), /*exclusive=*/false, /*durable=*/false);
  }
  diags.append(found);
  return tree;
}

}  // namespace isms

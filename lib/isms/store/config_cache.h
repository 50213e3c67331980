// The configuration's parsed tree, cached in .isms-obj/cache/config (git-
// ignored): the one large file of a large store, read by every command.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "isms/base/diagnostic.h"
#include "isms/format/yaml.h"
#include "isms/sys/env.h"

namespace isms {

inline constexpr std::string_view kConfigCache = ".isms-obj/cache/config";

// The tree of the configuration `bytes` (store file `rel`): from the cache
// when it was made by the same parser (`tool_id`) from the same bytes (their
// SHA-256), else parsed, and cached when the parse was clean. An empty
// `tool_id` neither reads nor writes the cache. Cache problems (missing,
// damaged, read-only store) only cost the parse.
std::optional<YamlNode> parse_config_cached(Env& env, const std::filesystem::path& root, const std::string& tool_id,
                                            std::string_view bytes, const std::string& rel, Diagnostics& diags,
                                            const YamlLimits& limits);

}  // namespace isms

// Files compiled into the binary (the JSON Schemas of schemas/).
#pragma once

#include <string_view>
#include <vector>

namespace isms {

// Contents of embedded file `name` ("config", "setting", …); empty if unknown.
std::string_view embedded_file(std::string_view name);
const std::vector<std::string_view>& embedded_names();

}  // namespace isms

// Typed records from schema-valid YAML trees: the one place where the model
// meets the YAML it was read from (store/model.h holds no tree).
#pragma once

#include <string>

#include "isms/base/diagnostic.h"
#include "isms/format/yaml.h"
#include "isms/store/model.h"

namespace isms {

// Builders from a schema-valid tree. Values that the schema cannot rule out
// but the domain does (2027-02-30, 7 decimal places, 10^15) are reported to
// `diags` and the builder still returns a record with the field unset.
Config build_config(const YamlNode& root, const std::string& file, Diagnostics& diags);
SettingTable build_setting(const YamlNode& root, const std::string& file, Diagnostics& diags);
Approval build_approval(const YamlNode& root, const std::string& file, Diagnostics& diags);
Result build_result(const YamlNode& root, const std::string& file, Diagnostics& diags);
Review build_review(const YamlNode& root, const std::string& file, Diagnostics& diags);
Referral build_referral(const YamlNode& root, const std::string& file, Diagnostics& diags);
Confirmation build_confirmation(const YamlNode& root, const std::string& file, Diagnostics& diags);

}  // namespace isms

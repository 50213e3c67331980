// Structural validation against the JSON Schemas in schemas/.
//
// The schemas are compiled into the binary from the very files shipped in
// schemas/ (and installed for editors), so the command-line validator and a
// yaml-language-server modeline judge a record by the same rules. Records are
// converted to JSON under the typing rule of yaml.h and validated with
// valijson (draft-07); its findings become diagnostics located at the
// offending YAML node.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "isms/base/diagnostic.h"
#include "isms/format/yaml.h"
#include "isms/store/layout.h"

namespace isms {

class SchemaValidator {
 public:
  // Parses the embedded schemas; throws std::runtime_error if one is broken
  // (a build defect, never a user error).
  SchemaValidator();
  ~SchemaValidator();
  SchemaValidator(const SchemaValidator&) = delete;
  SchemaValidator& operator=(const SchemaValidator&) = delete;

  // Appends one diagnostic per schema violation; returns true when none.
  // Not thread-safe (valijson caches compiled patterns): one per thread.
  bool validate(RecordKind kind, const YamlNode& root, const std::string& file, Diagnostics& diags);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace isms

#include "isms/store/schema.h"

#include <charconv>
#include <cstdlib>
#include <map>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "isms/base/decimal.h"
#include "isms/base/i18n.h"
#include "isms/store/embedded.h"

namespace isms {

using nlohmann::json;

namespace {

// A number outside the records' decimal domain (more than 6 fraction
// digits, magnitude beyond 10^12) is the loader's to report: value.number
// names both limits, and reports every such number of the record, where a
// schema error would stop the record at the first. The schema then sees 0.
// The schemas state the same range for other JSON Schema readers.
json number_to_json(const std::string& text) {
  if (!Decimal::parse(text)) return json(0);
  if (text.find('.') == std::string::npos) {
    long long v = 0;
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (ec == std::errc() && ptr == end) return json(v);
  }
  return json(std::strtod(text.c_str(), nullptr));
}

json to_json(const YamlNode& n) {
  switch (n.kind) {
    case YamlNode::Kind::Null: return json(nullptr);
    case YamlNode::Kind::Bool: return json(n.text == "true" || n.text == "True" || n.text == "TRUE");
    case YamlNode::Kind::Number: return number_to_json(n.text);
    case YamlNode::Kind::String: return json(n.text);
    case YamlNode::Kind::Seq: {
      json a = json::array();
      for (const auto& c : n.children) a.push_back(to_json(c));
      return a;
    }
    case YamlNode::Kind::Map: {
      json o = json::object();
      for (std::size_t i = 0; i < n.keys.size(); ++i) o[n.keys[i]] = to_json(n.children[i]);
      return o;
    }
  }
  return json(nullptr);
}

// One step of a valijson context ("[objectives]", "[0]") applied to the
// instance tree.
struct Located {
  const YamlNode* node = nullptr;
  std::string field;  // display path: objectives[0].target
};

Located locate(const YamlNode& root, const std::vector<std::string>& context,
               std::vector<std::string>* steps) {
  Located at{&root, ""};
  for (const auto& element : context) {
    if (element.size() < 2 || element.front() != '[' || element.back() != ']') continue;
    const std::string step = element.substr(1, element.size() - 2);
    if (at.node == nullptr) break;
    if (at.node->is_map()) {
      at.node = at.node->find(step);
      at.field += at.field.empty() ? step : "." + step;
    } else if (at.node->is_seq()) {
      std::size_t index = 0;
      auto [ptr, ec] = std::from_chars(step.data(), step.data() + step.size(), index);
      at.node = (ec == std::errc() && index < at.node->children.size()) ? &at.node->children[index] : nullptr;
      at.field += "[" + step + "]";
    } else {
      at.node = nullptr;
    }
    if (steps) steps->push_back(step);
  }
  return at;
}

// The subschema that governs the instance at `steps`, following $ref,
// properties, additionalProperties and items; nullptr when not determined.
const json* resolve_ref(const json& root, const json* s) {
  for (int guard = 0; s && s->is_object() && s->contains("$ref") && guard < 16; ++guard) {
    const std::string ref = (*s)["$ref"].get<std::string>();
    const std::string prefix = "#/definitions/";
    if (ref.rfind(prefix, 0) != 0) return nullptr;
    const auto& defs = root["definitions"];
    auto it = defs.find(ref.substr(prefix.size()));
    s = it == defs.end() ? nullptr : &*it;
  }
  return s;
}

const json* subschema_at(const json& root, const YamlNode& instance, const std::vector<std::string>& steps) {
  const json* s = resolve_ref(root, &root);
  const YamlNode* node = &instance;
  for (const auto& step : steps) {
    if (!s || !s->is_object() || !node) return nullptr;
    if (node->is_map()) {
      const json* next = nullptr;
      if (auto p = s->find("properties"); p != s->end() && p->contains(step)) next = &(*p)[step];
      if (!next) {
        if (auto ap = s->find("additionalProperties"); ap != s->end() && ap->is_object()) next = &*ap;
      }
      s = resolve_ref(root, next);
      node = node->find(step);
    } else if (node->is_seq()) {
      auto it = s->find("items");
      s = it == s->end() ? nullptr : resolve_ref(root, &*it);
      std::size_t index = 0;
      std::from_chars(step.data(), step.data() + step.size(), index);
      node = index < node->children.size() ? &node->children[index] : nullptr;
    } else {
      return nullptr;
    }
  }
  return s;
}

std::string describe_types(const json& type) {
  static const std::map<std::string, std::string> names = {
      {"number", "a number"}, {"integer", "a whole number"}, {"string", "text"},
      {"object", "a mapping"}, {"array", "a list"},           {"null", "null"},
      {"boolean", "true or false"}};
  std::vector<std::string> parts;
  auto add = [&](const json& t) {
    if (!t.is_string()) return;
    auto it = names.find(t.get<std::string>());
    parts.push_back(it == names.end() ? t.get<std::string>() : it->second);
  };
  if (type.is_array()) {
    for (const auto& t : type) add(t);
  } else {
    add(type);
  }
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " or " : ", ";
    out += parts[i];
  }
  return out;
}

std::string scalar_display(const YamlNode& n) {
  if (n.is_scalar() && n.kind != YamlNode::Kind::Null) {
    return n.kind == YamlNode::Kind::String ? fmt::format("'{}'", n.text) : n.text;
  }
  return std::string(kind_name(n.kind));
}

std::string quoted_list(const json& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ", ";
    out += values[i].is_string() ? values[i].get<std::string>() : values[i].dump();
  }
  return out;
}

bool starts_with(const std::string& s, std::string_view p) { return s.rfind(p, 0) == 0; }

// Text between the last pair of single quotes: the property valijson names.
std::string quoted_name(const std::string& description) {
  const auto close = description.rfind('\'');
  if (close == std::string::npos || close == 0) return {};
  const auto open = description.rfind('\'', close - 1);
  if (open == std::string::npos) return {};
  return description.substr(open + 1, close - open - 1);
}

}  // namespace

struct SchemaValidator::Impl {
  struct Entry {
    json document;
    valijson::Schema schema;
  };
  std::map<RecordKind, Entry> entries;
  valijson::Validator validator{valijson::Validator::kStrongTypes};
};

SchemaValidator::SchemaValidator() : impl_(std::make_unique<Impl>()) {
  for (RecordKind kind : kAllRecordKinds) {
    const std::string_view text = embedded_file(record_kind_name(kind));
    if (text.empty()) throw std::runtime_error(trf("schema '{}' is not embedded", record_kind_name(kind)));
    auto& entry = impl_->entries[kind];
    entry.document = json::parse(text);
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(entry.document);
    parser.populateSchema(adapter, entry.schema);
  }
}

SchemaValidator::~SchemaValidator() = default;

bool SchemaValidator::validate(RecordKind kind, const YamlNode& root, const std::string& file,
                               Diagnostics& diags) {
  auto& entry = impl_->entries.at(kind);
  const json instance = to_json(root);
  valijson::adapters::NlohmannJsonAdapter target(instance);
  valijson::ValidationResults results;
  if (impl_->validator.validate(entry.schema, target, &results)) return true;

  std::size_t reported = 0;
  struct Missing {
    std::string field;
    Mark mark;
    std::vector<std::string> names;
  };
  // One diagnostic per mapping; output order comes from sorting by position.
  std::map<const YamlNode*, Missing> missing;
  std::vector<valijson::ValidationResults::Error> errors(results.begin(), results.end());
  for (const auto& e : errors) {
    const std::string& d = e.description;
    // valijson reports each failure again at every enclosing level; only the
    // innermost report names the actual problem.
    if (starts_with(d, "Failed to validate") || starts_with(d, "Cannot validate")) continue;
    std::vector<std::string> steps;
    const Located at = locate(root, e.context, &steps);
    const json* sub = subschema_at(entry.document, root, steps);
    const std::string field = at.field.empty() ? std::string("record") : fmt::format("'{}'", at.field);
    const Mark mark = at.node ? at.node->mark : root.mark;
    const std::string found = at.node ? scalar_display(*at.node) : std::string("nothing");
    ++reported;

    if (starts_with(d, "Missing required property")) {
      auto& group = missing[at.node];
      if (group.names.empty()) {
        group.field = at.field;
        group.mark = mark;
      }
      group.names.push_back(quoted_name(d));
    } else if (starts_with(d, "Object contains a property")) {
      const std::string name = quoted_name(d);
      std::string allowed;
      if (sub && sub->contains("properties")) {
        for (const auto& [k, v] : (*sub)["properties"].items()) allowed += (allowed.empty() ? "" : ", ") + k;
      }
      diags.report(DiagCode::SchemaUnknownField, file, at.node ? at.node->key_mark(name) : mark,
                  allowed.empty() ? trf("unknown field '{}'", name)
                                  : trf("unknown field '{}' (expected one of: {})", name, allowed));
    } else if (starts_with(d, "Value type not permitted")) {
      const std::string expected = sub && sub->contains("type") ? describe_types((*sub)["type"]) : "another type";
      diags.report(DiagCode::SchemaType, file, mark, trf("{} must be {}, not {}", field, expected, found));
    } else if (starts_with(d, "Failed to match against any enum")) {
      const std::string allowed = sub && sub->contains("enum") ? quoted_list((*sub)["enum"]) : "";
      diags.report(DiagCode::SchemaEnum, file, mark, trf("{} must be one of: {} (found {})", field, allowed, found));
    } else if (starts_with(d, "Failed to match expected value set by 'const'")) {
      const std::string expected = sub && sub->contains("const") ? quoted_list(json::array({(*sub)["const"]})) : "";
      diags.report(DiagCode::SchemaConst, file, mark, trf("{} must be {} (found {})", field, expected, found));
    } else if (starts_with(d, "Failed to match regex")) {
      const std::string what = sub && sub->contains("description") ? (*sub)["description"].get<std::string>()
                                                                     : "in the expected form";
      diags.report(DiagCode::SchemaPattern, file, mark, trf("{} {} is not {}", field, found, what));
    } else if (starts_with(d, "Expected number ")) {
      // valijson prints bounds as doubles ("4.00000"); the schema has them as written.
      std::string bound = d.substr(16, d.size() - 17);
      if (sub && d.find("less than") != std::string::npos && sub->contains("maximum")) {
        bound = trf("at most {}", (*sub)["maximum"].dump());
      } else if (sub && d.find("greater than") != std::string::npos && sub->contains("minimum")) {
        bound = trf("at least {}", (*sub)["minimum"].dump());
      }
      diags.report(DiagCode::SchemaRange, file, mark, trf("{} must be {} (found {})", field, bound, found));
    } else if (starts_with(d, "String should be no fewer")) {
      diags.report(DiagCode::SchemaEmpty, file, mark, trf("{} must not be empty", field));
    } else if (starts_with(d, "Array should contain no fewer")) {
      diags.report(DiagCode::SchemaEmpty, file, mark, trf("{} must list at least one item", field));
    } else {
      diags.report(DiagCode::SchemaInvalid, file, mark, fmt::format("{}: {}", field, d));
    }
  }
  for (const auto& [node, m] : missing) {
    std::string names;
    for (const auto& n : m.names) names += (names.empty() ? "'" : ", '") + n + "'";
    const char* plural = m.names.size() == 1 ? "field" : "fields";
    diags.report(DiagCode::SchemaMissingField, file, m.mark,
                m.field.empty() ? trf("missing required {} {}", plural, names)
                                : trf("'{}' is missing required {} {}", m.field, plural, names));
  }
  if (reported == 0) {
    diags.report(DiagCode::SchemaInvalid, file, root.mark,
                trf("record does not match the {} schema", record_kind_name(kind)));
  }
  return false;
}

}  // namespace isms

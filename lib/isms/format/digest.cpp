#include "isms/format/digest.h"

#include <openssl/evp.h>

#include <algorithm>
#include <memory>
#include <numeric>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "isms/base/decimal.h"

namespace isms {

namespace {

void canon(const YamlNode& n, std::string& out, std::initializer_list<std::string_view> skip) {
  switch (n.kind) {
    case YamlNode::Kind::Null: out += "null"; return;
    case YamlNode::Kind::Bool:
      out += (n.text == "true" || n.text == "True" || n.text == "TRUE") ? "true" : "false";
      return;
    case YamlNode::Kind::Number: {
      auto d = Decimal::parse(n.text);
      out += d ? d->to_string() : n.text;
      return;
    }
    case YamlNode::Kind::String: out += nlohmann::json(n.text).dump(); return;
    case YamlNode::Kind::Seq:
      out += '[';
      for (std::size_t i = 0; i < n.children.size(); ++i) {
        if (i) out += ',';
        canon(n.children[i], out, {});
      }
      out += ']';
      return;
    case YamlNode::Kind::Map: {
      std::vector<std::size_t> order(n.keys.size());
      std::iota(order.begin(), order.end(), 0);
      std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return n.keys[a] < n.keys[b]; });
      out += '{';
      bool first = true;
      for (std::size_t i : order) {
        if (std::find(skip.begin(), skip.end(), n.keys[i]) != skip.end()) continue;
        // A field set to null says no more than a field left out (schemas
        // make every nullable field optional), and the emitter may write
        // either, so both have one canonical form: absent.
        if (n.children[i].kind == YamlNode::Kind::Null) continue;
        if (!first) out += ',';
        first = false;
        out += nlohmann::json(n.keys[i]).dump();
        out += ':';
        canon(n.children[i], out, {});
      }
      out += '}';
      return;
    }
  }
}

}  // namespace

std::string canonical_json(const YamlNode& node, std::initializer_list<std::string_view> skip) {
  std::string out;
  canon(node, out, skip);
  return out;
}

std::string signed_content(const YamlNode& root, Signed what) {
  switch (what) {
    case Signed::Act: return canonical_json(root, {"signature"});
    case Signed::ReferralDecision:
      return canonical_json(root, {"signature", "state", "case", "closed", "closed_by", "closing_note",
                                   "closing_signature"});
    case Signed::ReferralClosing: return canonical_json(root, {"closing_signature"});
  }
  return {};
}

std::string sha256_hex(std::string_view bytes) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), bytes.data(), bytes.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), md, &len) != 1) {
    throw std::runtime_error("SHA-256 failed in libcrypto");
  }
  std::string hex;
  for (unsigned int i = 0; i < len; ++i) hex += fmt::format("{:02x}", md[i]);
  return hex;
}

std::string setting_digest(const YamlNode& setting_root) {
  return "sha256:" +
         sha256_hex(canonical_json(setting_root, {"revision", "status", "updated", "note", "carried_from"}));
}

// The measurement definition of an objective, as approvals snapshot it.
std::string measurement_json(const YamlNode& objective) {
  static constexpr std::string_view kept[] = {"id", "item", "comparison", "target", "unit", "precision",
                                              "aggregation", "numerator", "denominator", "quarter_targets"};
  YamlNode subset;
  subset.kind = YamlNode::Kind::Map;
  for (std::size_t i = 0; i < objective.keys.size(); ++i) {
    if (std::find(std::begin(kept), std::end(kept), objective.keys[i]) == std::end(kept)) continue;
    subset.keys.push_back(objective.keys[i]);
    subset.key_marks.push_back(objective.key_marks[i]);
    subset.children.push_back(objective.children[i]);
  }
  return canonical_json(subset);
}

std::string ssh_fingerprint(std::string_view public_key) {
  // The second field of "type base64 [comment]".
  auto fields_start = public_key.find_first_not_of(" \t");
  if (fields_start == std::string_view::npos) return {};
  const auto type_end = public_key.find_first_of(" \t", fields_start);
  if (type_end == std::string_view::npos) return {};
  const auto blob_start = public_key.find_first_not_of(" \t", type_end);
  if (blob_start == std::string_view::npos) return {};
  auto blob_end = public_key.find_first_of(" \t\r\n", blob_start);
  if (blob_end == std::string_view::npos) blob_end = public_key.size();
  const std::string_view b64 = public_key.substr(blob_start, blob_end - blob_start);
  if (b64.empty() || b64.size() % 4 != 0 || b64.size() > 16384) return {};
  std::vector<unsigned char> blob(b64.size() / 4 * 3 + 1);
  const int n = EVP_DecodeBlock(blob.data(), reinterpret_cast<const unsigned char*>(b64.data()),
                                static_cast<int>(b64.size()));
  if (n < 0) return {};
  // EVP_DecodeBlock counts the bytes the '=' padding stands for.
  const std::size_t pad = static_cast<std::size_t>(std::count(b64.end() - 2, b64.end(), '='));
  const std::size_t size = static_cast<std::size_t>(n) - pad;
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int md_len = 0;
  if (EVP_Digest(blob.data(), size, md, &md_len, EVP_sha256(), nullptr) != 1) return {};
  std::vector<unsigned char> text(4 * ((md_len + 2) / 3) + 1);
  const int written = EVP_EncodeBlock(text.data(), md, static_cast<int>(md_len));
  std::string out(reinterpret_cast<const char*>(text.data()), static_cast<std::size_t>(written));
  while (!out.empty() && out.back() == '=') out.pop_back();
  return "SHA256:" + out;
}

}  // namespace isms

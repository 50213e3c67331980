// Content digests that bind an approval to what it approved.
//
// The digest is over the canonical form of a setting table (docs/formats.md,
// "Digest"): its fields except the bookkeeping ones (revision, status,
// updated, note, carried_from), as JSON with sorted keys, no whitespace and
// numbers in shortest exact decimal form. Formatting, key order and comments
// do not change it; any value does.
#pragma once

#include <string>
#include <string_view>

#include "isms/format/yaml.h"

namespace isms {

// Canonical JSON text of any tree (numbers normalised, keys sorted); the
// top-level keys in `skip` are left out.
std::string canonical_json(const YamlNode& node, std::initializer_list<std::string_view> skip = {});

// What a signature of a record covers (docs/trust.md): the record's
// canonical JSON without some top-level keys.
enum class Signed {
  Act,               // an approval, review or confirmation: all but `signature`
  ReferralDecision,  // a referral as decided (raised or waived): all but what closing adds or changes
                     // (state, case, closed, closed_by, closing_note) and both signatures, so closing
                     // leaves it valid
  ReferralClosing,   // a referral as closed: all but `closing_signature`
};
std::string signed_content(const YamlNode& root, Signed what);

// The canonical JSON of an objective's measurement definition (id, item,
// comparison, target, unit, precision, aggregation, numerator, denominator,
// quarter_targets): what an approval's snapshot of it holds.
std::string measurement_json(const YamlNode& objective);

// "sha256:" + lowercase hex SHA-256 of the table's canonical form.
std::string setting_digest(const YamlNode& setting_root);

// Lowercase hex SHA-256 of `bytes` (OpenSSL libcrypto).
std::string sha256_hex(std::string_view bytes);

// The fingerprint `ssh-keygen -l` shows for an OpenSSH public key line
// ("ssh-ed25519 AAAA… comment"): "SHA256:" + the unpadded base64 SHA-256 of
// the key blob. Empty when the line holds no base64 key blob.
std::string ssh_fingerprint(std::string_view public_key);

}  // namespace isms

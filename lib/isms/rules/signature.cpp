#include "isms/rules/signature.h"

#include <fmt/format.h>

#include "isms/base/i18n.h"
#include "isms/format/digest.h"

namespace isms {

namespace {

// One signed act: who signed what, on which day, under which namespace.
struct Act {
  const std::string& file;
  const Marks& marks;
  const std::string& signer;
  const std::optional<Date>& date;
  const std::string& signature;
  const std::string& content;
  const char* ns;
  DiagCode unsigned_code, invalid_code;
  std::string how_to_sign;  // the command that signs such an act
  std::string_view key = "signature";  // the field holding the signature
};

void check_act(const Config& config, Env* env, const Act& a, Diagnostics& diags) {
  if (a.signature.empty()) {
    if (config.policy.signature_required_on(a.date)) {
      diags.report(a.unsigned_code, a.file, a.marks.root(),
                   trf("{}, and policy.signatures is required: {}",
                               a.key == "signature" ? std::string(tr("not signed")) : trf("no {}", a.key), a.how_to_sign));
    }
    return;
  }
  const Person* signer = config.person(a.signer);
  if (!env || !signer || !a.date) return;  // an unknown person or date is reported by other rules
  // Only the signer's keys, and only those valid on the act's date: a key
  // retired since still vouches for what it signed before.
  std::string allowed;
  for (const auto& k : signer->keys) {
    if (k.valid_on(*a.date)) allowed += fmt::format("{} namespaces=\"{}\" {}\n", a.signer, a.ns, k.key);
  }
  const Mark at = a.marks.at(a.key);
  if (allowed.empty()) {
    diags.report(a.invalid_code, a.file, at,
                 trf("'{}' has no key valid on {} in isms-obj.yaml (people: keys), so the signature cannot be "
                             "theirs",
                             a.signer, a.date->iso()));
    return;
  }
  bool valid = false;
  std::string why;
  if (Status s = env->ssh_verify(allowed, a.signer, a.ns, a.signature, a.content, &valid, &why); !s.is_ok()) {
    diags.report(a.invalid_code, a.file, at, trf("the signature cannot be checked: {}", s.message()));
    return;
  }
  if (!valid) {
    diags.report(a.invalid_code, a.file, at,
                 trf("not a signature of this record by a key of '{}' valid on {} (ssh-keygen: {})", a.signer,
                             a.date->iso(), why.empty() ? std::string(tr("verification failed")) : why));
  }
}

}  // namespace

std::string signing_keys(const Config& config, const std::string& person, const std::optional<Date>& day,
                         const std::string& signature) {
  const Person* p = config.person(person);
  if (signature.empty() || !p || !day) return {};
  std::string out;
  for (const auto& k : p->keys) {
    if (!k.valid_on(*day)) continue;
    if (const std::string f = ssh_fingerprint(k.key); !f.empty()) out += (out.empty() ? "" : ", ") + f;
  }
  return out;
}

void check_signatures(const Store& store, Env* env, Diagnostics& diags) {
  if (!store.config) return;
  const Config& config = *store.config;
  for (const auto& a : store.approvals) {
    check_act(config, env,
              Act{a.file, a.marks, a.by, a.date, a.signature, a.signed_content, kApprovalNamespace,
                  DiagCode::ApprovalUnsigned, DiagCode::ApprovalSignatureInvalid,
                  trf("the approver signs with 'isms-obj approve --year {} --unit {} … --sign-with KEY'",
                              a.year, a.unit)},
              diags);
  }
  for (const auto& v : store.reviews) {
    check_act(config, env,
              Act{v.file, v.marks, v.reviewed_by, v.date, v.signature, v.signed_content, kReviewNamespace,
                  DiagCode::ReviewUnsigned, DiagCode::ReviewSignatureInvalid,
                  trf("the reviewer signs with 'isms-obj review --year {} --quarter {} --unit {} --record … "
                              "--sign-with KEY'",
                              v.year, v.quarter, v.unit)},
              diags);
  }
  for (const auto& f : store.referrals) {
    check_act(config, env,
              Act{f.file, f.marks, f.raised_by, f.raised, f.signature, f.signed_content, kReferralNamespace,
                  DiagCode::ReferralUnsigned, DiagCode::ReferralSignatureInvalid,
                  trf("the CISO signs the decision with 'isms-obj review --year {} --quarter Q --unit {} "
                              "--record … --sign-with KEY'",
                              f.year, f.unit)},
              diags);
    if (f.state != ReferralState::Closed) continue;
    check_act(config, env,
              Act{f.file, f.marks, f.closed_by, f.closed, f.closing_signature, f.closing_signed_content,
                  kReferralCloseNamespace, DiagCode::ReferralUnsigned, DiagCode::ReferralSignatureInvalid,
                  trf("the CISO signs the closing with 'isms-obj referral --close --year {} --unit {} "
                              "--objective {} … --sign-with KEY'",
                              f.year, f.unit, f.objective),
                  "closing_signature"},
              diags);
  }
  for (const auto& k : store.confirmations) {
    check_act(config, env,
              Act{k.file, k.marks, k.confirmed_by, k.date, k.signature, k.signed_content, kConfirmationNamespace,
                  DiagCode::ConfirmationUnsigned, DiagCode::ConfirmationSignatureInvalid,
                  trf("the unit's head signs with 'isms-obj review --year {} --quarter {} --unit {} --confirm "
                              "--sign-with KEY'",
                              k.year, k.quarter, k.unit)},
              diags);
  }
}

}  // namespace isms

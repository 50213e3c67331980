#include "isms/rules/signature.h"

#include <fmt/format.h>

namespace isms {

void check_signatures(const Store& store, Env* env, Diagnostics& diags) {
  if (!store.config) return;
  const Config& config = *store.config;
  for (const auto& a : store.approvals) {
    if (a.signature.empty()) {
      if (config.policy.signature_required_on(a.date)) {
        diags.report(DiagCode::ApprovalUnsigned, a.file, a.marks.root(),
                     fmt::format("not signed, and policy.signatures is required: the approver signs with "
                                 "'isms-obj approve --year {} --unit {} … --sign-with KEY'",
                                 a.year, a.unit));
      }
      continue;
    }
    const Person* approver = config.person(a.by);
    if (!env || !approver || !a.date) continue;  // an unknown person or date is reported by other rules
    // Only the approver's keys, and only those valid on the approval's date:
    // a key retired since still vouches for what it signed before.
    std::string allowed;
    for (const auto& k : approver->keys) {
      if (k.valid_on(*a.date)) allowed += fmt::format("{} namespaces=\"{}\" {}\n", a.by, kApprovalNamespace, k.key);
    }
    const Mark at = a.marks.at("signature");
    if (allowed.empty()) {
      diags.report(DiagCode::ApprovalSignatureInvalid, a.file, at,
                   fmt::format("'{}' has no key valid on {} in isms-obj.yaml (people: keys), so the signature "
                               "cannot be theirs",
                               a.by, a.date->iso()));
      continue;
    }
    bool valid = false;
    std::string why;
    if (Status s = env->ssh_verify(allowed, a.by, kApprovalNamespace, a.signature, a.signed_content, &valid, &why);
        !s.is_ok()) {
      diags.report(DiagCode::ApprovalSignatureInvalid, a.file, at,
                   fmt::format("the signature cannot be checked: {}", s.message()));
      continue;
    }
    if (!valid) {
      diags.report(DiagCode::ApprovalSignatureInvalid, a.file, at,
                   fmt::format("not a signature of this record by a key of '{}' valid on {} (ssh-keygen: {})", a.by,
                               a.date->iso(), why.empty() ? "verification failed" : why));
    }
  }
}

}  // namespace isms

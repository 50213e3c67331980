#include "isms/ops/referral.h"

#include <fmt/format.h>

#include "isms/base/i18n.h"
#include "isms/format/tree.h"
#include "isms/store/emit.h"

namespace isms {

Status close_referral(Env& env, const std::filesystem::path& root, const CloseReferralRequest& req,
                      CloseReferralOutcome* out, Diagnostics& diags) {
  WriteTransaction tx;
  LoadScope scope{{req.year}, {req.unit}};
  if (Status s = tx.begin(env, root, req, scope, &out->previous_lock_holder, diags); !s.is_ok()) return s;
  Store& store = tx.store();
  const Config& config = tx.config();
  const Person* who = nullptr;
  if (Status s = identify(config, req.by, req.by_email, "--by", tr("who closes it?"), &who); !s.is_ok()) return s;
  const RoleTerm* ciso = config.ciso_on(req.today);
  if (!ciso || ciso->person != who->id) {
    return refuse(trf("only the CISO (資通安全長) closes corrective action; on {} that is {}, not '{}'",
                              req.today.iso(), ciso ? "'" + ciso->person + "'" : std::string("nobody"), who->id));
  }
  if (trim(req.evidence).empty()) return refuse("closing a referral needs --evidence: what was done, and where it is kept");

  // The referral asked for, else the one open, else one already closed
  // with this evidence (running the command again).
  const Referral* found = nullptr;
  const Referral* done = nullptr;
  int open = 0;
  for (const auto& r : store.referrals) {
    if (r.year != req.year || r.unit != req.unit || r.objective != req.objective) continue;
    const bool already = r.state == ReferralState::Closed && r.closing_note == req.evidence && r.closed_by == who->id;
    if (req.sequence ? r.sequence == *req.sequence : r.state == ReferralState::Open) {
      found = &r;
      open += r.state == ReferralState::Open ? 1 : 0;
    } else if (!req.sequence && already) {
      done = &r;
    }
  }
  if (!found) found = done;
  if (!found) {
    return refuse(trf("no {}referral of '{}' for {} {}", req.sequence ? "such " : "open ", req.objective,
                              req.unit, req.year));
  }
  if (!req.sequence && open > 1) return refuse("several referrals of this objective are open; give --sequence N");
  out->referral = found->file;
  if (found->state == ReferralState::Closed && found->closing_note == req.evidence && found->closed_by == who->id) {
    return Status::ok();  // already closed so: running again changes nothing
  }
  if (found->state != ReferralState::Open) {
    return refuse(trf("{} is {}, not open; a decision once made stays on record", found->file,
                              to_string(found->state)));
  }
  if (Diagnostics problems = tx.errors_in(found->file); problems.has_errors()) {
    diags.append(problems);
    return refuse(trf("{} has problems; fix them first", found->file));
  }
  // The title names the objective as the revision in force named it when
  // the referral was written: any of the unit-year's versions of its item.
  std::vector<std::string> items;
  if (const SettingTable* table = store.setting(req.year, req.unit)) {
    if (const Objective* o = table->objective(req.objective)) items.push_back(o->item);
  }
  for (const Approval* a : store.approvals_for(req.year, req.unit)) {
    for (const auto& o : a->approved) {
      if (o.id == req.objective) items.push_back(o.item);
    }
  }
  if (items.empty()) items.emplace_back();
  bool machine = false;
  std::string item = items.front();
  for (const auto& candidate : items) {
    if (Status s = tx.machine_written(found->file, *found, candidate, &machine); !s.is_ok()) return s;
    if (machine) {
      item = candidate;
      break;
    }
  }
  Referral closed = *found;
  closed.state = ReferralState::Closed;
  closed.closed = req.today;
  closed.closed_by = who->id;
  closed.closing_note = req.evidence;
  if (!req.case_number.empty()) closed.case_number = req.case_number;
  if (!machine) {
    return refuse(trf("{} was edited by hand, and the tool does not rewrite what a person wrote; close it by "
                              "hand with: state: closed, closed: \"{}\", closed_by: {}, closing_note: …",
                              found->file, req.today.iso(), who->id));
  }
  const std::string rel = found->file;
  if (req.sign_with.empty() && tx.config().policy.signature_required_on(req.today)) {
    return refuse(trf("policy.signatures is required: sign the closing with your own key, --sign-with "
                              "~/.ssh/id_ed25519 (a key isms-obj.yaml lists for '{}' under people: keys)",
                              who->id));
  }
  if (!req.sign_with.empty()) {
    if (Status s = sign_record(env, req.sign_with, kReferralCloseNamespace, emit_referral(closed, {}), rel,
                               &closed.closing_signature, Signed::ReferralClosing);
        !s.is_ok()) {
      return s;
    }
  }
  Diagnostics check;
  if (!tx.put(rel, closed, item, check)) {
    return unwritable(check, rel, diags);
  }
  if (Diagnostics problems = errors_of(tx.check_rules(), rel); problems.has_errors()) {
    diags.append(problems);
    return refuse(trf("{} would not be valid once closed", rel));
  }
  if (Status s = tx.commit(); !s.is_ok()) return s;
  out->written = true;
  return Status::ok();
}

}  // namespace isms

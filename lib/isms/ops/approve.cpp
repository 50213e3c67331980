#include "isms/ops/approve.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "isms/base/i18n.h"
#include "isms/format/digest.h"
#include "isms/format/yaml.h"
#include "isms/rules/revision.h"
#include "isms/rules/validate.h"
#include "isms/store/emit.h"
#include "isms/store/store.h"

namespace isms {

namespace fs = std::filesystem;

namespace {

// What the decision's reader (a pull-request reviewer) needs beside the
// snapshot: what this revision changes against the one in force, as
// comments under the title. People are named by id and name.
std::vector<std::string> change_notes(const Config& config, const TableLifecycle& life) {
  const bool zh = config.language == Language::ZhTW;
  const Approval* was = life.in_force;
  if (!was) return {zh ? "第一個送審版次：無先前核定之版次可比較。" : "The first revision decided: nothing approved before it."};
  const auto changes = compare_revisions(revision_of(*was), revision_of(*life.table));
  const std::string when = was->date ? was->date->iso() : "?";
  std::vector<std::string> out;
  if (changes.empty()) {
    out.push_back(zh ? fmt::format("與核定版次{}（{}）之內容相同。", was->revision, when)
                     : trf("Same content as approved revision {} ({}).", was->revision, when));
  } else {
    out.push_back(zh ? fmt::format("與核定版次{}（{}）相較之修改：", was->revision, when)
                     : trf("Changes against approved revision {} ({}):", was->revision, when));
  }
  const auto value = [&](const std::string& field, const std::string& v) {
    if (v.empty()) return std::string("-");
    const bool person = field == "owner" || field == "compiled_by" || field == "supervisor";
    const Person* p = person ? config.person(v) : nullptr;
    return p ? fmt::format("{} ({})", v, p->name) : v;
  };
  for (const auto& c : changes) {
    const std::string where = c.objective.empty() ? std::string() : fmt::format("{} {}: ", c.objective, c.item);
    if (c.field.empty()) {
      out.push_back(fmt::format("  {}{}", where, c.after == "added" ? (zh ? "新增" : "added") : (zh ? "刪除" : "removed")));
    } else {
      out.push_back(fmt::format("  {}{}: {} -> {}", where, c.field, value(c.field, c.before), value(c.field, c.after)));
    }
  }
  if (!was->full_snapshot) {
    out.push_back(zh ? "（先前核定僅保存量測定義，其他欄位之修改無法列出）"
                     : "(the earlier approval kept the measurement fields only; other columns cannot be compared)");
  }
  return out;
}

}  // namespace

Status approve(Env& env, const fs::path& root, const ApproveRequest& req, ApproveOutcome* out, Diagnostics& diags) {
  WriteTransaction tx;
  const LoadScope scope{{req.year}, {req.unit}};
  if (Status s = tx.begin(env, root, req, scope, &out->previous_lock_holder, diags); !s.is_ok()) return s;
  Store& store = tx.store();
  const Config& config = tx.config();

  // Who decides.
  const Person* approver = nullptr;
  if (Status s = identify(config, req.by, req.by_email, "--by", tr("who is deciding?"), &approver); !s.is_ok()) return s;
  out->approver = approver->id;
  const RoleTerm* ciso = config.ciso_on(req.today);
  if (!ciso || ciso->person != approver->id) {
    return refuse(trf("only the CISO (資通安全長) may decide on setting tables; on {} that is {}, not '{}'",
                              req.today.iso(), ciso ? "'" + ciso->person + "'" : std::string("nobody"),
                              approver->id));
  }

  // What is decided.
  const TableLifecycle before = table_status(store, req.year, req.unit);
  if (!before.table) {
    return refuse(trf("unit '{}' has no setting table for {} (units/{}/{}/setting.yaml)", req.unit,
                              req.year, req.unit, req.year));
  }
  const SettingTable& table = *before.table;
  out->table = table.file;
  out->revision = table.revision;
  out->before = before.state;
  if (Diagnostics problems = tx.errors_in(table.file); problems.has_errors()) {
    diags.append(problems);
    return refuse(trf("{} has {} problem{}; a table with problems cannot be decided on", table.file,
                              problems.error_count(), problems.error_count() == 1 ? "" : "s"));
  }
  if (approver->id == table.compiled_by) {
    return refuse(trf("'{}' compiled {} and may not decide on it (segregation of duties)", approver->id,
                              table.file));
  }
  if (req.revision && *req.revision != table.revision) {
    return refuse(trf("--revision {} asked, but {} is at revision {}", *req.revision, table.file,
                              table.revision));
  }
  if (table.status == TableStatus::Draft) {
    return refuse(trf("{} is a draft; the unit submits it by setting 'status: submitted'", table.file));
  }
  if (req.decision != Decision::Approved && req.comment.empty()) {
    return refuse("a rejection or a request for changes needs --comment saying why");
  }
  if (before.decision && before.decision->decision == req.decision) {
    out->existing = before.decision->file;
    out->after = before.state;
    out->in_force = before.in_force ? before.in_force->file : "";
    return Status::ok();
  }

  Approval a;
  a.year = req.year;
  a.unit = req.unit;
  a.revision = table.revision;
  a.decision = req.decision;
  a.by = approver->id;
  a.date = req.today;
  a.comment = req.comment;
  a.digest = before.digest;
  if (req.decision == Decision::Approved) {
    // The whole form as approved: every column and the footer, so the form
    // of this revision prints what the CISO saw whatever the table holds later.
    for (const auto& o : table.objectives) a.approved.push_back(o);
    a.full_snapshot = true;
    a.compiled_by = table.compiled_by;
    a.supervisor = table.supervisor;
    a.table_updated = table.updated;
  }
  RecordPath where;
  where.kind = RecordKind::Approval;
  where.year = req.year;
  where.unit = req.unit;
  where.revision = table.revision;
  const std::string rel = record_path(tx.free_sequence(where));
  if (req.sign_with.empty() && config.policy.signature_required_on(req.today)) {
    return refuse(trf("policy.signatures is required: sign the decision with your own key, "
                              "--sign-with ~/.ssh/id_ed25519 (a key isms-obj.yaml lists for '{}' under people: keys)",
                              approver->id));
  }
  // Check the record exactly as validate will once it is written.
  Diagnostics check;
  const auto notes = change_notes(config, before);
  if (!tx.put(rel, a, check, notes)) {
    return unwritable(check, rel, diags);
  }
  if (!req.sign_with.empty()) {
    // The rules then verify it against the approver's keys like any other.
    if (Status s = sign_record(env, req.sign_with, kApprovalNamespace, emit_approval(a, {}), rel, &a.signature);
        !s.is_ok()) {
      return s;
    }
    if (!tx.put(rel, a, check, notes)) {
      return unwritable(check, rel, diags);
    }
  }
  if (Diagnostics problems = errors_of(tx.check_rules(), rel); problems.has_errors()) {
    diags.append(problems);
    return refuse(trf("the approval for {} would not be valid", table.file));
  }
  if (Status s = tx.commit(); !s.is_ok()) return s;
  out->written = rel;
  const TableLifecycle after = table_status(store, req.year, req.unit);
  out->after = after.state;
  out->in_force = after.in_force ? after.in_force->file : "";
  return Status::ok();
}

}  // namespace isms

#include <doctest/doctest.h>

#include "isms/rules/signature.h"
#include "support.h"

using namespace test;

namespace {

std::vector<isms::Diagnostic> of(const isms::Diagnostics& d, isms::DiagCode code) {
  std::vector<isms::Diagnostic> out;
  for (const auto& x : d.items()) {
    if (x.code == code) out.push_back(x);
  }
  return out;
}

}  // namespace

TEST_CASE("signatures: unsigned approvals are errors only when the policy requires signatures") {
  isms::Store store = example_store();
  isms::Diagnostics d;
  isms::check_signatures(store, nullptr, d);
  CHECK(of(d, isms::DiagCode::ApprovalUnsigned).empty());
  store.config->policy.signatures_required = true;
  isms::Diagnostics required;
  isms::check_signatures(store, nullptr, required);
  CHECK(of(required, isms::DiagCode::ApprovalUnsigned).size() == store.approvals.size());
}

TEST_CASE("signatures: a signature with no key of the approver valid on its date cannot be theirs") {
  isms::Store store = example_store();
  REQUIRE_FALSE(store.approvals.empty());
  isms::Approval& a = store.approvals.front();
  a.signature = "-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----\n";
  auto env = example_in_memory();
  isms::Diagnostics none;
  isms::check_signatures(store, env.get(), none);
  const auto found = of(none, isms::DiagCode::ApprovalSignatureInvalid);
  REQUIRE(found.size() == 1);
  CHECK(found[0].file == a.file);
  CHECK(found[0].message.find("has no key valid on " + a.date->iso()) != std::string::npos);
  // Without an Env nothing is verified (and nothing claimed).
  isms::Diagnostics unchecked;
  isms::check_signatures(store, nullptr, unchecked);
  CHECK(of(unchecked, isms::DiagCode::ApprovalSignatureInvalid).empty());
}

TEST_CASE("person keys: valid from..until inclusive, open ends") {
  const isms::PersonKey open{"k", std::nullopt, std::nullopt};
  const isms::PersonKey term{"k", isms::Date{2026, 1, 1}, isms::Date{2026, 12, 31}};
  struct Row {
    isms::Date day;
    bool in_term;
  } rows[] = {{{2025, 12, 31}, false}, {{2026, 1, 1}, true}, {{2026, 12, 31}, true}, {{2027, 1, 1}, false}};
  for (const auto& r : rows) {
    CAPTURE(r.day.iso());
    CHECK(open.valid_on(r.day));
    CHECK(term.valid_on(r.day) == r.in_term);
  }
}

// One record file through the whole loading and validation pipeline, inside
// a small valid store. The input is "<store path>\n<file bytes>", so the
// fuzzer explores hostile paths (traversal, reserved names, NUL) as well as
// contents of every record kind. Besides crashes, leaks and hangs it checks:
//   * diagnostics stay one line each;
//   * a setting table or result that loads without errors, written by the
//     emitter and loaded again, loads without errors and means the same
//     (same digest for a table, same values for a result).
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_common.h"
#include "isms/base/decimal.h"
#include "isms/format/digest.h"
#include "isms/rules/validate.h"
#include "isms/store/emit.h"
#include "isms/store/store.h"

namespace {

const isms::SettingTable* table_from(const isms::Store& store, const std::string& rel) {
  for (const auto& t : store.settings) {
    if (t.file == rel) return &t;
  }
  return nullptr;
}

const isms::Result* result_from(const isms::Store& store, const std::string& rel) {
  for (const auto& r : store.results) {
    if (r.file == rel) return &r;
  }
  return nullptr;
}

// Loads `bytes` at `rel` into a fresh base store; false when it has errors.
bool reload(isms::Store* store, const std::string& rel, const std::string& bytes) {
  isms::Diagnostics diags;
  fuzz::load_base(store, diags);
  return isms::put_source(store, fuzz::validator(), rel, bytes, diags) && !diags.has_errors();
}

void check_emitter(const isms::Store& store, const std::string& rel) {
  if (const auto* t = table_from(store, rel); t) {
    const std::string text = isms::emit_setting(*t, {});
    isms::Store again;
    if (!reload(&again, rel, text)) fuzz::fail("an emitted setting table does not load");
    const auto* u = table_from(again, rel);
    if (!u || u->digest != t->digest) {
      fuzz::fail("an emitted setting table means something else");
    }
  }
  if (const auto* r = result_from(store, rel); r) {
    const std::string text = isms::emit_result(*r, {});
    isms::Store again;
    if (!reload(&again, rel, text)) fuzz::fail("an emitted result does not load");
    const auto* s = result_from(again, rel);
    if (!s || s->actual != r->actual || s->numerator != r->numerator || s->denominator != r->denominator ||
        s->variance != r->variance || s->reported_by != r->reported_by) {
      fuzz::fail("an emitted result means something else");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::bytes_of(data, size);
  const std::size_t nl = input.find('\n');
  if (nl == std::string_view::npos) return 0;
  const std::string rel(input.substr(0, nl));
  const std::string bytes(input.substr(nl + 1));

  isms::Store store;
  isms::Diagnostics diags;
  fuzz::load_base(&store, diags);
  if (diags.has_errors()) fuzz::fail("the base store does not load");
  const bool ok = isms::put_source(&store, fuzz::validator(), rel, bytes, diags);
  isms::ValidateOptions options;
  options.today = isms::Date{2026, 11, 24};
  isms::check_store(store, options, diags);
  (void)isms::summarize(store);
  diags.finish();
  fuzz::check_diagnostics(diags);
  if (ok && !diags.has_errors()) check_emitter(store, rel);
  return 0;
}

// The CSV and xlsx imports of `set --from` and `record-quarter --from` on
// arbitrary bytes (a seed workbook lets the fuzzer reach the zip's XML). The objectives a CSV yields are put into a new setting table and
// checked exactly as `set` checks a candidate before writing it (schema,
// model, semantic validation inside a small valid store); the result rows
// are parsed as `record-quarter` parses them. Besides crashes, leaks and
// hangs it checks that diagnostics stay one line each.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "fuzz_common.h"
#include "isms/format/tree.h"
#include "isms/ops/record.h"
#include "isms/ops/set.h"
#include "isms/rules/validate.h"
#include "isms/store/store.h"

namespace {

isms::YamlNode table_with(std::vector<isms::YamlNode> objectives) {
  using K = isms::YamlNode::Kind;
  isms::YamlNode t = isms::make_map();
  isms::set_key(t, "kind", isms::make_scalar(K::String, "setting"));
  isms::set_key(t, "year", isms::make_scalar(K::Number, "2027"));
  isms::set_key(t, "unit", isms::make_scalar(K::String, "cc"));
  isms::set_key(t, "revision", isms::make_scalar(K::Number, "1"));
  isms::set_key(t, "status", isms::make_scalar(K::String, "draft"));
  isms::YamlNode list;
  list.kind = K::Seq;
  list.children = std::move(objectives);
  isms::set_key(t, "objectives", std::move(list));
  return t;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto bytes = fuzz::bytes_of(data, size);

  isms::Diagnostics diags;
  std::vector<isms::YamlNode> objectives;
  if (isms::objectives_from_csv(bytes, "objectives.csv", &objectives, diags)) {
    isms::Store store;
    fuzz::load_base(&store, diags);
    isms::put_tree(&store, "units/cc/2027/setting.yaml", table_with(std::move(objectives)), diags);
    isms::check_store(store, {}, diags);
  }
  std::vector<isms::ResultRow> rows;
  (void)isms::result_rows_from_csv(bytes, "results.csv", &rows, diags);
  (void)isms::result_rows_from_xlsx(bytes, "results.xlsx", "", &rows, diags);
  diags.finish();
  fuzz::check_diagnostics(diags);
  return 0;
}

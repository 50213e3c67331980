#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "isms/format/csv.h"
#include "isms/ops/set.h"
#include "isms/store/emit.h"
#include "isms/store/store.h"
#include "isms/sys/lock.h"
#include "support.h"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using namespace test;

TEST_CASE("input fields: names and form labels, typed as the schema expects") {
  struct Row {
    const char* name;
    const char* field;
  };
  const Row rows[] = {{"目標值", "target"},          {"target", "target"},         {"去年實績", "last_year_actual"},
                      {"負責人員", "owner"},         {"量測方式/計算公式", "method"}, {"檢討依據(資料來源)", "data_source"},
                      {"具體執行項目", "actions"},   {" q2 ", "q2"},               {"colour", ""}};
  for (const auto& r : rows) CHECK(isms::objective_field(r.name) == r.field);

  const auto o = isms::objective_node({{"id", "x", {}},
                                       {"目標值", "99.5..100", {}},
                                       {"去年實績", "", {}},
                                       {"precision", "1", {}},
                                       {"q1", "25", {}},
                                       {"具體執行項目", "每月掃描；週會追蹤\n年底檢討", {}},
                                       {"item", "010", {}}},
                                      {});
  CHECK(o.find("target")->is_map());
  CHECK(o.find("target")->find("min")->text == "99.5");
  CHECK(o.find("last_year_actual")->kind == isms::YamlNode::Kind::Null);
  CHECK(o.find("precision")->kind == isms::YamlNode::Kind::Number);
  CHECK(o.find("quarter_targets")->find("q1")->text == "25");
  CHECK(o.find("actions")->children.size() == 3);
  CHECK(o.find("item")->kind == isms::YamlNode::Kind::String);  // text columns stay text
}

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

namespace {
fs::path scratch_dir() {
  std::string tmpl = (fs::temp_directory_path() / "isms-write-XXXXXX").string();
  return fs::path(::mkdtemp(tmpl.data()));
}
}  // namespace

TEST_CASE("the store lock: one holder, waiters name it, unclean exits are noticed") {
  const fs::path dir = scratch_dir();
  isms::StoreLock first;
  REQUIRE(isms::StoreLock::acquire(dir, 1000ms, "pid 1 (isms-obj set)", &first).is_ok());
  CHECK(first.previous_holder().empty());

  isms::StoreLock second;
  const auto s = isms::StoreLock::acquire(dir, 50ms, "pid 2 (isms-obj approve)", &second);
  CHECK(s.code() == isms::Status::Code::Conflict);
  CHECK(s.message().find("pid 1 (isms-obj set)") != std::string::npos);
  CHECK_FALSE(second.held());

  first.release();
  REQUIRE(isms::StoreLock::acquire(dir, 50ms, "pid 2 (isms-obj approve)", &second).is_ok());
  CHECK(second.previous_holder().empty());  // released cleanly

  // A holder that dies leaves its line behind (the kernel drops the lock itself).
  second.release();
  std::ofstream(dir / ".isms-obj" / "lock") << "pid 3 (isms-obj record-quarter)\n";
  isms::StoreLock third;
  REQUIRE(isms::StoreLock::acquire(dir, 50ms, "pid 4", &third).is_ok());
  CHECK(third.previous_holder() == "pid 3 (isms-obj record-quarter)");
  third.release();
  fs::remove_all(dir);
}

TEST_CASE("emitted tables read back as the same table, byte for byte") {
  isms::Store store;
  isms::Diagnostics d;
  REQUIRE(isms::load_store(test::posix(), fs::path(ISMS_SOURCE_DIR) / "examples/university", {}, &store, d).is_ok());
  int checked = 0;
  for (const auto& t : store.settings) {
    const std::string text = isms::emit_setting(t, {});
    isms::Store copy;
    copy.config = store.config;
    isms::Diagnostics dd;
    REQUIRE(isms::put_source(&copy, t.file, text, dd));
    CHECK(dd.empty());
    CHECK(isms::emit_setting(copy.settings.at(0), {}) == text);
    ++checked;
  }
  CHECK(checked == 26);
  for (const auto& a : store.approvals) {
    const std::string text = isms::emit_approval(a, {});
    isms::Store copy;
    isms::Diagnostics dd;
    REQUIRE(isms::put_source(&copy, a.file, text, dd));
    CHECK(isms::emit_approval(copy.approvals.at(0), {}) == text);
  }
}

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

TEST_CASE("CSV rows keep the line they start on, across quoted line breaks") {
  std::vector<isms::CsvRow> rows;
  isms::Diagnostics d;
  REQUIRE(isms::read_csv("\xEF\xBB\xBF" "a,b\n1,\"two\nlines\"\n\n3,\"x,\"\"y\"\"\"\n", "f.csv", &rows, d));
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].line == 1);
  CHECK(rows[1].line == 2);
  CHECK(rows[1].cells[1] == "two\nlines");
  CHECK(rows[2].line == 5);
  CHECK(rows[2].cells[1] == "x,\"y\"");

  CHECK_FALSE(isms::read_csv("a,b\n1,\"open\n", "f.csv", &rows, d));
  CHECK_FALSE(isms::read_csv("a,b\n1,x\"y\n", "f.csv", &rows, d));
  CHECK_FALSE(isms::read_csv("a,b\n\xB8\xEA,1\n", "f.csv", &rows, d));
  d.finish();
  REQUIRE(d.items().size() == 3);
  CHECK(d.items()[0].mark.line == 2);
  CHECK(isms::code_name(d.items()[0].code) == "csv.malformed");
}

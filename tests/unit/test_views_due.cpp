#include <doctest/doctest.h>

#include "isms/views/due.h"
#include "support.h"

using namespace test;

TEST_CASE("due items of the example store on 2026-11-24: the late review first, unit names, counts") {
  const isms::Store store = example_store();
  const auto items = isms::due_items(store, isms::Date{2026, 11, 24});
  REQUIRE_FALSE(items.empty());
  CHECK(items[0].state == isms::DueState::Late);
  CHECK(items[0].kind == "review");
  CHECK(items[0].unit == "intl");
  CHECK(items[0].unit_name == "國際事務處");
  CHECK(items[0].due == isms::Date{2026, 10, 30});
  const isms::DueCounts n = isms::count_due(items);
  CHECK(n.late == 1);
  CHECK(n.due == 8);
  CHECK(n.open == 1);
}

TEST_CASE("next year's tables are due from the horizon before Dec 15, and late after it") {
  const isms::Store store = example_store();
  auto settings = [&](const isms::Date& day, int horizon) {
    int n = 0;
    for (const auto& i : isms::due_items(store, day, horizon)) n += i.kind == "setting" && i.year == 2027;
    return n;
  };
  CHECK(settings({2026, 11, 14}, 30) == 0);
  CHECK(settings({2026, 11, 15}, 30) == 8);
  bool late = false;
  for (const auto& i : isms::due_items(store, {2026, 12, 16}, 30)) {
    late = late || (i.kind == "setting" && i.state == isms::DueState::Late);
  }
  CHECK(late);
}

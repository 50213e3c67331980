#include <doctest/doctest.h>

#include "isms/render/labels.h"

TEST_CASE("one label table in both languages; an unknown key shows itself") {
  const isms::Labels zh(isms::Language::ZhTW), en(isms::Language::En);
  CHECK(zh.zh());
  CHECK_FALSE(en.zh());
  CHECK(zh("target") == "目標值");
  CHECK(en("target") == "Target");
  CHECK(zh("value.not met") == "未達成");
  CHECK(en("value.not met") == "not met");
  CHECK(zh("lost") == "無法達成");
  CHECK(zh("no such key") == "no such key");
  // The forecast states' names are the keys of their labels.
  for (const char* state : {"no results", "achieved", "reachable", "lost"}) CHECK(en(state) == state);
}

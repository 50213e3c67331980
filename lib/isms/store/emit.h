// Writing records as YAML text.
//
// The emitter produces one fixed layout per record kind. A file whose bytes
// equal what the emitter makes of its own content holds nothing a person
// added (no comment, no custom order or spacing), so a command may replace
// it; any other file is a person's and is never rewritten (see
// is_machine_written). Strings are quoted whenever another YAML reader could
// take them for something else; numbers are written in shortest exact form.
#pragma once

#include <string>
#include <vector>

#include "isms/store/model.h"
#include "isms/store/schema.h"

namespace isms {

struct Store;

// Header lines of an emitted file: the optional yaml-language-server
// modeline and a human title comment.
struct EmitHeader {
  std::string schema_path;  // relative path for the modeline; empty: no modeline
  std::string title;        // e.g. "ISMS-P-005-01 資通安全目標設定表 — 計算機中心 2026年度"
  // Comment lines under the title for the file's reader (an approval's
  // changes against the revision it replaces): not content, never signed.
  std::vector<std::string> notes;
};

// The header for record `rel` of `kind` in `store`: a modeline when the store
// keeps schemas in .isms-obj/schemas (as init creates them), and a title
// naming the form, the unit and the year; for results also the quarter and
// the objective's item (when `item` is known), for reviews the quarter, for
// referrals the item. The configuration (written by init alone) gets none.
EmitHeader header_for(const Store& store, RecordKind kind, const std::string& rel, const std::string& unit,
                      int year, int quarter = 0, std::string_view item = {});

// The header's lines as they open the file: the modeline, then the title
// and the notes (each only when set), each ending in a newline.
std::string header_text(const EmitHeader& h);

// The unit's name from the store's configuration, or its id when the
// configuration does not know it.
std::string unit_display_name(const Store& store, const std::string& unit);

std::string emit_objective(const Objective& o, bool snapshot_only);
std::string emit_setting(const SettingTable& t, const EmitHeader& h);
std::string emit_approval(const Approval& a, const EmitHeader& h);
std::string emit_result(const Result& r, const EmitHeader& h);
std::string emit_review(const Review& r, const EmitHeader& h);
std::string emit_referral(const Referral& r, const EmitHeader& h);
std::string emit_confirmation(const Confirmation& c, const EmitHeader& h);

}  // namespace isms

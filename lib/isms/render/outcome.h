// What a writing command did, for a program to read (--format json): one
// document per run, in the shape schemas/write-report.schema.json states.
// Paths are store-relative ('/'-separated), so a script can join them to
// the store it named; `written` lists every file the run created or
// replaced, `unchanged` what was already on record and left alone.
#pragma once

#include <string>
#include <vector>

#include "isms/base/date.h"
#include "isms/ops/approve.h"
#include "isms/ops/record.h"
#include "isms/ops/referral.h"
#include "isms/ops/review.h"
#include "isms/ops/set.h"

namespace isms {

std::string init_report_json(const std::string& store, const std::vector<std::string>& written);
std::string set_report_json(const SetOutcome& out);
std::string approve_report_json(const ApproveOutcome& out, Decision decision, const Date& today);
std::string record_report_json(const RecordOutcome& out, bool dry_run);
std::string review_report_json(const ReviewOutcome& out);
std::string confirm_report_json(const ConfirmOutcome& out);
std::string referral_report_json(const CloseReferralOutcome& out, const Date& today);

}  // namespace isms

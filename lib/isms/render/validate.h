// isms-obj validate's outputs: text (with an optional summary), JSON,
// GitHub workflow annotations with a step summary, GitLab's Code Quality
// report and SARIF 2.1.0 (GitHub code scanning).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "isms/render/diagnostics.h"
#include "isms/views/findings.h"

namespace isms {

enum class ValidateFormat { Text, Json, Github, CodeQuality, Sarif };

// How the findings are shown.
struct ValidateView {
  ValidateFormat format = ValidateFormat::Text;
  ShowPath show;           // a store-relative path as the reader sees it
  std::string shown_root;  // the store as the reader sees it
  bool summary = false;    // text: the store's figures too
  bool quiet = false;      // text and github: errors only, no closing line
  bool color = false;      // text: ANSI colour (render_text)
  std::string tool_version;  // sarif: the driver's version
  // github: annotations of each severity the host shows for one step
  // (GitHub Actions: 10 errors and 10 warnings); the rest are listed as
  // log lines after one notice that says how many.
  std::size_t annotations_per_severity = 10;
};

std::string render_validate(const Findings& f, const ValidateView& view);

// The order a reviewer reads findings in: errors before warnings, and,
// when the findings judge a change (validate --base), those on lines the
// change touched before the others; otherwise as sorted.
std::vector<const Diagnostic*> ranked(const Findings& f);

// A Markdown summary for a CI job's page (GitHub's $GITHUB_STEP_SUMMARY):
// the counts and a table of every finding in ranked order, those on
// changed lines marked, cut to at most `max_bytes` with a line saying how
// many rows were left out.
std::string render_step_summary(const Findings& f, const ValidateView& view, std::size_t max_bytes);

}  // namespace isms

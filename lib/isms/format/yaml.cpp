#include "isms/format/yaml.h"

#include <array>
#include <new>
#include <cstring>
#include <sstream>
#include <unordered_map>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "isms/base/i18n.h"
#include "isms/base/text.h"

namespace isms {

const YamlNode* YamlNode::find(std::string_view key) const {
  if (kind != Kind::Map) return nullptr;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == key) return &children[i];
  }
  return nullptr;
}

Mark YamlNode::key_mark(std::string_view key) const {
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == key) return key_marks[i];
  }
  return mark;
}

std::string_view kind_name(YamlNode::Kind k) {
  switch (k) {
    case YamlNode::Kind::Null: return "null";
    case YamlNode::Kind::Bool: return "boolean";
    case YamlNode::Kind::Number: return "number";
    case YamlNode::Kind::String: return "string";
    case YamlNode::Kind::Map: return "mapping";
    case YamlNode::Kind::Seq: return "list";
  }
  return "value";
}

// ---------------------------------------------------------------------------
// Typing rule

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool all_of(std::string_view s, bool (*pred)(char)) {
  for (char c : s) {
    if (!pred(c)) return false;
  }
  return true;
}
bool has_digit(std::string_view s) {
  for (char c : s) {
    if (is_digit(c)) return true;
  }
  return false;
}

// -?(0|[1-9][0-9]*)(\.[0-9]+)?
bool is_strict_number(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  const std::size_t int_start = i;
  while (i < s.size() && is_digit(s[i])) ++i;
  const std::size_t int_len = i - int_start;
  if (int_len == 0 || (int_len > 1 && s[int_start] == '0')) return false;
  if (i == s.size()) return true;
  if (s[i] != '.') return false;
  ++i;
  const std::size_t frac_start = i;
  while (i < s.size() && is_digit(s[i])) ++i;
  return i == s.size() && i > frac_start;
}

// Union of what YAML 1.1 (PyYAML), YAML 1.2 core and js-yaml read as an int
// or float: signs, underscores, leading zeros, 0x/0o/0b, exponents, bare
// dots, sexagesimal, .inf and .nan.
bool looks_numeric_to_some_reader(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  if (s.empty()) return false;
  static constexpr std::array<std::string_view, 6> special = {".inf", ".Inf", ".INF",
                                                              ".nan", ".NaN", ".NAN"};
  for (auto sp : special) {
    if (s == sp) return true;
  }
  auto digits_ = [](char c) { return is_digit(c) || c == '_'; };
  if (s.size() > 2 && s[0] == '0') {
    const char p = s[1];
    const auto rest = s.substr(2);
    if ((p == 'x' || p == 'X') && all_of(rest, [](char c) { return is_hex(c) || c == '_'; })) return true;
    if ((p == 'o' || p == 'O') && all_of(rest, [](char c) { return (c >= '0' && c <= '7') || c == '_'; })) return true;
    if ((p == 'b' || p == 'B') && all_of(rest, [](char c) { return c == '0' || c == '1' || c == '_'; })) return true;
  }
  if (!has_digit(s)) return false;
  // mantissa: digits/underscores/dots/colons, then an optional exponent.
  std::size_t i = 0;
  while (i < s.size() && (digits_(s[i]) || s[i] == '.' || s[i] == ':')) ++i;
  if (i == 0) return false;
  if (i == s.size()) {
    // Plain digit runs with separators are numbers to someone; a string of
    // dots and digits that is none of int, float or sexagesimal (e.g. a
    // version "1.2.3") still matches PyYAML's float pattern.
    return true;
  }
  if (s[i] != 'e' && s[i] != 'E') return false;
  ++i;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  const std::size_t exp_start = i;
  while (i < s.size() && is_digit(s[i])) ++i;
  return i == s.size() && i > exp_start;
}

}  // namespace

PlainType classify_plain(std::string_view s) {
  static constexpr std::array<std::string_view, 5> nulls = {"", "~", "null", "Null", "NULL"};
  static constexpr std::array<std::string_view, 6> bools = {"true",  "True",  "TRUE",
                                                            "false", "False", "FALSE"};
  static constexpr std::array<std::string_view, 16> yaml11_bools = {
      "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"};
  for (auto n : nulls) {
    if (s == n) return PlainType::Null;
  }
  for (auto b : bools) {
    if (s == b) return PlainType::Bool;
  }
  for (auto b : yaml11_bools) {
    if (s == b) return PlainType::Ambiguous;
  }
  if (is_strict_number(s)) return PlainType::Number;
  if (s == "<<" || s == "=") return PlainType::Ambiguous;
  if (looks_numeric_to_some_reader(s)) return PlainType::Ambiguous;
  return PlainType::String;
}

bool needs_quotes(std::string_view s) {
  if (s.empty()) return true;
  if (classify_plain(s) != PlainType::String) return true;
  const char first = s.front();
  static constexpr std::string_view indicators = "-?:,[]{}#&*!|>'\"%@`";
  if (indicators.find(first) != std::string_view::npos) return true;
  if (first == ' ' || s.back() == ' ') return true;
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;  // line breaks, tabs, controls
  }
  if (s.find(": ") != std::string_view::npos || s.find(" #") != std::string_view::npos) return true;
  if (s.back() == ':') return true;
  // YAML 1.1 timestamps (PyYAML and js-yaml read them as dates): NNNN-N...
  if (s.size() >= 8 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && is_digit(s[3]) &&
      s[4] == '-') {
    return true;
  }
  return false;
}

std::string emit_scalar(std::string_view s) {
  if (!needs_quotes(s)) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        // The loader refuses other control characters; should one reach the
        // emitter it is still written as an escape, never as a raw byte.
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

// ---------------------------------------------------------------------------
// Event-driven tree builder

namespace {

struct Abort {};  // thrown from a handler to stop the parser after a fatal problem

class Builder final : public YAML::EventHandler {
 public:
  Builder(std::string_view bytes, const std::string& file, Diagnostics& diags, const YamlLimits& limits)
      : bytes_(bytes), file_(file), diags_(diags), limits_(limits) {}

  std::optional<YamlNode> root;

  // yaml-cpp's column counts bytes; ours counts characters. Events arrive
  // in source order, so the count continues from the previous mark on the
  // same line: loading stays linear on one long line (a one-line flow
  // mapping of a megabyte has hundreds of thousands of marks).
  Mark convert(const YAML::Mark& m) {
    if (m.is_null() || m.line < 0) return {};
    Mark out;
    out.line = m.line + 1;
    out.column = m.column + 1;
    if (m.pos >= m.column && static_cast<std::size_t>(m.pos) <= bytes_.size()) {
      const auto start = static_cast<std::size_t>(m.pos - m.column);
      const auto bytes = static_cast<std::size_t>(m.column);
      if (start != line_start_ || bytes < line_bytes_) {
        line_start_ = start;
        line_bytes_ = 0;
        line_points_ = 0;
      }
      line_points_ += code_points(bytes_.substr(start + line_bytes_, bytes - line_bytes_));
      line_bytes_ = bytes;
      out.column = line_points_ + 1;
    }
    return out;
  }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& m, YAML::anchor_t) override {
    if (!stack_.empty() && m.pos >= 0 && static_cast<std::size_t>(m.pos) < bytes_.size()) {
      const Frame& top = stack_.back();
      const char at = bytes_[static_cast<std::size_t>(m.pos)];
      // yaml-cpp reads "[ , a]" and "[a, , b]" with a null entry.
      if (top.flow && top.node.is_seq() && (at == ',' || at == ']')) {
        syntax(m, tr("an empty entry in a flow list ([a, , b]); remove the extra comma"));
      }
      // yaml-cpp reads a line without its colon at the end of a mapping
      // as a key with an empty value, marked where the key is.
      if (!top.flow && top.node.is_map() && !top.expecting_key && m.pos == top.key_pos) {
        syntax(m, tr("this line has no ':' after its key; a line of a mapping is 'key: value' (or, if it "
                     "continues the value above, indent it under that value)"));
      }
    }
    YamlNode n;
    n.kind = YamlNode::Kind::Null;
    n.mark = convert(m);
    // yaml-cpp marks an empty mapping value at the next token; the key is
    // where a reader looks for it.
    if (!stack_.empty() && stack_.back().node.is_map() && !stack_.back().expecting_key) {
      n.mark = stack_.back().key_mark;
    }
    attach(std::move(n));
  }

  void OnAlias(const YAML::Mark& m, YAML::anchor_t) override {
    if (repeat_allowed()) {
      diags_.report(DiagCode::YamlAlias, file_, convert(m),
                   "aliases (*name) are not allowed in records; write the value out in full");
    }
    YamlNode n;
    n.mark = convert(m);
    attach(std::move(n));
  }

  void OnAnchor(const YAML::Mark& m, const std::string& name) override {
    if (repeat_allowed()) {
      diags_.report(DiagCode::YamlAnchor, file_, convert(m),
                   trf("anchors (&{}) are not allowed in records; write each value out in full", name));
    }
  }

  // Anchors and aliases come in floods (an alias bomb has hundreds); after a
  // few, one closing line counts the rest.
  void finish() {
    if (suppressed_ > 0) {
      diags_.report(DiagCode::YamlAlias, file_, {},
                   trf("{} more anchors or aliases in this file are not listed", suppressed_));
    }
  }

  void OnScalar(const YAML::Mark& m, const std::string& tag, YAML::anchor_t,
                const std::string& value) override {
    check_indented(m);
    if (!stack_.empty() && stack_.back().node.is_map() && stack_.back().expecting_key) stack_.back().key_pos = m.pos;
    const char first = m.pos >= 0 && static_cast<std::size_t>(m.pos) < bytes_.size()
                           ? bytes_[static_cast<std::size_t>(m.pos)]
                           : '\0';
    if (tag == "?" && (value == "-" || value.rfind("- ", 0) == 0 || value.rfind("-\t", 0) == 0)) {
      syntax(m, tr("a plain value cannot start with '- ' or be '-' alone; quote it"));
    }
    if (tag == "!" && first != '"' && first != '\'' && first != '|' && first != '>') {
      // "! a": the non-specific tag, which yaml-cpp reports like quotes.
      diags_.report(DiagCode::YamlTag, file_, convert(m), tr("explicit tags (!) are not allowed in records"));
    }
    if (tag == "!" && (first == '|' || first == '>')) check_block_header(m);
    if (tag == "?" && !stack_.empty() && stack_.back().flow) check_flow_comment(m, value);
    YamlNode n;
    n.mark = convert(m);
    n.text = value;
    n.kind = YamlNode::Kind::String;
    if (tag == "?") {
      switch (classify_plain(value)) {
        case PlainType::Null: n.kind = YamlNode::Kind::Null; break;
        case PlainType::Bool: n.kind = YamlNode::Kind::Bool; break;
        case PlainType::Number: n.kind = YamlNode::Kind::Number; break;
        case PlainType::String: break;
        case PlainType::Ambiguous:
          if (value == "<<") {
            diags_.report(DiagCode::YamlMergeKey, file_, n.mark,
                         "merge keys (<<) are not allowed in records; write the keys out in full");
          } else {
            diags_.report(DiagCode::YamlAmbiguousScalar, file_, n.mark,
                         trf("plain value '{}' is read differently by YAML 1.1 and YAML 1.2 "
                                     "readers; quote it if it is text, or write true/false or a "
                                     "plain decimal number",
                                     value));
          }
          break;
      }
    } else if (tag == "!") {
      check_closed_quote(m, n.mark);
      // The file's bytes were checked; escapes (\a, \x07, \u0085, \ud800)
      // can still decode to what the bytes may not hold.
      if (auto problem = check_record_text(value)) {
        if (problem->kind == TextProblem::Kind::InvalidUtf8) {
          diags_.report(DiagCode::EncodingUtf8, file_, n.mark, "an escape in this string makes invalid UTF-8");
        } else {
          diags_.report(DiagCode::EncodingControlCharacter, file_, n.mark,
                        trf("an escape in this string makes {}; only tab and line breaks are allowed",
                            describe_character(problem->code_point)));
        }
      }
    } else {
      diags_.report(DiagCode::YamlTag, file_, n.mark,
                   trf("explicit tags ({}) are not allowed in records", tag));
    }
    attach(std::move(n));
  }

  void OnSequenceStart(const YAML::Mark& m, const std::string& tag, YAML::anchor_t,
                       YAML::EmitterStyle::value style) override {
    open(m, tag, YamlNode::Kind::Seq, style == YAML::EmitterStyle::Flow);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& m, const std::string& tag, YAML::anchor_t,
                  YAML::EmitterStyle::value style) override {
    open(m, tag, YamlNode::Kind::Map, style == YAML::EmitterStyle::Flow);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    YamlNode node;
    bool flow = false;          // [..] or {..}, not indented lines
    int column = 0;             // 0-based byte column of its start (a block's indentation)
    long key_pos = -1;          // source offset of the current key (maps)
    bool expecting_key = true;
    bool drop_value = false;
    std::string key;
    Mark key_mark;
    std::unordered_map<std::string, Mark> seen;
  };

  void count() {
    if (++nodes_ > limits_.max_nodes) {
      diags_.report(DiagCode::YamlTooLarge, file_, {},
                   trf("more than {} values in one file", limits_.max_nodes));
      throw Abort{};
    }
  }

  void open(const YAML::Mark& m, const std::string& tag, YamlNode::Kind kind, bool flow) {
    count();
    check_indented(m);
    Frame f;
    f.node.kind = kind;
    f.flow = flow;
    f.column = m.column;
    f.node.mark = convert(m);
    if (!tag.empty() && tag != "?") {
      diags_.report(DiagCode::YamlTag, file_, f.node.mark,
                   trf("explicit tags ({}) are not allowed in records", tag));
    }
    if (static_cast<int>(stack_.size()) >= limits_.max_depth) {
      diags_.report(DiagCode::YamlTooDeep, file_, f.node.mark,
                   trf("nesting deeper than {} levels", limits_.max_depth));
      throw Abort{};
    }
    stack_.push_back(std::move(f));
  }

  void close() {
    YamlNode n = std::move(stack_.back().node);
    stack_.pop_back();

    attach(std::move(n), /*counted=*/true);
  }

  void attach(YamlNode n, bool counted = false) {
    if (!counted) count();
    if (stack_.empty()) {
      root = std::move(n);
      return;
    }
    Frame& top = stack_.back();
    if (top.node.is_seq()) {
      top.node.children.push_back(std::move(n));
      return;
    }
    if (top.expecting_key) {
      top.expecting_key = false;
      top.drop_value = false;
      top.key_mark = n.mark;
      if (n.kind != YamlNode::Kind::String) {
        top.drop_value = true;
        if (n.is_scalar()) {
          diags_.report(DiagCode::YamlKeyType, file_, n.mark,
                       n.kind == YamlNode::Kind::Null
                           ? std::string(tr("mapping key is empty or null; keys are text"))
                           : trf("mapping key {} is a {}; keys are text: quote it",
                                         n.text, kind_name(n.kind)));
        } else {
          diags_.report(DiagCode::YamlKeyType, file_, n.mark,
                       trf("mapping key is a {}; keys are text", kind_name(n.kind)));
        }
        return;
      }
      auto [it, inserted] = top.seen.emplace(n.text, n.mark);
      if (!inserted) {
        top.drop_value = true;
        diags_.report(DiagCode::YamlDuplicateKey, file_, n.mark,
                     trf("duplicate key '{}' (first defined at line {}, column {})", n.text,
                                 it->second.line, it->second.column));
        return;
      }
      top.key = std::move(n.text);
      return;
    }
    top.expecting_key = true;
    if (top.drop_value) return;
    top.node.keys.push_back(std::move(top.key));
    top.node.key_marks.push_back(top.key_mark);
    top.node.children.push_back(std::move(n));
  }

  // yaml-cpp ends an unterminated quoted scalar at end of input without
  // complaint; the source text tells whether the closing quote exists.
  void check_closed_quote(const YAML::Mark& m, Mark at) {
    if (m.pos < 0 || static_cast<std::size_t>(m.pos) >= bytes_.size()) return;
    auto i = static_cast<std::size_t>(m.pos);
    const char q = bytes_[i];
    if (q != '"' && q != '\'') return;  // block scalar
    // Continuation lines are indented more than the block around them.
    const int indent = block_indent();
    for (++i; i < bytes_.size(); ++i) {
      const char c = bytes_[i];
      if (c == '\n') {
        std::size_t spaces = 0;
        while (i + 1 + spaces < bytes_.size() && bytes_[i + 1 + spaces] == ' ') ++spaces;
        const std::size_t next = i + 1 + spaces;
        const bool blank = next >= bytes_.size() || bytes_[next] == '\n' || bytes_[next] == '\r';
        if (!blank && static_cast<int>(spaces) <= indent) {
          syntax_at(next, tr("a quoted value's next line must be indented more than its key (with spaces)"));
        }
      }
      if (q == '"' && c == '\\') {
        ++i;
        // YAML's escapes; yaml-cpp also takes others (\' ) as the character.
        static constexpr std::string_view kEscapes = "0abt\tnvfre \"/\\N_LPxuU\n\r";
        if (i < bytes_.size() && kEscapes.find(bytes_[i]) == std::string_view::npos) {
          syntax_at(i - 1, trf("'\\{}' is not an escape of a double-quoted string", bytes_[i]));
        }
      } else if (c == q) {
        if (q == '\'' && i + 1 < bytes_.size() && bytes_[i + 1] == '\'') {
          ++i;
        } else {
          if (i + 1 < bytes_.size() && bytes_[i + 1] == '#') {
            syntax_at(i + 1, tr("a comment needs a space before '#'"));
          }
          return;
        }
      }
    }
    diags_.report(DiagCode::YamlUnterminatedString, file_, at,
                 "quoted string is not closed before the end of the file");
  }

  // A syntax error yaml-cpp lets through: reported as yaml.syntax, which is
  // then the only finding of the file (like the parser's own).
  [[noreturn]] void syntax(const YAML::Mark& m, std::string message) {
    diags_.report(DiagCode::YamlSyntax, file_, convert(m), std::move(message));
    throw Abort{};
  }
  [[noreturn]] void syntax_at(std::size_t offset, std::string message) {
    const LineColumn lc = line_column_at(bytes_, offset);
    diags_.report(DiagCode::YamlSyntax, file_, {lc.line, lc.column}, std::move(message));
    throw Abort{};
  }

  // The indentation of the nearest enclosing block collection (-1 at the
  // top): lines inside a flow collection or a quoted value below it must
  // be indented more.
  int block_indent() const {
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      if (!it->flow) return it->column;
    }
    return -1;
  }

  // A value inside a flow collection that starts its own line must be
  // indented (with spaces) more than the block collection around it.
  void check_indented(const YAML::Mark& m) {
    if (stack_.empty() || !stack_.back().flow || m.pos < 0) return;
    const auto pos = static_cast<std::size_t>(m.pos);
    const auto line_start = pos - static_cast<std::size_t>(m.column);
    // Back over blanks only, so that a long line costs no more than its
    // length in all (loading stays linear).
    std::size_t k = pos;
    while (k > line_start && (bytes_[k - 1] == ' ' || bytes_[k - 1] == '\t')) --k;
    if (k != line_start) return;  // not the first thing on its line
    std::size_t spaces = 0;
    while (line_start + spaces < pos && bytes_[line_start + spaces] == ' ') ++spaces;
    if (static_cast<int>(spaces) <= block_indent()) {
      syntax(m, tr("a line inside [ ] or { } must be indented more than its key (with spaces)"));
    }
  }

  // In a flow collection, a comment after a plain value's ',' or the ']'
  // or '}' that closes it needs a space before '#' ("[a, b]#x", "[a,#x").
  void check_flow_comment(const YAML::Mark& m, const std::string& value) {
    auto j = static_cast<std::size_t>(m.pos);
    if (bytes_.substr(j, value.size()) != value) return;  // a plain value over several lines
    j += value.size();
    while (j < bytes_.size() && bytes_[j] == ' ') ++j;
    if (j < bytes_.size() && bytes_[j] == ',') {
      if (j + 1 < bytes_.size() && bytes_[j + 1] == '#') syntax_at(j + 1, tr("a comment needs a space before '#'"));
      ++j;
      while (j < bytes_.size() && bytes_[j] == ' ') ++j;
    }
    while (j < bytes_.size() && (bytes_[j] == ']' || bytes_[j] == '}')) {
      if (j + 1 < bytes_.size() && bytes_[j + 1] == '#') syntax_at(j + 1, tr("a comment needs a space before '#'"));
      ++j;
    }
  }

  // A block scalar's header (|, >, with its indentation and chomping
  // indicators) is followed by a space or the line's end, not by '#'.
  void check_block_header(const YAML::Mark& m) {
    auto i = static_cast<std::size_t>(m.pos) + 1;
    while (i < bytes_.size() && (bytes_[i] == '+' || bytes_[i] == '-' || (bytes_[i] >= '1' && bytes_[i] <= '9'))) ++i;
    if (i < bytes_.size() && bytes_[i] == '#') syntax_at(i, tr("a comment needs a space before '#'"));
  }

  std::string_view bytes_;
  const std::string& file_;
  Diagnostics& diags_;
  const YamlLimits& limits_;
  bool repeat_allowed() {
    if (repeats_ < kMaxRepeats) {
      ++repeats_;
      return true;
    }
    ++suppressed_;
    return false;
  }

  static constexpr int kMaxRepeats = 5;
  std::vector<Frame> stack_;
  // Where convert() last counted: the line's first byte, bytes and
  // characters into it.
  std::size_t line_start_ = std::string_view::npos;
  std::size_t line_bytes_ = 0;
  int line_points_ = 0;
  std::size_t nodes_ = 0;
  int repeats_ = 0;
  int suppressed_ = 0;
};

// Sees whether a second document follows; stops at its first event.
struct SecondDocument {
  YAML::Mark mark;
};
class DocumentProbe final : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& m) override { throw SecondDocument{m}; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

}  // namespace

std::optional<YamlNode> parse_yaml(std::string_view bytes, const std::string& file, Diagnostics& diags,
                                   const YamlLimits& limits) {
  if (bytes.size() > limits.max_bytes) {
    diags.report(DiagCode::FileTooLarge, file, {},
                trf("file is larger than {} bytes; records are small files", limits.max_bytes));
    return std::nullopt;
  }
  if (auto problem = check_record_text(bytes)) {
    const auto lc = line_column_at(bytes, problem->offset);
    const Mark at{lc.line, lc.column};
    switch (problem->kind) {
      case TextProblem::Kind::ByteOrderMark:
        diags.report(DiagCode::EncodingBom, file, {1, 1},
                    "file starts with a byte-order mark; save it as UTF-8 without BOM");
        break;
      case TextProblem::Kind::InvalidUtf8:
        diags.report(DiagCode::EncodingUtf8, file, at,
                    trf("invalid UTF-8 (byte 0x{:02X}); records must be saved as UTF-8, "
                                "not Big5 or another encoding",
                                static_cast<unsigned char>(bytes[problem->offset])));
        break;
      case TextProblem::Kind::ControlCharacter:
        diags.report(DiagCode::EncodingControlCharacter, file, at,
                     trf("{} in the text (binary data?); only tab and line breaks are allowed",
                         describe_character(problem->code_point)));
        break;
    }
    return std::nullopt;
  }

  // Findings made while building are kept only if the whole document parses:
  // after a syntax error they describe a half-read structure.
  Diagnostics found;
  std::istringstream in{std::string(bytes)};
  Builder builder(bytes, file, found, limits);
  auto fatal = [&](DiagCode code, Mark at, std::string message) {
    diags.report(code, file, at, std::move(message));
    return std::nullopt;
  };
  try {
    YAML::Parser parser(in);
    // A document of nothing ("...", "---" alone, "~") is no record either.
    if (!parser.HandleNextDocument(builder) || !builder.root || builder.root->kind == YamlNode::Kind::Null) {
      return fatal(DiagCode::YamlEmpty, {}, "file holds no YAML document; a record is a mapping of fields");
    }
    try {
      DocumentProbe probe;
      parser.HandleNextDocument(probe);
    } catch (const SecondDocument& second) {
      found.report(DiagCode::YamlMultipleDocuments, file, builder.convert(second.mark),
                  "content after the end of the YAML document; a record file holds exactly one document");
    }
    builder.finish();
  } catch (const Abort&) {
    // The limit that stopped the parser is the last finding; it alone is reported.
    diags.add(found.items().back());
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    return fatal(DiagCode::YamlSyntax, builder.convert(e.mark), trf("YAML syntax error: {}", e.msg));
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    return fatal(DiagCode::YamlSyntax, {}, trf("YAML syntax error: {}", e.what()));
  }
  diags.append(found);
  return std::move(builder.root);
}

}  // namespace isms

#include "isms/format/sheet.h"

#include <expat.h>
#include <zip.h>

#include <cmath>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "isms/base/date.h"
#include "isms/base/i18n.h"

namespace isms {

namespace {

constexpr zip_uint64_t kMaxPart = 32u << 20;  // bytes of one XML part, uncompressed

// One part of the package, or nullopt (with `why`) when it is missing or too large.
std::optional<std::string> part(zip_t* zip, const std::string& name, std::string* why) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(zip, name.c_str(), 0, &st) != 0) {
    *why = trf("no part {}", name);
    return std::nullopt;
  }
  if (!(st.valid & ZIP_STAT_SIZE) || st.size > kMaxPart) {
    *why = trf("part {} is larger than {} MiB", name, kMaxPart >> 20);
    return std::nullopt;
  }
  std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> f(zip_fopen(zip, name.c_str(), 0), zip_fclose);
  if (!f) {
    *why = trf("part {} does not open: {}", name, zip_strerror(zip));
    return std::nullopt;
  }
  std::string out(static_cast<std::size_t>(st.size), '\0');
  const zip_int64_t n = zip_fread(f.get(), out.data(), st.size);
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) {
    *why = trf("part {} does not read whole", name);
    return std::nullopt;
  }
  return out;
}

// Expat with callbacks: element starts (local name, attributes), ends, text.
struct Xml {
  std::function<void(std::string_view, const char**)> start;
  std::function<void(std::string_view)> end;
  std::function<void(std::string_view)> text;
};

std::string_view local(const char* name) {
  std::string_view n(name);
  const auto colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

const char* attribute(const char** atts, std::string_view name) {
  for (int i = 0; atts[i]; i += 2) {
    if (local(atts[i]) == name) return atts[i + 1];
  }
  return nullptr;
}

bool parse_xml(const std::string& text, Xml& handlers, std::string* why) {
  std::unique_ptr<XML_ParserStruct, void (*)(XML_Parser)> p(XML_ParserCreate("UTF-8"), XML_ParserFree);
  if (!p) return false;
  XML_SetUserData(p.get(), &handlers);
  XML_SetElementHandler(
      p.get(),
      [](void* h, const XML_Char* name, const XML_Char** atts) {
        if (auto& f = static_cast<Xml*>(h)->start) f(local(name), atts);
      },
      [](void* h, const XML_Char* name) {
        if (auto& f = static_cast<Xml*>(h)->end) f(local(name));
      });
  XML_SetCharacterDataHandler(p.get(), [](void* h, const XML_Char* s, int len) {
    if (auto& f = static_cast<Xml*>(h)->text) f(std::string_view(s, static_cast<std::size_t>(len)));
  });
  if (XML_Parse(p.get(), text.data(), static_cast<int>(text.size()), 1) == XML_STATUS_ERROR) {
    *why = trf("{} at line {}", XML_ErrorString(XML_GetErrorCode(p.get())),
                       XML_GetCurrentLineNumber(p.get()));
    return false;
  }
  return true;
}

// A number format's kind, from its id (the built-in ones) or its code.
enum class Format { Plain, Date, Percent };

Format builtin_format(int id) {
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58)) {
    return Format::Date;
  }
  if (id == 9 || id == 10) return Format::Percent;
  return Format::Plain;
}

Format code_format(std::string_view code) {
  // Quoted text and [colour] / [$-locale] sections say nothing of the kind.
  std::string bare;
  bool quoted = false, bracket = false;
  for (char c : code) {
    if (c == '"') quoted = !quoted;
    else if (!quoted && c == '[') bracket = true;
    else if (!quoted && c == ']') bracket = false;
    else if (!quoted && !bracket && c != '\\') bare += c;
  }
  if (bare.find('%') != std::string::npos) return Format::Percent;
  // The General keyword's letters are not date letters (its 'e' once made
  // "≥ "General"件" a date).
  std::string lower = bare;
  for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  for (std::size_t at; (at = lower.find("general")) != std::string::npos;) {
    bare.erase(at, 7);
    lower.erase(at, 7);
  }
  for (char c : bare) {
    if (c == 'y' || c == 'Y' || c == 'd' || c == 'D' || c == 'e') return Format::Date;
  }
  return Format::Plain;
}

// Column index of a cell reference ("C12" → 2).
std::size_t column_of(std::string_view ref) {
  std::size_t col = 0;
  for (char c : ref) {
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + static_cast<std::size_t>(c - 'A' + 1);
  }
  return col == 0 ? 0 : col - 1;
}

// The shortest decimal that reads back as the stored double.
std::string shortest(double v) {
  std::string s = fmt::format("{}", v);
  if (s.find('e') != std::string::npos) s = fmt::format("{:f}", v);  // no exponents in cells
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

// "0.999" → "99.9": the decimal point moved two places, exactly.
std::string percent_of(const std::string& number) {
  std::string sign, digits = number;
  if (!digits.empty() && digits[0] == '-') {
    sign = "-";
    digits.erase(0, 1);
  }
  std::string whole = digits, fraction;
  if (const auto dot = digits.find('.'); dot != std::string::npos) {
    whole = digits.substr(0, dot);
    fraction = digits.substr(dot + 1);
  }
  fraction.resize(std::max<std::size_t>(fraction.size(), 2), '0');
  whole += fraction.substr(0, 2);
  fraction.erase(0, 2);
  while (whole.size() > 1 && whole[0] == '0') whole.erase(0, 1);
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  return sign + whole + (fraction.empty() ? "" : "." + fraction) + "%";
}

std::string date_of(double serial, bool date1904) {
  // Days from the epoch; the 1900 system counts a 29 February 1900 that
  // never was, which the 1899-12-30 epoch absorbs for every date from March 1900.
  const Date epoch = date1904 ? Date{1904, 1, 1} : Date{1899, 12, 30};
  return epoch.add_days(static_cast<long>(std::floor(serial))).iso();
}

}  // namespace

bool read_xlsx(std::string_view bytes, const std::string& file, std::vector<Sheet>* sheets, Diagnostics& diags) {
  const auto fail = [&](const std::string& why) {
    diags.report(DiagCode::XlsxMalformed, file, {}, trf("not a readable xlsx workbook: {}", why));
    return false;
  };
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) return fail(zip_error_strerror(&error));
  zip_t* raw = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (!raw) {
    zip_source_free(source);
    const std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    return fail(why + " (an xlsx is a zip; save the workbook as Excel Workbook .xlsx)");
  }
  std::unique_ptr<zip_t, void (*)(zip_t*)> zip(raw, zip_discard);
  std::string why;

  // The sheets, in the workbook's order, and where each part is.
  const auto workbook = part(zip.get(), "xl/workbook.xml", &why);
  if (!workbook) return fail(why);
  std::vector<std::pair<std::string, std::string>> listed;  // name, relationship id
  bool date1904 = false;
  Xml wb{[&](std::string_view el, const char** atts) {
           if (el == "sheet") {
             const char* name = attribute(atts, "name");
             const char* id = attribute(atts, "id");
             listed.emplace_back(name ? name : "", id ? id : "");
           } else if (el == "workbookPr") {
             const char* d = attribute(atts, "date1904");
             date1904 = d && (std::string_view(d) == "1" || std::string_view(d) == "true");
           }
         },
         {}, {}};
  if (!parse_xml(*workbook, wb, &why)) return fail("xl/workbook.xml: " + why);
  std::map<std::string, std::string> targets;
  if (const auto rels = part(zip.get(), "xl/_rels/workbook.xml.rels", &why)) {
    Xml r{[&](std::string_view el, const char** atts) {
            if (el != "Relationship") return;
            const char* id = attribute(atts, "Id");
            const char* target = attribute(atts, "Target");
            if (!id || !target) return;
            std::string t = target;
            t = t.rfind('/', 0) == 0 ? t.substr(1) : "xl/" + t;
            targets[id] = t;
          },
          {}, {}};
    if (!parse_xml(*rels, r, &why)) return fail("xl/_rels/workbook.xml.rels: " + why);
  } else {
    return fail(why);
  }

  // Shared strings: each <si>'s text runs, without phonetic guides (<rPh>).
  std::vector<std::string> strings;
  if (const auto sst = part(zip.get(), "xl/sharedStrings.xml", &why)) {
    bool in_text = false;
    int phonetic = 0;
    Xml s{[&](std::string_view el, const char**) {
            if (el == "si") strings.emplace_back();
            else if (el == "rPh") ++phonetic;
            else if (el == "t") in_text = phonetic == 0;
          },
          [&](std::string_view el) {
            if (el == "rPh") --phonetic;
            else if (el == "t") in_text = false;
          },
          [&](std::string_view t) {
            if (in_text && !strings.empty()) strings.back() += t;
          }};
    if (!parse_xml(*sst, s, &why)) return fail("xl/sharedStrings.xml: " + why);
  }

  // Styles: each cell style's number format kind.
  std::vector<Format> styles;
  if (const auto st = part(zip.get(), "xl/styles.xml", &why)) {
    std::map<int, Format> custom;
    bool in_xfs = false;
    Xml s{[&](std::string_view el, const char** atts) {
            if (el == "numFmt") {
              const char* id = attribute(atts, "numFmtId");
              const char* code = attribute(atts, "formatCode");
              if (id && code) custom[std::atoi(id)] = code_format(code);
            } else if (el == "cellXfs") {
              in_xfs = true;
            } else if (el == "xf" && in_xfs) {
              const char* id = attribute(atts, "numFmtId");
              const int n = id ? std::atoi(id) : 0;
              const auto c = custom.find(n);
              styles.push_back(c != custom.end() ? c->second : builtin_format(n));
            }
          },
          [&](std::string_view el) {
            if (el == "cellXfs") in_xfs = false;
          },
          {}};
    if (!parse_xml(*st, s, &why)) return fail("xl/styles.xml: " + why);
  }

  for (const auto& [name, id] : listed) {
    const auto target = targets.find(id);
    if (target == targets.end()) return fail(trf("sheet '{}' has no part", name));
    const auto xml = part(zip.get(), target->second, &why);
    if (!xml) return fail(why);
    Sheet sheet;
    sheet.name = name;
    CsvRow row;
    std::size_t col = 0;
    std::string type, value;
    Format format = Format::Plain;
    bool in_value = false, in_inline = false;
    Xml s{[&](std::string_view el, const char** atts) {
            if (el == "row") {
              const char* r = attribute(atts, "r");
              row = CsvRow{r ? std::atoi(r) : static_cast<int>(sheet.rows.size()) + 1, {}};
            } else if (el == "c") {
              const char* r = attribute(atts, "r");
              col = r ? column_of(r) : row.cells.size();
              const char* t = attribute(atts, "t");
              type = t ? t : "n";
              const char* st = attribute(atts, "s");
              const auto si = st ? static_cast<std::size_t>(std::atoi(st)) : 0;
              format = si < styles.size() ? styles[si] : Format::Plain;
              value.clear();
            } else if (el == "v") {
              in_value = true;
            } else if (el == "is") {
              in_inline = true;
            } else if (el == "t" && in_inline) {
              in_value = true;
            }
          },
          [&](std::string_view el) {
            if (el == "v" || el == "t") {
              in_value = false;
            } else if (el == "is") {
              in_inline = false;
            } else if (el == "c") {
              std::string text = value;
              if (type == "s") {
                const auto i = static_cast<std::size_t>(std::atoi(value.c_str()));
                text = i < strings.size() ? strings[i] : std::string();
              } else if (type == "b") {
                text = value == "1" ? "TRUE" : "FALSE";
              } else if (type == "n" && !value.empty()) {
                char* end = nullptr;
                const double v = std::strtod(value.c_str(), &end);
                if (end && *end == '\0' && std::isfinite(v)) {
                  text = format == Format::Date      ? date_of(v, date1904)
                         : format == Format::Percent ? percent_of(shortest(v))
                                                     : shortest(v);
                }
              }
              if (col < (1u << 14)) {  // Excel's last column is XFD (16384)
                if (row.cells.size() <= col) row.cells.resize(col + 1);
                row.cells[col] = std::move(text);
              }
            } else if (el == "row") {
              bool any = false;
              for (const auto& c : row.cells) any = any || !c.empty();
              if (any) sheet.rows.push_back(std::move(row));
              row = CsvRow{};
            }
          },
          [&](std::string_view t) {
            if (in_value) value += t;
          }};
    if (!parse_xml(*xml, s, &why)) return fail(fmt::format("{}: {}", target->second, why));
    sheets->push_back(std::move(sheet));
  }
  return true;
}

bool table_of_xlsx(std::string_view bytes, const std::string& file, const std::string& sheet,
                   bool (*known)(std::string_view), std::vector<CsvRow>* rows, Diagnostics& diags) {
  std::vector<Sheet> sheets;
  if (!read_xlsx(bytes, file, &sheets, diags)) return false;
  const Sheet* chosen = nullptr;
  std::size_t header = 0;  // the row the table starts at (a title may stand above it)
  std::size_t best = 1;
  std::string names;
  for (const auto& s : sheets) {
    names += (names.empty() ? "" : ", ") + s.name;
    if (!sheet.empty() && s.name != sheet) continue;
    if (!sheet.empty()) chosen = &s;
    for (std::size_t r = 0; r < s.rows.size() && r < 10; ++r) {
      std::size_t headings = 0;
      for (const auto& c : s.rows[r].cells) {
        if (!c.empty() && known(c)) ++headings;
      }
      if (headings > best) {
        best = headings;
        chosen = &s;
        header = r;
      }
    }
  }
  if (!chosen) {
    diags.report(DiagCode::InputEmpty, file, {},
                 sheet.empty() ? trf("no sheet has a header row of known columns (sheets: {}); give --sheet", names)
                               : trf("no sheet '{}' (sheets: {})", sheet, names));
    return false;
  }
  rows->assign(chosen->rows.begin() + static_cast<std::ptrdiff_t>(header), chosen->rows.end());
  if (!rows->empty()) {
    const std::size_t width = rows->front().cells.size();
    for (auto& r : *rows) {
      if (r.cells.size() < width) r.cells.resize(width);
    }
  }
  return true;
}

}  // namespace isms

#include "isms/base/i18n.h"

#include <libintl.h>

namespace isms {

const char* tr(const char* msgid) {
  if (!msgid || !*msgid) return msgid;  // "" would return the catalog's header
  return dgettext(kTextDomain, msgid);
}

std::string catalog_header() {
  const char* header = dgettext(kTextDomain, "");
  return header ? std::string(header) : std::string();
}

std::string tr(const std::string& msgid) {
  const char* t = tr(msgid.c_str());
  return t == msgid.c_str() ? msgid : std::string(t);
}

}  // namespace isms

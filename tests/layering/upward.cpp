// Must not compile: the store layer includes a header of the rules layer,
// which its include view does not have (lib/CMakeLists.txt).
#include "isms/rules/validate.h"

int isms_layering_upward() { return 0; }

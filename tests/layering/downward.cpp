// Must compile: the control for upward.cpp, built the same way in the same
// layer but including only its own layer and the layers below.
#include "isms/base/date.h"
#include "isms/store/store.h"

int isms_layering_downward() { return isms::Date{}.year; }

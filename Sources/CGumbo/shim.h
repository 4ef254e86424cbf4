#ifndef DISCLOSE_CGUMBO_SHIM_H
#define DISCLOSE_CGUMBO_SHIM_H
#include <gumbo.h>
#endif

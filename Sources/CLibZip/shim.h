#ifndef DISCLOSE_CLIBZIP_SHIM_H
#define DISCLOSE_CLIBZIP_SHIM_H
#include <zip.h>
#endif

#ifndef DISCLOSE_CLIBZIP_SHIM_H
#define DISCLOSE_CLIBZIP_SHIM_H
#include <zip.h>

static inline zip_uint16_t disclose_zip_extra_field_new(void) { return ZIP_EXTRA_FIELD_NEW; }
#endif

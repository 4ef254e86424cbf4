#ifndef DISCLOSE_CZLIB_SHIM_H
#define DISCLOSE_CZLIB_SHIM_H
#include <zlib.h>

/* deflateInit2 is a macro; this is the call it stands for. */
static inline int disclose_deflate_init(z_streamp stream, int level, int windowBits, int memLevel) {
    return deflateInit2(stream, level, Z_DEFLATED, windowBits, memLevel, Z_DEFAULT_STRATEGY);
}

/* inflateInit2 is a macro too. */
static inline int disclose_inflate_init(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}
#endif

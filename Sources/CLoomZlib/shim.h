// The system zlib, for LoomFormats (gzip, PNG, CRC-32). zlib's `inflateInit2` and
// `deflateInit2` are function-like macros, which Swift cannot call; these wrappers can.
#include <zlib.h>

static inline int loom_inflate_init2(z_streamp stream, int window_bits) {
    return inflateInit2(stream, window_bits);
}

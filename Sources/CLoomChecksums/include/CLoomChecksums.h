// CRC-32C with the processor's CRC instructions (SSE 4.2 on x86-64, the CRC extension on
// arm64), for LoomFormats' checkpoint and TFRecord checksums.
#ifndef CLOOM_CHECKSUMS_H
#define CLOOM_CHECKSUMS_H

#include <stddef.h>
#include <stdint.h>

/// Whether this processor has CRC-32C instructions that `loom_crc32c_hardware` uses.
int loom_crc32c_hardware_available(void);

/// Continues the raw (not inverted) CRC-32C register `crc` over `length` bytes at `data`.
/// Call only when `loom_crc32c_hardware_available()` returned 1.
uint32_t loom_crc32c_hardware(uint32_t crc, const void *data, size_t length);

#endif

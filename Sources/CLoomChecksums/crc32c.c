// CRC-32C (Castagnoli) with hardware instructions. The caller keeps a portable fallback;
// this file only compiles code for the instruction sets it checks for at run time.
#include "CLoomChecksums.h"
#include <string.h>

#if defined(__x86_64__) || defined(__aarch64__)
// Combining CRC registers: the raw CRC-32C register is linear, so the register after
// A then B is shift(reg(A), |B|) ^ reg0(B), where shift multiplies by x^(8|B|) modulo
// the (reflected) polynomial. Three independent streams then keep the CRC unit busy.
#define LOOM_CRC32C_POLY 0x82F63B78u

static uint32_t loom_multmodp(uint32_t a, uint32_t b) {
    uint32_t m = (uint32_t)1 << 31, p = 0;
    for (;;) {
        if (a & m) {
            p ^= b;
            if ((a & (m - 1)) == 0) break;
        }
        m >>= 1;
        b = (b & 1) ? (b >> 1) ^ LOOM_CRC32C_POLY : b >> 1;
    }
    return p;
}

// x^(8 * bytes) modulo the polynomial (x^0 is bit 31 in the reflected representation).
static uint32_t loom_x8nmodp(size_t bytes) {
    uint32_t result = (uint32_t)1 << 31;
    uint32_t power = (uint32_t)1 << (31 - 8);  // x^8
    while (bytes) {
        if (bytes & 1) result = loom_multmodp(power, result);
        power = loom_multmodp(power, power);
        bytes >>= 1;
    }
    return result;
}

// Buffers at least this long are split into three interleaved streams.
#define LOOM_CRC32C_THREE_WAY 12288
#endif

#if defined(__x86_64__)
#include <cpuid.h>
#include <nmmintrin.h>

int loom_crc32c_hardware_available(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    return (ecx & bit_SSE4_2) != 0;
}

__attribute__((target("sse4.2")))
static uint32_t loom_crc32c_three(uint32_t crc, const unsigned char *bytes, size_t block) {
    uint64_t a = crc, b = 0, c = 0;
    for (size_t offset = 0; offset < block; offset += 8) {
        uint64_t wa, wb, wc;
        memcpy(&wa, bytes + offset, 8);
        memcpy(&wb, bytes + block + offset, 8);
        memcpy(&wc, bytes + 2 * block + offset, 8);
        a = _mm_crc32_u64(a, wa);
        b = _mm_crc32_u64(b, wb);
        c = _mm_crc32_u64(c, wc);
    }
    uint32_t shift = loom_x8nmodp(block);
    return loom_multmodp(shift, loom_multmodp(shift, (uint32_t)a) ^ (uint32_t)b) ^ (uint32_t)c;
}

__attribute__((target("sse4.2")))
uint32_t loom_crc32c_hardware(uint32_t crc, const void *data, size_t length) {
    const unsigned char *bytes = data;
    if (length >= LOOM_CRC32C_THREE_WAY) {
        size_t block = length / 24 * 8;
        crc = loom_crc32c_three(crc, bytes, block);
        bytes += 3 * block;
        length -= 3 * block;
    }
    uint64_t value = crc;
    while (length >= 8) {
        uint64_t word;
        memcpy(&word, bytes, 8);
        value = _mm_crc32_u64(value, word);
        bytes += 8;
        length -= 8;
    }
    uint32_t result = (uint32_t)value;
    while (length > 0) {
        result = _mm_crc32_u8(result, *bytes++);
        length -= 1;
    }
    return result;
}

#elif defined(__aarch64__)
#include <arm_acle.h>
#if defined(__linux__)
#include <sys/auxv.h>
#include <asm/hwcap.h>
#endif

int loom_crc32c_hardware_available(void) {
#if defined(__APPLE__)
    return 1;  // every Apple arm64 processor has the CRC extension
#elif defined(__linux__)
    return (getauxval(AT_HWCAP) & HWCAP_CRC32) != 0;
#else
    return 0;
#endif
}

__attribute__((target("crc")))
static uint32_t loom_crc32c_three(uint32_t crc, const unsigned char *bytes, size_t block) {
    uint32_t a = crc, b = 0, c = 0;
    for (size_t offset = 0; offset < block; offset += 8) {
        uint64_t wa, wb, wc;
        memcpy(&wa, bytes + offset, 8);
        memcpy(&wb, bytes + block + offset, 8);
        memcpy(&wc, bytes + 2 * block + offset, 8);
        a = __crc32cd(a, wa);
        b = __crc32cd(b, wb);
        c = __crc32cd(c, wc);
    }
    uint32_t shift = loom_x8nmodp(block);
    return loom_multmodp(shift, loom_multmodp(shift, a) ^ b) ^ c;
}

__attribute__((target("crc")))
uint32_t loom_crc32c_hardware(uint32_t crc, const void *data, size_t length) {
    const unsigned char *bytes = data;
    if (length >= LOOM_CRC32C_THREE_WAY) {
        size_t block = length / 24 * 8;
        crc = loom_crc32c_three(crc, bytes, block);
        bytes += 3 * block;
        length -= 3 * block;
    }
    while (length >= 8) {
        uint64_t word;
        memcpy(&word, bytes, 8);
        crc = __crc32cd(crc, word);
        bytes += 8;
        length -= 8;
    }
    while (length > 0) {
        crc = __crc32cb(crc, *bytes++);
        length -= 1;
    }
    return crc;
}

#else
int loom_crc32c_hardware_available(void) { return 0; }
uint32_t loom_crc32c_hardware(uint32_t crc, const void *data, size_t length) {
    (void)data;
    (void)length;
    return crc;
}
#endif

#include "CLoomKernels.h"

#if defined(__x86_64__)
#include <cpuid.h>

int loom_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t registers[4]) {
    unsigned int a = 0, b = 0, c = 0, d = 0;
    // __get_cpuid_count checks the highest leaf of the leaf's range (basic or extended).
    if (!__get_cpuid_count(leaf, subleaf, &a, &b, &c, &d)) {
        registers[0] = registers[1] = registers[2] = registers[3] = 0;
        return 0;
    }
    registers[0] = a;
    registers[1] = b;
    registers[2] = c;
    registers[3] = d;
    return 1;
}

uint64_t loom_xgetbv0(void) {
    unsigned int a = 0, b = 0, c = 0, d = 0;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 27))) return 0; // OSXSAVE
    uint32_t low = 0, high = 0;
    __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
    return ((uint64_t)high << 32) | low;
}

#else

int loom_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t registers[4]) {
    (void)leaf;
    (void)subleaf;
    registers[0] = registers[1] = registers[2] = registers[3] = 0;
    return 0;
}

uint64_t loom_xgetbv0(void) { return 0; }

#endif

#ifndef CLOOMKERNELS_H
#define CLOOMKERNELS_H

// C helpers of LoomTensor's kernels: CPUID (to choose BLAS kernels) and vector operations
// Swift does not lower to vector instructions by itself.

#include <stdint.h>

/// Executes CPUID with `leaf` and `subleaf` and stores EAX, EBX, ECX, EDX in `registers`.
/// Returns 1 on success; 0 (registers zeroed) when the leaf is above the highest one the
/// processor supports, or on a processor that is not x86-64.
int loom_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t registers[4]);

/// The extended control register XCR0 (which register states the operating system saves:
/// bit 1 SSE, bit 2 AVX, bits 5-7 AVX-512), or 0 when the processor lacks OSXSAVE or is
/// not x86-64.
uint64_t loom_xgetbv0(void);

/// Eight floats as one vector (Swift sees `SIMD8<Float>`).
typedef float loom_float8 __attribute__((ext_vector_type(8)));

/// The correctly rounded square root of each lane, as one vector instruction per register
/// (`sqrtps` on x86-64). Swift's `SIMD8.squareRoot()` calls the scalar `sqrtf` per lane.
static inline loom_float8 loom_sqrt8(loom_float8 x) { return __builtin_elementwise_sqrt(x); }

#endif

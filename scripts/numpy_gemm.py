#!/usr/bin/env python3
"""numpy's float32 matmul GFLOP/s at 512 (and other sizes), 1 and 2 threads.

The thread count must be fixed before numpy loads OpenBLAS, so each measurement runs in
a fresh interpreter with OPENBLAS_NUM_THREADS (and OMP_NUM_THREADS) set.
Usage: .venv/bin/python scripts/numpy_gemm.py [size ...]   (default: 512)
Prints one line per (size, threads), median of 7 samples."""
import os
import subprocess
import sys

CHILD = r"""
import sys, time
import numpy as np
n = int(sys.argv[1])
a = np.full((n, n), 0.5, dtype=np.float32)
b = np.full((n, n), 0.25, dtype=np.float32)
c = a @ b
calls = 1
while True:
    start = time.perf_counter()
    for _ in range(calls):
        np.matmul(a, b, out=c)
    if time.perf_counter() - start >= 0.02 or calls >= 65536:
        break
    calls *= 2
samples = []
for _ in range(7):
    start = time.perf_counter()
    for _ in range(calls):
        np.matmul(a, b, out=c)
    samples.append((time.perf_counter() - start) / calls)
samples.sort()
print(2 * n ** 3 / samples[len(samples) // 2] / 1e9)
"""


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or [512]
    for size in sizes:
        for threads in (1, 2):
            env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads))
            out = subprocess.run([sys.executable, "-c", CHILD, str(size)], env=env, capture_output=True, text=True, check=True)
            print(f"numpy matmul {size}x{size}x{size} float32 {threads} thread(s): {float(out.stdout):.1f} GFLOP/s")


if __name__ == "__main__":
    main()

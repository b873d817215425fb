import Foundation
@testable import LoomTensor
import LoomTensorTestSupport
import Testing

@Suite struct KernelSettingsTests {
    @Test func blasCanBeDisabledAndMissingPathsFallBack() {
        #expect(BLASLibrary.load(environment: "none") == nil)
        let fallback = BLASLibrary.load(environment: "/nonexistent/libblas.so")
        #expect((fallback != nil) == (BLASLibrary.load(environment: nil) != nil))
        if ProcessInfo.processInfo.environment["LOOM_BLAS"] == "none" { #expect(!Kernels.isBLASLoaded) }
    }

    /// Work is split over rows/columns, never over a sum, so any thread count gives
    /// bit-identical results. (Changing the process-wide count here cannot disturb
    /// concurrently running tests for the same reason.)
    @Test func threadedKernelsMatchSingleThreaded() {
        let a = testValues([100, 70], seed: 1), b = testValues([70, 130], seed: 2)
        let big = testValues([1 << 19], seed: 3)
        func compute() -> [[Float]] {
            var product = [Float](repeating: 0, count: 100 * 130)
            product.withUnsafeMutableBufferPointer { c in
                a.withUnsafeBufferPointer { pa in
                    b.withUnsafeBufferPointer { pb in
                        Kernels.sgemm(m: 100, n: 130, k: 70, a: pa.baseAddress!, lda: 70, b: pb.baseAddress!, ldb: 130, c: c.baseAddress!, ldc: 130, kernel: .portable)
                    }
                }
            }
            return [product, (big + big).scalars, big.exp().scalars, big.reshaped(to: [512, 1024]).sum(alongAxes: [1]).scalars]
        }
        let results = computed(atThreadCounts: [1, 2], compute)
        let (single, threaded) = (results[0], results[1])
        #expect(single == threaded)
        let previous = Kernels.threadCount
        Kernels.threadCount = 0
        #expect(Kernels.threadCount == 1)
        Kernels.threadCount = previous
    }
}

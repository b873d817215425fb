import Foundation

// libFuzzer's entry points. libFuzzer supplies `main`; the target to run is chosen by the
// environment variable `LOOM_FUZZ_TARGET` (one of `FuzzTarget.allCases`).

/// The target named by `LOOM_FUZZ_TARGET`, read once.
let selectedTarget: FuzzTarget? = ProcessInfo.processInfo.environment["LOOM_FUZZ_TARGET"].flatMap(FuzzTarget.init(rawValue:))

/// Called once by libFuzzer before any input: stops with a usage message when no valid
/// target is selected.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    guard selectedTarget != nil else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        let found = ProcessInfo.processInfo.environment["LOOM_FUZZ_TARGET"] ?? "nothing"
        FileHandle.standardError.write(Data("loom-fuzz: set LOOM_FUZZ_TARGET to one of: \(names) (found \(found))\n".utf8))
        exit(2)
    }
    return 0
}

/// Called by libFuzzer for every input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    selectedTarget?.run(bytes)
    return 0
}

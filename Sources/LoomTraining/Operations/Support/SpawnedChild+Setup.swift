#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

extension SpawnedChild {
    /// The descriptors a child starts with: `/dev/null` as 0, the two pipes' write ends as
    /// 1 and 2, nothing else.
    struct FileActions {
        #if canImport(Darwin)
        var value: posix_spawn_file_actions_t? = nil
        #else
        var value = posix_spawn_file_actions_t()
        #endif

        init(stdout: Int32, stderr: Int32) throws(LaunchError) {
            var code = posix_spawn_file_actions_init(&value)
            guard code == 0 else { throw LaunchError(code: code, operation: "posix_spawn_file_actions_init") }
            code = posix_spawn_file_actions_addopen(&value, 0, "/dev/null", O_RDONLY, 0)
            if code == 0 { code = posix_spawn_file_actions_adddup2(&value, stdout, 1) }
            if code == 0 { code = posix_spawn_file_actions_adddup2(&value, stderr, 2) }
            if code == 0 { code = closeFromThree() }
            guard code == 0 else {
                destroy()
                throw LaunchError(code: code, operation: "posix_spawn_file_actions")
            }
        }

        mutating func destroy() { posix_spawn_file_actions_destroy(&value) }

        /// Adds the closing of every descriptor from 3 up: glibc's (2.34+) close-from
        /// action where it exists, else one close per descriptor open now. On Darwin,
        /// ``Attributes`` asks for the same with `POSIX_SPAWN_CLOEXEC_DEFAULT`.
        private mutating func closeFromThree() -> Int32 {
            #if canImport(Glibc)
            if let addCloseFrom = Self.addCloseFrom { return addCloseFrom(&value, 3) }
            let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
            for descriptor in open.compactMap({ Int32($0) }) where descriptor > 2 {
                let code = posix_spawn_file_actions_addclose(&value, descriptor)
                guard code == 0 else { return code }
            }
            #endif
            return 0
        }

        #if canImport(Glibc)
        private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        /// `posix_spawn_file_actions_addclosefrom_np`, which Swift's Glibc module does not
        /// declare (it needs `_GNU_SOURCE`); `nil` before glibc 2.34.
        private static let addCloseFrom: AddCloseFrom? = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np")
            .map { unsafeBitCast($0, to: AddCloseFrom.self) }
        #endif
    }

    /// A new process group, an empty signal mask and default signal dispositions.
    struct Attributes {
        #if canImport(Darwin)
        var value: posix_spawnattr_t? = nil
        #else
        var value = posix_spawnattr_t()
        #endif

        init() throws(LaunchError) {
            var code = posix_spawnattr_init(&value)
            guard code == 0 else { throw LaunchError(code: code, operation: "posix_spawnattr_init") }
            var flags = Int32(POSIX_SPAWN_SETPGROUP) | Int32(POSIX_SPAWN_SETSIGMASK) | Int32(POSIX_SPAWN_SETSIGDEF)
            #if canImport(Darwin)
            flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
            #endif
            var none = sigset_t(), all = sigset_t()
            sigemptyset(&none)
            sigfillset(&all)
            code = posix_spawnattr_setflags(&value, Int16(flags))
            if code == 0 { code = posix_spawnattr_setpgroup(&value, 0) }
            if code == 0 { code = posix_spawnattr_setsigmask(&value, &none) }
            if code == 0 { code = posix_spawnattr_setsigdefault(&value, &all) }
            guard code == 0 else {
                destroy()
                throw LaunchError(code: code, operation: "posix_spawnattr")
            }
        }

        mutating func destroy() { posix_spawnattr_destroy(&value) }
    }
}

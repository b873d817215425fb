#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A child process started with `posix_spawn(3)`: in its own process group, standard input
/// from `/dev/null`, standard output and error into two pipes whose read ends the parent
/// keeps, every other descriptor closed, an empty signal mask and every signal at its
/// default disposition (an ignored `SIGPIPE` of the parent does not reach the child).
///
/// Foundation's `Process` does the same with more work in the parent on each start (it
/// lists `/proc/self/fd` and queries resource limits in a loop); this is what SendStat and
/// the GPU tracker start once an epoch, on a machine whose other core trains.
struct SpawnedChild {
    /// The child's process identifier, which is also its process group's.
    let pid: pid_t
    /// The read end of its standard output (owned by the caller, close-on-exec).
    let standardOutput: Int32
    /// The read end of its standard error (owned by the caller, close-on-exec).
    let standardError: Int32

    /// Why a child could not be started.
    struct LaunchError: Error, CustomStringConvertible {
        /// The `errno` value.
        var code: Int32
        /// What failed.
        var operation: String

        var description: String { "\(operation): \(String(cString: strerror(code)))" }
    }

    /// Starts `executable` with `arguments` (`argv[0]` is the executable's path) and
    /// `environment` (`nil`: this process's environment).
    /// - Throws: ``LaunchError`` when the pipes cannot be made or the program not run
    ///   (missing, not executable: the exec error is reported here, not as an exit status).
    static func start(executable: String, arguments: [String], environment: [String: String]?) throws(LaunchError) -> SpawnedChild {
        let output = try Self.pipe()
        let errors: (read: Int32, write: Int32)
        do { errors = try Self.pipe() } catch {
            Self.close(output)
            throw error
        }
        let pid: pid_t
        do { pid = try spawn(executable, arguments: arguments, environment: environment, stdout: output.write, stderr: errors.write) } catch {
            Self.close(output)
            Self.close(errors)
            throw error
        }
        Self.close(output.write)
        Self.close(errors.write)
        return SpawnedChild(pid: pid, standardOutput: output.read, standardError: errors.read)
    }

    /// Runs `posix_spawn` with the file actions and attributes of a child.
    private static func spawn(_ executable: String, arguments: [String], environment: [String: String]?,
                              stdout: Int32, stderr: Int32) throws(LaunchError) -> pid_t {
        var actions = try FileActions(stdout: stdout, stderr: stderr)
        defer { actions.destroy() }
        var attributes = try Attributes()
        defer { attributes.destroy() }
        let argv = ([executable] + arguments).map { strdup($0) }
        let envp = environment.map { $0.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } }
        defer {
            argv.forEach { free($0) }
            envp?.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = (argv + [nil]).withUnsafeBufferPointer { argvPointer in
            func spawn(_ environmentPointer: UnsafePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
                posix_spawn(&pid, executable, &actions.value, &attributes.value, argvPointer.baseAddress!,
                            environmentPointer)
            }
            if let envp { return (envp + [nil]).withUnsafeBufferPointer { spawn($0.baseAddress!) } }
            return spawn(Self.currentEnvironment)
        }
        guard result == 0 else { throw LaunchError(code: result, operation: executable) }
        return pid
    }

    /// Blocks until the child exits and reaps it.
    /// - Returns: its exit status, or `nil` when a signal ended it.
    func waitForExit() -> Int32? {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { return nil }
        }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : nil
    }

    /// Sends `signal` to the child's whole process group.
    func signalGroup(_ signal: Int32) {
        kill(-pid, signal)
    }

    /// Reads `descriptor` to its end and closes it.
    static func readToEnd(_ descriptor: Int32) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                data.append(contentsOf: buffer[..<count])
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        Self.close(descriptor)
        return data
    }

    private static func close(_ descriptor: Int32) {
        #if canImport(Glibc)
        _ = Glibc.close(descriptor)
        #else
        _ = Darwin.close(descriptor)
        #endif
    }

    private static func close(_ pipe: (read: Int32, write: Int32)) {
        close(pipe.read)
        close(pipe.write)
    }

    private static func pipe() throws(LaunchError) -> (read: Int32, write: Int32) {
        var ends: [Int32] = [-1, -1]
        #if canImport(Glibc)
        let made = Glibc.pipe(&ends)
        #else
        let made = Darwin.pipe(&ends)
        #endif
        guard made == 0 else { throw LaunchError(code: errno, operation: "pipe") }
        // Close-on-exec, so that no other child started meanwhile holds them open.
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return (ends[0], ends[1])
    }

    private static var currentEnvironment: UnsafePointer<UnsafeMutablePointer<CChar>?> {
        #if canImport(Glibc)
        UnsafePointer(environ)
        #else
        UnsafePointer(_NSGetEnviron().pointee!)
        #endif
    }
}

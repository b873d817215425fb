#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
@testable import LoomTraining

/// The child processes of SendStat and the GPU tracker: what they get (arguments, exactly
/// the given environment, `/dev/null` as input, no other descriptor, default signals) and
/// what the parent learns (status, both outputs, a launch error, a timeout).
@Suite struct ChildProcessTests {
    private let shell = URL(fileURLWithPath: "/bin/sh")

    private func sh(_ script: String, environment: [String: String]? = ["PATH": "/usr/bin:/bin"],
                    timeout: Double = 10) -> ChildProcessResult {
        ChildProcess.run(executable: shell, arguments: ["-c", script], environment: environment, timeout: timeout)
    }

    @Test func statusArgumentsAndBothOutputsComeBack() {
        let result = ChildProcess.run(executable: shell, arguments: ["-c", "printf '%s|' \"$0\" \"$1\"; echo oops >&2; exit 3", "zero", "one two"],
                                      environment: [:], timeout: 10)
        #expect(result.status == 3 && !result.timedOut && result.launchError == nil)
        #expect(String(decoding: result.standardOutput, as: UTF8.self) == "zero|one two|")
        #expect(result.standardErrorTail() == "oops")
        #expect(result.failureSummary(timeout: 10) == "exited with status 3")
        #expect(sh("exit 0").succeeded)
    }

    @Test func theEnvironmentIsExactlyTheGivenOneOrElseInherited() {
        let given = sh("env", environment: ["LOOM_CHILD_TEST": "a=b c"])
        let lines = String(decoding: given.standardOutput, as: UTF8.self).split(separator: "\n").filter { !$0.hasPrefix("PWD=") }
        #expect(lines == ["LOOM_CHILD_TEST=a=b c"])
        let inherited = sh("echo \"$PATH\"", environment: nil)
        #expect(String(decoding: inherited.standardOutput, as: UTF8.self) == (ProcessInfo.processInfo.environment["PATH"] ?? "") + "\n")
    }

    @Test func inputIsDevNullAndNoOtherDescriptorIsInherited() throws {
        // A descriptor this process holds open without close-on-exec must not reach the child.
        let leaked = open("/dev/null", O_RDONLY)
        #expect(leaked > 2)
        defer { close(leaked) }
        let result = sh("cat; ls /dev/fd/ | grep -c '^[0-9]'")
        // cat read nothing; ls sees 0, 1, 2 and its own directory descriptor.
        #expect(result.status == 0)
        let count = Int(String(decoding: result.standardOutput, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        #expect(count == 4)
    }

    @Test func signalsStartAtTheirDefaults() {
        // An ignored SIGPIPE (as Foundation and many servers set it) must not reach the child.
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous) }
        let piped = sh("kill -PIPE $$; echo survived")
        #expect(piped.standardOutput.isEmpty && piped.status == nil && !piped.timedOut)
        #expect(piped.failureSummary(timeout: 10) == "was terminated by a signal")
        // Nor a signal this thread blocks: the child starts with an empty mask.
        var blocked = sigset_t(), saved = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &blocked, &saved)
        defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
        let terminated = sh("kill -TERM $$; echo survived")
        #expect(terminated.standardOutput.isEmpty && terminated.status == nil)
    }

    @Test func aTimeoutKillsTheWholeProcessGroup() {
        let started = Date()
        // The grandchild sleep holds the pipes open; killing only the shell would leave it.
        let result = sh("sleep 30 & sleep 30", timeout: 0.3)
        #expect(result.timedOut && result.status == nil)
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(result.failureSummary(timeout: 0.3) == "did not finish within 0.3 s and was killed")
    }

    @Test func aMissingProgramIsALaunchErrorNamingIt() {
        let result = ChildProcess.run(executable: URL(fileURLWithPath: "/nonexistent/loom-tool"), arguments: [],
                                      environment: [:], timeout: 10)
        #expect(result.launchError == "/nonexistent/loom-tool: No such file or directory")
        #expect(result.status == nil && !result.succeeded)
        #expect(result.failureSummary(timeout: 10) == "could not be started: /nonexistent/loom-tool: No such file or directory")
    }

    @Test func largeOutputOnBothPipesDoesNotDeadlock() {
        // More than a pipe holds (64 KiB) on each, written alternately.
        let result = sh("i=0; while [ $i -lt 3000 ]; do echo 0123456789012345678901234567890123456789; echo abcdefghijabcdefghij >&2; i=$((i+1)); done")
        #expect(result.status == 0)
        #expect(result.standardOutput.count == 3000 * 41 && result.standardError.count == 3000 * 21)
    }
}

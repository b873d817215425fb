// The distributed checks, run under `mpirun -np N` by scripts/test-distributed (they need
// the `MPI` trait). Each check prints `PASS name` or `FAIL name: why` on rank 0; the exit
// status is non-zero when any check failed.
//
//   LoomDistributedChecks all <scratch dir>     every check
//   LoomDistributedChecks throw <rank>          <rank> throws after 3 steps (the job must end)
//   LoomDistributedChecks bench                 allreduce bandwidth and MLP steps/s
#if MPI
import Foundation
import LoomDistributed

let arguments = CommandLine.arguments.dropFirst()
let communicator: MPICommunicator
do {
    communicator = try MPICommunicator()
} catch {
    FileHandle.standardError.write(Data("cannot start MPI: \(error)\n".utf8))
    exit(1)
}
let run = DistributedRun(communicator: communicator)
switch arguments.first ?? "all" {
case "throw":
    run.run { try throwingJob(communicator: communicator, failingRank: Int(arguments.dropFirst().first ?? "1") ?? 1) }
case "bench":
    run.run { try benchmark(communicator: communicator) }
default:
    let base = URL(fileURLWithPath: arguments.dropFirst().first ?? NSTemporaryDirectory() + "loom-distributed-checks")
    let runner = CheckRunner(communicator: communicator)
    run.run {
        try communicationChecks(runner)
        try trainingChecks(runner)
        try trainerChecks(runner, directory: base)
    }
    try? communicator.finalize()
    exit(runner.failures == 0 ? 0 : 1)
}
try? communicator.finalize()
#else
import Foundation
FileHandle.standardError.write(Data("LoomDistributedChecks needs MPI: build with `swift build --traits MPI` (see scripts/test-distributed)\n".utf8))
exit(2)
#endif

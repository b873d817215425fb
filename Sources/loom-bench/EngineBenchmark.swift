import ArgumentParser
import Foundation
import LoomNN
import LoomTensor

/// `loom-bench engine`: training steps/s of logistic regression, the MLP, LeNet and the digit
/// CNN on random 28×28 inputs; the share of each step spent in GEMM/convolution kernels (the
/// same calls timed alone) against everything else (framework overhead); the seconds one
/// validation pass over 10,000 images takes (eval mode, no gradient); and peak memory growth.
struct EngineBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "engine", abstract: "Training-step throughput and framework overhead of LoomNN models.")
    @OptionGroup var options: BenchOptions

    @Option(help: "Training steps per timed repetition.")
    var steps = 50

    @Option(help: "Comma-separated thread counts (LOOM_NUM_THREADS).")
    var threads = "1,2"

    @Option(help: "Steps of the memory check (peak RSS after 100 steps vs after this many).")
    var memorySteps = 1000

    @Option(help: "Comma-separated models: logreg, mlp, lenet, cnn.")
    var models = "logreg,mlp,lenet,cnn"

    @Option(help: "Images of the validation figure (eval mode, no gradient, batches of 250); 0 skips it.")
    var validationImages = 10_000

    @Option(help: "The optimizer: sgd (momentum 0.9, lr 0.01) or adam (lr 1e-3).")
    var optimizer = "sgd"

    @Option(help: "Error vectors each step computes: train (top-1, what loom train fetches every step), all, or none.")
    var errorVectors = "train"

    func run() throws {
        var report = BenchReport(area: "engine")
        let info = KernelInfo.current
        report.add("backend", [("kernels", .text(info.blas ?? "portable")), ("cpus", .integer(info.cpuCount)), ("optimizer", .text(optimizer)),
                             ("error vectors", .text(errorVectors))])
        _ = try makeOptimizer()
        _ = try vectors()
        let wanted = models.split(separator: ",").map(String.init)
        let specs = try EngineModelSpec.all().filter { wanted.contains($0.name) }
        for count in threads.split(separator: ",").compactMap({ Int($0) }) {
            Kernels.threadCount = count
            for spec in specs { report.add("\(spec.name) \(count)t", try measure(spec)) }
        }
        if memorySteps > 100, let mlp = specs.first(where: { $0.name == "mlp" }) {
            Kernels.threadCount = 1
            let memory = try peakMemory(mlp)
            report.add("mlp memory 1t", [("VmHWM@100 MiB", .number(memory.early, digits: 1)),
                                         ("VmHWM@\(memorySteps) MiB", .number(memory.late, digits: 1)),
                                         ("growth %", .number((memory.late / memory.early - 1) * 100, digits: 2)),
                                         ("working set MiB", .number(memory.workingSet, digits: 1)),
                                         ("peak/working set", .number(memory.late / memory.workingSet, digits: 2))])
        }
        report.emit(json: options.json)
    }

    /// Steps/s, kernel time alone per step, and the kernels' share of the step.
    private func measure(_ spec: EngineModelSpec) throws -> [(String, BenchValue)] {
        let classifier = try spec.build()
        let optimizer = try makeOptimizer()
        let (images, labels) = spec.batch()
        let wanted = try vectors()
        func step() {
            _ = classifier.trainStep(images: images, labels: labels, optimizer: optimizer, errorVectors: wanted)
            classifier.model.applyUpdateOps()
        }
        for _ in 0..<5 { step() }
        let stepSeconds = median((0..<options.repeats).map { _ in measureSeconds { for _ in 0..<steps { step() } } / Double(steps) })
        let kernelSeconds = spec.kernels.map { call in
            median((0..<options.repeats).map { _ in call.seconds(iterations: max(steps / 5, 5)) })
        }.reduce(0, +)
        let flops = spec.kernels.map(\.flops).reduce(0, +)
        // The optimizer update alone, on the last step's gradients (it keeps moving the weights).
        let parameters = classifier.model.namedParameters()
        let updateSeconds = median((0..<options.repeats).map { _ in
            measureSeconds { for _ in 0..<steps { optimizer.update(parameters) } } / Double(steps)
        })
        var validation: [(String, BenchValue)] = []
        if validationImages > 0 {
            let seconds = validationSeconds(classifier)
            validation = [("val \(validationImages) images s", .number(seconds, digits: 3)),
                          ("val images/s", .number(Double(validationImages) / seconds, digits: 0))]
        }
        return [
            ("batch", .integer(spec.batchSize)),
            ("steps/s", .number(1 / stepSeconds, digits: 1)),
            ("ms/step", .number(stepSeconds * 1e3, digits: 3)),
            ("kernels alone ms", .number(kernelSeconds * 1e3, digits: 3)),
            ("kernel share %", .number(kernelSeconds / stepSeconds * 100, digits: 1)),
            ("update ms", .number(updateSeconds * 1e3, digits: 3)),
            ("overhead %", .number((1 - kernelSeconds / stepSeconds) * 100, digits: 1)),
            ("GFLOP/s in step", .number(flops / stepSeconds / 1e9, digits: 1)),
            ("GFLOP/s alone", .number(flops / kernelSeconds / 1e9, digits: 1)),
        ] + validation
    }

    /// Median seconds of one evaluation pass over ``validationImages`` random images in
    /// batches of 250 (inference mode, no gradient recorded; logits, loss and error counts).
    private func validationSeconds(_ classifier: ClassifierModel) -> Double {
        let batch = 250
        var generator = SeededGenerator(seed: 2)
        let images = Tensor(randomNormal: [batch] + classifier.inputShape, using: &generator)
        let labels = IndexTensor((0..<batch).map { $0 % classifier.classes })
        let batches = (validationImages + batch - 1) / batch
        _ = classifier.step(images: images, labels: labels, training: false)
        return median((0..<options.repeats).map { _ in
            measureSeconds { for _ in 0..<batches { _ = classifier.step(images: images, labels: labels, training: false) } }
        })
    }

    /// The optimizer named by `--optimizer`.
    private func makeOptimizer() throws -> Optimizer {
        switch optimizer {
        case "sgd": return .sgd(learningRate: 0.01, momentum: 0.9)
        case "adam": return .adam(learningRate: 1e-3)
        default: throw ValidationError("--optimizer \(optimizer): use sgd or adam")
        }
    }

    /// The error vectors named by `--error-vectors`.
    private func vectors() throws -> ClassifierOutputs.ErrorVectors {
        switch errorVectors {
        case "train": return .top1
        case "all": return .all
        case "none": return []
        default: throw ValidationError("--error-vectors \(errorVectors): use train, all or none")
        }
    }

    /// Peak resident memory (VmHWM) after 100 steps and after ``memorySteps`` steps, and
    /// the live working set: resident memory before the first step (program, libraries,
    /// model, batch) plus the most tensor bytes the steps held at once beyond that; in MiB.
    private func peakMemory(_ spec: EngineModelSpec) throws -> (early: Double, late: Double, workingSet: Double) {
        let classifier = try spec.build()
        let optimizer = Optimizer.sgd(learningRate: 0.01, momentum: 0.9)
        let (images, labels) = spec.batch()
        let resident = residentMiB()
        Kernels.trimTensorMemory()
        Kernels.resetTensorMemoryPeak()
        let liveAtStart = Kernels.tensorMemory.liveBytes
        var early = 0.0
        for index in 1...memorySteps {
            _ = classifier.trainStep(images: images, labels: labels, optimizer: optimizer)
            classifier.model.applyUpdateOps()
            if index == 100 { early = peakResidentMiB() }
        }
        let grown = Double(Kernels.tensorMemory.peakLiveBytes - liveAtStart) / 1_048_576
        return (early, peakResidentMiB(), resident + grown)
    }
}

/// Reads `VmHWM` (peak resident set size) from /proc/self/status, in MiB (0 when unavailable).
func peakResidentMiB() -> Double { procStatusMiB("VmHWM:") }

/// Reads `VmRSS` (resident set size now) from /proc/self/status, in MiB (0 when unavailable).
func residentMiB() -> Double { procStatusMiB("VmRSS:") }

private func procStatusMiB(_ key: String) -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix(key) {
        let digits = line.split(separator: " ").compactMap { Double($0) }
        return (digits.first ?? 0) / 1024
    }
    return 0
}

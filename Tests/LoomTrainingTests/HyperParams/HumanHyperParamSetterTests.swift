import Foundation
import Testing
@testable import LoomTraining

@Suite struct HumanHyperParamSetterTests {
    /// A run with a log directory; `prepare` writes files before training; `edits[epoch]`
    /// is written (or deleted, when nil) at the end of that epoch, before the setter's trigger.
    private func run(maxEpoch: Int = 3, stepsPerEpoch: Int = 2, file: String? = nil,
                     edits: [Int: String?] = [:], wrap: (HumanHyperParamSetter) -> any Callback = { $0 },
                     extra: [any Callback] = []) throws -> (RateRecorder, Trainer, Harness, URL) {
        let harness = try Harness()
        let directory = harness.root.appendingPathComponent("log")
        let url = directory.appendingPathComponent("hyper.txt")
        if let file {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try AtomicFile.write(file, to: url)
        }
        let editor = LambdaCallback(name: "Editor", afterEpoch: { context in
            guard let edit = edits[context.loop.epochNumber] else { return }
            if let edit { try AtomicFile.write(edit, to: url) } else { try FileManager.default.removeItem(at: url) }
        })
        let recorder = RateRecorder()
        let setter = HumanHyperParamSetter("learning_rate", settleDelay: 0.001)
        let trainer = Trainer(harness.config(HyperBackend(), callbacks: [editor, wrap(setter), recorder] + extra, extra: [],
                                             stepsPerEpoch: stepsPerEpoch, maxEpoch: maxEpoch, logLocation: .at("log"), action: .keep))
        _ = try trainer.train()
        return (recorder, trainer, harness, url)
    }

    @Test func writesATemplateWhenMissing() throws {
        let (recorder, trainer, harness, url) = try run(maxEpoch: 1)
        #expect(try String(contentsOf: url, encoding: .utf8) == """
            # Loom hyperparameters: edit a value and save; it applies at the next trigger.
            # One `name:value` per line; `#` starts a comment.
            learning_rate:0.1
            momentum:0.9

            """)
        #expect(recorder.values(1...2) == [0.1, 0.1])
        #expect(trainer.monitors.history("learning_rate").isEmpty)
        #expect(harness.messages.contains("Wrote \(url.path) with the current hyperparameters; edit it to change learning_rate while training runs"))
    }

    @Test func anEditBetweenEpochsTakesEffectAtTheNextTrigger() throws {
        let (recorder, trainer, harness, _) = try run(edits: [2: "learning_rate:0.05\nmomentum:0.9\n"])
        #expect(recorder.values(1...6) == [0.1, 0.1, 0.1, 0.1, 0.05, 0.05])
        #expect(trainer.monitors.history("learning_rate") == [StatPoint(globalStep: 4, value: 0.05)])
        #expect((trainer.config.backend as? HyperBackend)?.values["learning_rate"] == 0.05)
        #expect(harness.messages(starting: "hyper.txt:") == ["hyper.txt: learning_rate edited to 0.05"])
        #expect(harness.messages(starting: "[HyperParamSetter]") == ["[HyperParamSetter] learning_rate is set to 0.05 at global step 4"])
    }

    /// A well-formed but impossible value is reported once (naming the line) and ignored;
    /// the run goes on with the previous value and a later good edit still applies.
    @Test func anImpossibleValueIsReportedAndIgnored() throws {
        let (recorder, trainer, harness, _) = try run(maxEpoch: 4, edits: [1: "# lr\nlearning_rate:-1e-3\n", 2: "# lr\nlearning_rate:-1e-3\n",
                                                                          3: "learning_rate:0.02\n"])
        #expect(recorder.values(1...8) == [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.02, 0.02])
        #expect(harness.messages.filter { $0.contains("was not applied") }
            == ["WRN hyper.txt line 2: learning_rate:-0.001 was not applied (learning_rate cannot be -0.001); learning_rate stays 0.1"])
        #expect(trainer.monitors.history("learning_rate") == [StatPoint(globalStep: 6, value: 0.02)])
    }

    @Test func anEditFromAnotherThreadIsSeenEveryKSteps() throws {
        let harness = try Harness()
        let url = harness.root.appendingPathComponent("log/hyper.txt")
        let editor = LambdaCallback(name: "Editor", triggerStep: { context in
            guard context.loop.globalStep == 3 else { return }
            let thread = Thread { try? AtomicFile.write("learning_rate:0.5\n", to: url) }
            thread.start()
            while (try? String(contentsOf: url, encoding: .utf8)) != "learning_rate:0.5\n" { Thread.sleep(forTimeInterval: 0.001) }
        })
        let recorder = RateRecorder()
        let setter = PeriodicTrigger(HumanHyperParamSetter("learning_rate", settleDelay: 0.001), everySteps: 2)
        let trainer = Trainer(harness.config(HyperBackend(), callbacks: [editor, setter, recorder], extra: [],
                                             stepsPerEpoch: 3, maxEpoch: 2, logLocation: .at("log")))
        _ = try trainer.train()
        // Edited after step 3; read again after step 4 (every 2 steps): in force from step 5.
        #expect(recorder.values(1...6) == [0.1, 0.1, 0.1, 0.1, 0.5, 0.5])
    }

    @Test func commentsBlankLinesWhitespaceAndOtherParams() throws {
        let (recorder, trainer, _, _) = try run(maxEpoch: 1, file: "# tuned by hand\n\n  momentum : 0.8 \n learning_rate: 0.02  # lower\n")
        #expect(recorder.values(1...2) == [0.02, 0.02])
        #expect((trainer.config.backend as? HyperBackend)?.values["momentum"] == 0.9)
    }

    @Test(arguments: [
        ("learning_rate 0.5\n", "hyper.txt line 1: expected `name:value` with a finite number, found `learning_rate 0.5`"),
        ("momentum:0.9\nlearning_rate:1e-3x\n", "hyper.txt line 2: expected `name:value` with a finite number, found `learning_rate:1e-3x`"),
        ("learning_rate:\n", "hyper.txt line 1: expected `name:value` with a finite number, found `learning_rate:`"),
        ("learning_rate:inf\n", "hyper.txt line 1: expected `name:value` with a finite number, found `learning_rate:inf`"),
        ("learning_rate:nan\n", "hyper.txt line 1: expected `name:value` with a finite number, found `learning_rate:nan`"),
        (":0.5\n", "hyper.txt line 1: expected `name:value` with a finite number, found `:0.5`"),
        ("learning_rat:0.5\n", "hyper.txt line 1: unknown hyperparameter `learning_rat` (known: learning_rate, momentum); did you mean `learning_rate`?"),
        ("learning_rate:0.5\n# again\nlearning_rate:0.6\n", "hyper.txt line 3: `learning_rate` is already set on line 1; give each hyperparameter once"),
        ("learning_rate:0.5", "hyper.txt: the last line `learning_rate:0.5` does not end with a newline yet (the file may still be being saved); nothing applied until it does"),
    ])
    func aBadFileIsRejectedWholeAndReportedOnce(file: String, message: String) throws {
        // The bad file is there from the start; it is fixed at the end of epoch 2.
        let (recorder, _, harness, _) = try run(maxEpoch: 3, file: file, edits: [2: "learning_rate:0.05\n"])
        #expect(recorder.values(1...6) == [0.1, 0.1, 0.1, 0.1, 0.05, 0.05])
        #expect(harness.messages(starting: "WRN ") == ["WRN " + message])
    }

    @Test func aHalfWrittenEditIsAppliedOnceComplete() throws {
        let (recorder, _, harness, _) = try run(maxEpoch: 3, edits: [1: "learning_rate:0.0", 2: "learning_rate:0.05\n"])
        #expect(recorder.values(1...6) == [0.1, 0.1, 0.1, 0.1, 0.05, 0.05])
        #expect(harness.messages(starting: "WRN ") == [
            "WRN hyper.txt: the last line `learning_rate:0.0` does not end with a newline yet (the file may still be being saved); nothing applied until it does",
        ])
    }

    @Test func deletingTheFileChangesNothingAndRecreatingItApplies() throws {
        let (recorder, _, harness, _) = try run(maxEpoch: 3, edits: [1: nil, 2: "learning_rate:0.2\n"])
        #expect(recorder.values(1...6) == [0.1, 0.1, 0.1, 0.1, 0.2, 0.2])
        #expect(harness.messages(starting: "WRN ").isEmpty)
    }

    @Test func needsALogDirectory() throws {
        let harness = try Harness()
        let trainer = Trainer(harness.config(HyperBackend(), callbacks: [HumanHyperParamSetter("learning_rate")], extra: []))
        #expect(throws: HyperParamError.needsLogDirectory(setter: "HumanHyperParamSetter(learning_rate)", file: "hyper.txt")) {
            try trainer.train()
        }
    }

    @Test func parserAcceptsSeveralParams() {
        #expect(HyperFile.parse("a:1\n b : 2.5 # x\n\n", fileName: "h", known: ["a", "b"]) == .values(["a": 1, "b": 2.5]))
        #expect(HyperFile.parse("", fileName: "h", known: ["a"]) == .values([:]))
    }
}

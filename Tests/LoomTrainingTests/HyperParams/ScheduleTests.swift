import Foundation
import Testing
@testable import LoomTraining

@Suite struct ScheduleTests {
    private func values(_ schedule: Schedule, _ points: [Double]) -> [Double] { points.map(schedule.value(at:)) }
    private func close(_ a: [Double], _ b: [Double]) -> Bool { a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) < 1e-12 } }

    @Test func piecewiseConstant() {
        let schedule = Schedule.piecewiseConstant(initial: 0.1, [(30, 1e-2), (60, 1e-3)])
        #expect(values(schedule, [0, 29, 30, 59.5, 60, 100]) == [0.1, 0.1, 1e-2, 1e-2, 1e-3, 1e-3])
    }

    @Test func exponentialDecay() {
        #expect(values(.exponentialDecay(initial: 1, rate: 0.5, every: 2), [0, 2, 4, 1]) == [1, 0.5, 0.25, pow(0.5, 0.5)])
        #expect(values(.exponentialDecay(initial: 1, rate: 0.5, every: 2, staircase: true), [0, 1, 2, 3, 4]) == [1, 1, 0.5, 0.5, 0.25])
    }

    @Test func linearAndCosine() {
        #expect(values(.linear(from: 0, to: 1, over: 4), [-1, 0, 1, 2, 4, 9]) == [0, 0, 0.25, 0.5, 1, 1])
        #expect(close(values(.cosine(from: 1, to: 0.1, over: 10), [0, 5, 10, 20]), [1, 0.55, 0.1, 0.1]))
    }

    @Test func warmupThenAnotherSchedule() {
        let schedule = Schedule.warmup(steps: 4, from: 0, then: .linear(from: 1, to: 0, over: 4))
        #expect(values(schedule, [0, 1, 2, 3, 4, 5, 6, 8, 10]) == [0, 0.25, 0.5, 0.75, 1, 0.75, 0.5, 0, 0])
    }

    @Test func oneCycle() {
        let schedule = Schedule.oneCycle(max: 1, total: 100, pctStart: 0.25)
        #expect(close(values(schedule, [0, 25, 100, 200]), [1.0 / 25, 1, 1e-5, 1e-5]))
        let linear = Schedule.oneCycle(max: 1, total: 100, pctStart: 0.5, divStart: 10, ramp: .linear)
        #expect(close(values(linear, [0, 25, 50]), [0.1, 0.55, 1]))
    }

    @Test func scheduleSetterPerStepFractionalAndEpoch() throws {
        let ramp = Schedule.linear(from: 0, to: 1, over: 4)
        let (perStep, _, _) = try HyperRun(stepsPerEpoch: 2, maxEpoch: 3).run { [ScheduleSetter("learning_rate", ramp, per: .step)] }
        #expect(perStep.values(1...6) == [0, 0.25, 0.5, 0.75, 1, 1])
        let (fractional, _, _) = try HyperRun(stepsPerEpoch: 2, maxEpoch: 3).run { [ScheduleSetter("learning_rate", ramp, per: .fractionalEpoch)] }
        #expect(fractional.values(1...6) == [0, 0.125, 0.25, 0.375, 0.5, 0.625])
        let (perEpoch, trainer, _) = try HyperRun(stepsPerEpoch: 2, maxEpoch: 3).run { [ScheduleSetter("learning_rate", ramp, per: .epoch)] }
        #expect(perEpoch.values(1...6) == [0, 0, 0.25, 0.25, 0.5, 0.5])
        #expect(trainer.monitors.history("learning_rate").map(\.globalStep) == [0, 2, 4, 6])
    }

    @Test(arguments: [1, 2])
    func scheduleSetterWarmupThenCosineResumes(resumeAfter: Int) throws {
        let lr = Schedule.warmup(steps: 4, from: 0, then: .cosine(from: 1, to: 0.5, over: 5))
        let make: () -> [any Callback] = { [ScheduleSetter("learning_rate", lr, per: .step)] }
        let (full, _, _) = try HyperRun(stepsPerEpoch: 3, maxEpoch: 3).run(make)
        let (resumed, _, _) = try HyperRun(stepsPerEpoch: 3, maxEpoch: 3).run(resumeAfter: resumeAfter, make)
        #expect(resumed.values(1...9) == full.values(1...9))
        #expect(full.values(1...5) == [0, 0.25, 0.5, 0.75, 1])
    }
}

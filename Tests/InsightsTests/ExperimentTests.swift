import Foundation
import Testing
@testable import Insights

@Suite("A/B experiments")
struct ExperimentTests {
    static let yaml = """
        experiments:
          - name: recommender
            metric: conversion
            start: 2026-11-01
            end: 2026-12-01
            variants:
              - {name: A, weight: 50}
              - {name: B, weight: 50}
          - name: fallback
            unit: customer
            start: 2026-11-10
            variants:
              - {name: control, weight: 80}
              - {name: low, weight: 20}
        """

    @Test("the experiments file is read with its defaults")
    func parse() throws {
        let experiments = try ExperimentFile.parse(Self.yaml, source: "x.yaml")
        #expect(experiments.map(\.name) == ["recommender", "fallback"])
        #expect(experiments[1].unit == .customer)
        #expect(experiments[1].metric == "conversion")
        #expect(experiments[1].end == nil)
    }

    @Test("a bad experiments file is refused naming the experiment and field", arguments: [
        ("experiments:\n  - {name: x, start: 2026-01-01, variants: [{name: A, weight: 1}]}", "needs at least two variants"),
        ("experiments:\n  - {name: x, start: 2026-01-01, metric: joy, variants: [{name: A, weight: 1}, {name: B, weight: 1}]}", "metric 'joy' is unknown"),
        ("experiments:\n  - {name: x, start: 2026-01-01, variants: [{name: A, weight: 0}, {name: B, weight: 1}]}", "variant 'A' has weight 0"),
        ("experiments:\n  - {name: x, start: 01/02/2026, variants: [{name: A, weight: 1}, {name: B, weight: 1}]}", "start '01/02/2026' is not YYYY-MM-DD"),
        ("experiments:\n  - {name: x, variants: [{name: A, weight: 1}, {name: B, weight: 1}]}", "is missing 'start'"),
    ])
    func badFile(yaml: String, message: String) {
        do {
            _ = try ExperimentFile.parse(yaml, source: "x.yaml")
            Issue.record("accepted a bad file")
        } catch let error as ExperimentFileError {
            #expect(error.description.contains(message), "\(error.description)")
            #expect(error.description.hasPrefix("x.yaml"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("assignment is a pure function of experiment and id: the same answer on every call, and pinned values")
    func stable() throws {
        let e = try #require(try ExperimentFile.parse(Self.yaml, source: "x").first)
        let ids = (0..<200).map { "session-\($0)" }
        #expect(ids.map { e.variant(for: $0) } == ids.map { e.variant(for: $0) })
        // Pinned: a change of hash would reassign running experiments, so it must fail here.
        #expect([e.variant(for: "s-1"), e.variant(for: "s-2"), e.variant(for: "s-3"), e.variant(for: "s-4")] == Self.pinned)
    }
    static let pinned = ["A", "A", "B", "A"]

    @Test("a session is labelled with the first running experiment; customer experiments follow the customer across sessions")
    func label() throws {
        let experiments = try ExperimentFile.parse(Self.yaml, source: "x")
        let inNovember = Experiment.label(experiments, session: "s-1", customer: nil, day: "2026-11-05")
        #expect(inNovember == "recommender/" + experiments[0].variant(for: "s-1"))
        #expect(Experiment.label(experiments, session: "s-1", customer: nil, day: "2026-10-05") == nil)
        // December: only the customer-unit experiment runs; the same customer gets the same arm in any session.
        let a = Experiment.label(experiments, session: "s-1", customer: "17", day: "2026-12-05")
        let b = Experiment.label(experiments, session: "s-2", customer: "17", day: "2026-12-05")
        #expect(a != nil && a == b)
        #expect(Experiment.label(experiments, session: "s-1", customer: nil, day: "2026-12-05") == nil)
    }

    @Test("traffic splits follow the weights", arguments: [(50.0, 50.0), (80.0, 20.0), (90.0, 10.0)])
    func split(a: Double, b: Double) {
        let e = Experiment(name: "split-\(a)", start: "2026-01-01", variants: [.init(name: "A", weight: a), .init(name: "B", weight: b)])
        let n = 20_000
        let inA = (0..<n).filter { e.variant(for: "u\($0)") == "A" }.count
        let expected = Double(n) * a / (a + b)
        #expect(abs(Double(inA) - expected) < 4 * (expected * b / (a + b)).squareRoot())
    }

    @Test("Wilson interval and z-test match hand-computed values")
    func statistics() {
        let w = ABStatistics.wilson(successes: 50, trials: 100)
        #expect(abs(w.low - 0.4038) < 1e-3 && abs(w.high - 0.5962) < 1e-3)
        let zero = ABStatistics.wilson(successes: 0, trials: 10)
        #expect(zero.low == 0 && abs(zero.high - 0.2775) < 1e-3)
        // 200/1000 vs 250/1000: z = 2.68, p = 0.0074.
        let p = ABStatistics.twoProportionPValue(successesA: 200, trialsA: 1000, successesB: 250, trialsB: 1000)
        #expect(abs(p - 0.0074) < 5e-4)
        // 10% baseline, +10% relative: about 14,750 per arm (standard tables).
        let n = ABStatistics.sampleSizePerVariant(baseline: 0.10, relativeEffect: 0.10)
        #expect((14_000...15_500).contains(n))
    }

    /// Simulated sessions: Bernoulli conversions with the given rates, assigned through the experiment.
    static func simulate(seed: UInt64, rateA: Double, rateB: Double, sessions: Int) -> ExperimentResult {
        let e = Experiment(name: "planted-\(seed)", start: "2026-01-01", variants: [.init(name: "A", weight: 1), .init(name: "B", weight: 1)])
        var rng = SplitMix(seed: seed)
        var units = ["A": 0, "B": 0], wins = ["A": 0, "B": 0]
        for s in 0..<sessions {
            let v = e.variant(for: "\(seed)-\(s)")
            units[v, default: 0] += 1
            if rng.unit() < (v == "A" ? rateA : rateB) { wins[v, default: 0] += 1 }
        }
        return ExperimentResult(experiment: e.name, metric: "conversion", variants: ["A", "B"].map {
            VariantResult(variant: $0, units: units[$0] ?? 0, successes: wins[$0] ?? 0)
        })
    }

    @Test("a planted 30% lift is detected and named", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func planted(seed: UInt64) {
        let r = Self.simulate(seed: seed, rateA: 0.10, rateB: 0.13, sessions: 10_000)
        #expect(r.significant)
        #expect(r.verdict.hasPrefix("B converts"))
        #expect(r.verdict.contains("better than A, p = "))
    }

    @Test("a null effect is not declared, and the verdict says how much more data is needed", arguments: [11, 12, 13, 14, 15] as [UInt64])
    func null(seed: UInt64) {
        let r = Self.simulate(seed: seed, rateA: 0.10, rateB: 0.10, sessions: 4_000)
        #expect(!r.significant)
        #expect(r.verdict.hasPrefix("no difference yet"))
        #expect(r.verdict.contains("more sessions needed to detect a 10% effect"))
    }
}

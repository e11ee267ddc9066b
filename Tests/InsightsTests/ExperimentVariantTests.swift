import Dialogue
import Foundation
import Testing
@testable import Insights

@Suite("Experiment variants that change behaviour")
struct ExperimentVariantTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("the committed example parses; its settings become the assigner's variants")
    func example() throws {
        let path = Self.root.appendingPathComponent("docs/experiments/example.yml").path
        let yaml = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "templates: docs/", with: "templates: \(Self.root.path)/docs/")
        let experiments = try ExperimentFile.parse(yaml, source: path)
        let assigner = ExperimentAssigner(experiments)
        #expect(assigner.allVariants.map(\.label) == ["recommender/shipped", "recommender/popular", "recommender/random", "wording/shipped", "wording/concise"])
        let concise = try #require(assigner.allVariants.first { $0.label == "wording/concise" })
        #expect(concise.fallbackThreshold == 0.35 && concise.templates?.hasSuffix("templates-concise") == true)
        // Before 2030 only the recommender experiment runs; the label matches Experiment.label.
        let v = try #require(assigner.variant(session: "web-1", customer: nil, day: "2026-06-01"))
        #expect(v.label == Experiment.label(experiments, session: "web-1", customer: nil, day: "2026-06-01"))
        #expect(assigner.variant(session: "web-1", customer: nil, day: "2025-06-01") == nil)
    }

    @Test("a customer-unit experiment gives a customer the same variant in every session, and guests none")
    func customerUnit() throws {
        let e = Experiment(name: "c", unit: .customer, start: "2026-01-01", variants: [.init(name: "a", weight: 1), .init(name: "b", weight: 1)])
        let assigner = ExperimentAssigner([e])
        let labels = Set((0..<20).compactMap { assigner.variant(session: "s\($0)", customer: "17", day: "2026-02-01")?.label })
        #expect(labels.count == 1)
        #expect(assigner.variant(session: "s1", customer: nil, day: "2026-02-01") == nil)
    }

    @Test("bad variant settings are refused with the file, experiment and variant named")
    func errors() {
        func message(_ variant: String) -> String {
            let yaml = "experiments:\n  - name: x\n    start: 2026-01-01\n    variants:\n      - {name: a, weight: 1}\n      - {name: b, weight: 1, \(variant)}\n"
            do { _ = try ExperimentFile.parse(yaml, source: "exp.yml"); return "" } catch { return "\(error)" }
        }
        #expect(message("recommender: smart").contains("exp.yml: experiment 'x': variant 'b' has recommender 'smart'"))
        #expect(message("fallback_threshold: 1.5").contains("fallback_threshold 1.5"))
        #expect(message("templates: /no/such/folder").contains("does not exist"))
        #expect(message("recommender: popular, fallback_threshold: 0.2") == "")
    }
}

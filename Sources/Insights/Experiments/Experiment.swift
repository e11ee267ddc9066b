import Dialogue
import Foundation
import Yams

/// An A/B experiment: variants with traffic weights, the metric it is judged on, and its dates.
///
/// ```yaml
/// experiments:
///   - name: recommender
///     unit: session            # or customer
///     metric: conversion       # conversion | recommendation_engagement | recommendation_acceptance | search_ctr | recommendation_ctr
///     start: 2026-11-01
///     end: 2026-12-01
///     variants:
///       - {name: A, weight: 50}
///       - {name: B, weight: 50, recommender: random, templates: docs/experiments/templates-concise, fallback_threshold: 0.3}
/// ```
///
/// A variant may change the assistant: `recommender` (`personalized`, the shipped one, or the
/// deliberately weaker `popular` / `random`), `templates` (a folder of reply templates laid over
/// the shipped ones) and `fallback_threshold` (the intent confidence under which the assistant
/// asks a clarifying question). Left out, each keeps the shipped behaviour.
public struct Experiment: Sendable, Hashable, Codable {
    public struct Variant: Sendable, Hashable, Codable {
        public var name: String
        public var weight: Double
        /// `personalized` (shipped), `popular` or `random`; nil keeps the shipped one.
        public var recommender: String?
        /// A reply-template folder laid over the shipped templates.
        public var templates: String?
        /// The confidence under which the assistant asks a clarifying question.
        public var fallbackThreshold: Double?

        public init(name: String, weight: Double, recommender: String? = nil, templates: String? = nil, fallbackThreshold: Double? = nil) {
            self.name = name; self.weight = weight
            self.recommender = recommender; self.templates = templates; self.fallbackThreshold = fallbackThreshold
        }

        enum CodingKeys: String, CodingKey {
            case name, weight, recommender, templates
            case fallbackThreshold = "fallback_threshold"
        }
    }

    /// What a variant is assigned from.
    public enum Unit: String, Sendable, Hashable, Codable { case session, customer }

    public var name: String
    public var unit: Unit
    public var metric: String
    /// First day (inclusive), `YYYY-MM-DD`.
    public var start: String
    /// Last day (inclusive), `YYYY-MM-DD`; nil while running.
    public var end: String?
    public var variants: [Variant]

    public init(name: String, unit: Unit = .session, metric: String = "conversion", start: String, end: String? = nil, variants: [Variant]) {
        self.name = name; self.unit = unit; self.metric = metric; self.start = start; self.end = end; self.variants = variants
    }

    enum CodingKeys: String, CodingKey { case name, unit, metric, start, end, variants }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        unit = try c.decodeIfPresent(Unit.self, forKey: .unit) ?? .session
        metric = try c.decodeIfPresent(String.self, forKey: .metric) ?? "conversion"
        start = try c.decode(String.self, forKey: .start)
        end = try c.decodeIfPresent(String.self, forKey: .end)
        variants = try c.decode([Variant].self, forKey: .variants)
    }

    /// The metrics the report can judge an experiment on.
    ///
    /// `conversion` and `recommendation_engagement` (sessions shown recommendations that clicked
    /// one) count sessions, which are independent units — the two-proportion test is exact for
    /// them. The click-through metrics count exposures; the five cards of one session are not
    /// independent, so their p-values run optimistic (an A/A test flags more than 5% of the time).
    public static let metrics: Set<String> = ["conversion", "recommendation_acceptance", "search_ctr", "recommendation_ctr", "recommendation_engagement"]

    /// The variant a unit (session or customer id) gets: a stable 64-bit FNV-1a hash of
    /// `name/id` mapped onto the cumulative weights.
    ///
    /// Why FNV-1a and not `Hasher`: Swift's hasher is seeded per process, so it would
    /// reassign everyone on every restart.
    public func variant(for id: String) -> String {
        let total = variants.reduce(0) { $0 + $1.weight }
        guard total > 0, let last = variants.last else { return variants.first?.name ?? "" }
        let point = Self.unitInterval("\(name)/\(id)") * total
        var cumulative = 0.0
        for v in variants {
            cumulative += v.weight
            if point < cumulative { return v.name }
        }
        return last.name
    }

    /// A stable hash of `text` onto [0, 1).
    public static func unitInterval(_ text: String) -> Double {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h &*= 0x0000_0100_0000_01b3
        }
        // FNV's low bits mix poorly for short keys: finish with a SplitMix64 avalanche.
        h ^= h >> 30; h &*= 0xBF58_476D_1CE4_E5B9
        h ^= h >> 27; h &*= 0x94D0_49BB_1331_11EB
        h ^= h >> 31
        return Double(h >> 11) / Double(UInt64(1) << 53)
    }
}

/// An experiments file that cannot be used; the message names the file, experiment and field.
public struct ExperimentFileError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Reads and checks the experiments YAML file.
public enum ExperimentFile {
    struct Document: Codable { var experiments: [Experiment] }

    public static func load(path: String) throws -> [Experiment] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ExperimentFileError("\(path): cannot read the experiments file (check the path)")
        }
        return try parse(String(decoding: data, as: UTF8.self), source: path)
    }

    public static func parse(_ yaml: String, source: String) throws -> [Experiment] {
        let document: Document
        do {
            document = try YAMLDecoder().decode(Document.self, from: yaml)
        } catch let DecodingError.keyNotFound(key, context) {
            throw ExperimentFileError("\(source): \(path(context.codingPath)) is missing '\(key.stringValue)'")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.dataCorrupted(context) {
            throw ExperimentFileError("\(source): \(path(context.codingPath)): \(context.debugDescription)")
        } catch {
            throw ExperimentFileError("\(source): not a valid experiments file (\(error)); expected a top-level 'experiments:' list")
        }
        var names = Set<String>()
        for e in document.experiments {
            let at = "\(source): experiment '\(e.name)'"
            guard names.insert(e.name).inserted else { throw ExperimentFileError("\(at) is defined twice; names must be unique") }
            guard e.variants.count >= 2 else { throw ExperimentFileError("\(at): needs at least two variants (has \(e.variants.count))") }
            guard Set(e.variants.map(\.name)).count == e.variants.count else { throw ExperimentFileError("\(at): variant names repeat") }
            if let bad = e.variants.first(where: { !($0.weight > 0) || !$0.weight.isFinite }) {
                throw ExperimentFileError("\(at): variant '\(bad.name)' has weight \(bad.weight); weights must be positive numbers")
            }
            for v in e.variants {
                if let r = v.recommender, !VariantSettings.recommenders.contains(r) {
                    throw ExperimentFileError("\(at): variant '\(v.name)' has recommender '\(r)'; use one of \(VariantSettings.recommenders.sorted().joined(separator: ", "))")
                }
                if let t = v.fallbackThreshold, !(0...1).contains(t) {
                    throw ExperimentFileError("\(at): variant '\(v.name)' has fallback_threshold \(t); it must be between 0 and 1")
                }
                if let folder = v.templates {
                    var isDirectory: ObjCBool = false
                    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                        throw ExperimentFileError("\(at): variant '\(v.name)' names templates folder '\(folder)', which does not exist (paths are relative to the working directory)")
                    }
                }
            }
            guard Experiment.metrics.contains(e.metric) else {
                throw ExperimentFileError("\(at): metric '\(e.metric)' is unknown; use one of \(Experiment.metrics.sorted().joined(separator: ", "))")
            }
            guard isDay(e.start) else { throw ExperimentFileError("\(at): start '\(e.start)' is not YYYY-MM-DD") }
            if let end = e.end {
                guard isDay(end) else { throw ExperimentFileError("\(at): end '\(end)' is not YYYY-MM-DD") }
                guard end >= e.start else { throw ExperimentFileError("\(at): end \(end) is before start \(e.start)") }
            }
        }
        return document.experiments
    }

    static func isDay(_ s: String) -> Bool {
        let u = Array(s.utf8)
        return u.count == 10 && u[4] == 0x2D && u[7] == 0x2D && u.enumerated().allSatisfy { $0.offset == 4 || $0.offset == 7 || (0x30...0x39).contains($0.element) }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "the document" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}

extension Experiment {
    /// Whether the experiment runs on `day` (`YYYY-MM-DD`, start and end inclusive).
    public func isRunning(on day: String) -> Bool {
        day >= start && (end.map { day <= $0 } ?? true)
    }

    /// The label to store in `events.variant` for a session: `experiment/variant` of the first
    /// experiment running on `day`, nil when none runs (or a customer-unit experiment and no customer).
    ///
    /// Channels call this once per session and stamp every event with it; `report` reads it back.
    /// ```swift
    /// let variant = Experiment.label(experiments, session: "web-42", customer: "17", day: "2026-11-25")
    /// ```
    public static func label(_ experiments: [Experiment], session: String, customer: String?, day: String) -> String? {
        for e in experiments where e.isRunning(on: day) {
            switch e.unit {
            case .session: return "\(e.name)/\(e.variant(for: session))"
            case .customer:
                guard let customer else { continue }
                return "\(e.name)/\(e.variant(for: customer))"
            }
        }
        return nil
    }
}

/// The experiments as the assistant's variant assigner: a session gets the variant of the first
/// experiment running that day (the same rule as `Experiment.label`), with that variant's settings.
///
/// ```swift
/// let assistant = try Assistant.open(AssistantConfiguration(storePath: path, variants: ExperimentAssigner(try ExperimentFile.load(path: file))))
/// ```
public struct ExperimentAssigner: VariantAssigning {
    public let experiments: [Experiment]
    public init(_ experiments: [Experiment]) { self.experiments = experiments }

    public func variant(session: String, customer: String?, day: String) -> VariantSettings? {
        for e in experiments where e.isRunning(on: day) {
            let unit: String
            switch e.unit {
            case .session: unit = session
            case .customer:
                guard let customer else { continue }
                unit = customer
            }
            let name = e.variant(for: unit)
            guard let v = e.variants.first(where: { $0.name == name }) else { continue }
            return Self.settings(e, v)
        }
        return nil
    }

    public var allVariants: [VariantSettings] { experiments.flatMap { e in e.variants.map { Self.settings(e, $0) } } }

    static func settings(_ e: Experiment, _ v: Experiment.Variant) -> VariantSettings {
        VariantSettings(label: "\(e.name)/\(v.name)", recommender: v.recommender, templates: v.templates, fallbackThreshold: v.fallbackThreshold)
    }
}

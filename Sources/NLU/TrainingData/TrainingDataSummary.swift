/// Counts that describe loaded training data, for `shopassist nlu validate`.
public struct TrainingDataSummary: Sendable, Hashable, Codable {
    public var files: Int
    public var skippedFiles: Int
    public var examples: Int
    public var duplicateExamples: Int
    /// Intent → number of examples, by name.
    public var examplesPerIntent: [String: Int]
    /// Entity → number of annotations.
    public var entities: [String: Int]
    public var synonyms: Int
    /// Lookup table → number of values.
    public var lookups: [String: Int]
    /// Regex name → number of patterns.
    public var regexes: [String: Int]
    public var errors: Int
    public var warnings: Int

    public init(_ report: TrainingDataReport) {
        files = report.files.count
        skippedFiles = report.skippedFiles.count
        examples = report.data.examples.count
        duplicateExamples = report.duplicateExamples
        var perIntent: [String: Int] = [:], perEntity: [String: Int] = [:]
        for example in report.data.examples {
            perIntent[example.intent, default: 0] += 1
            for entity in example.entities { perEntity[entity.entity, default: 0] += 1 }
        }
        examplesPerIntent = perIntent
        entities = perEntity
        synonyms = report.data.synonyms.count
        lookups = report.data.lookups.mapValues(\.count)
        regexes = report.data.regexes.mapValues(\.count)
        errors = report.errors.count
        warnings = report.warnings.count
    }

    /// A plain-text report: totals, then examples per intent, entities, lookups and regexes.
    public func render() -> String {
        var lines: [String] = []
        lines.append("files: \(files) NLU file\(files == 1 ? "" : "s")" + (skippedFiles > 0 ? " (\(skippedFiles) other YAML file\(skippedFiles == 1 ? "" : "s") skipped: no `nlu:` key)" : ""))
        lines.append("intents: \(examplesPerIntent.count), examples: \(examples)" + (duplicateExamples > 0 ? " (\(duplicateExamples) exact duplicates)" : ""))
        let retrieval = examplesPerIntent.keys.filter { $0.contains("/") }.count
        if retrieval > 0 { lines.append("retrieval intents: \(retrieval)") }
        lines.append("entities: \(entities.count), annotations: \(entities.values.reduce(0, +))")
        lines.append("synonyms: \(synonyms), lookup tables: \(lookups.count) (\(lookups.values.reduce(0, +)) values), regexes: \(regexes.count) (\(regexes.values.reduce(0, +)) patterns)")
        func table(_ title: String, _ counts: [String: Int]) {
            guard !counts.isEmpty else { return }
            lines.append("")
            lines.append(title)
            let width = min(40, counts.keys.map(\.count).max() ?? 0)
            for (name, count) in counts.sorted(by: { $0.key < $1.key }) {
                lines.append("  " + name.padding(toLength: max(width, name.count), withPad: " ", startingAt: 0) + "  " + String(count))
            }
        }
        table("examples per intent:", examplesPerIntent)
        table("annotations per entity:", entities)
        table("lookup tables (values):", lookups)
        table("regexes (patterns):", regexes)
        lines.append("")
        lines.append("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        return lines.joined(separator: "\n")
    }
}

extension TrainingData {
    /// Loads Rasa NLU YAML from a file or a folder; throws `TrainingDataError`
    /// (every error, with file and line) when the data cannot be used.
    public static func load(_ path: String) throws(TrainingDataError) -> TrainingData {
        try TrainingDataLoader().load(path).data
    }

    /// Entity names annotated in the examples, sorted.
    public var entityNames: [String] { Array(Set(examples.flatMap { $0.entities.map(\.entity) })).sorted() }
}

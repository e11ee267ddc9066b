import Foundation

/// Finds entity spans in tokenized lines: BIO labels from a `SequenceModel` over
/// `TokenFeaturizer` features.
public struct SlotTagger: Sendable {
    public var featurizer: TokenFeaturizer
    public var model: SequenceModel
    /// Entity values of the training data (nil: none used).
    public var gazetteer: Gazetteer?

    public init(featurizer: TokenFeaturizer, model: SequenceModel, gazetteer: Gazetteer? = nil) {
        self.featurizer = featurizer
        self.model = model
        self.gazetteer = gazetteer
    }

    /// A tagged span: tokens `first...last` of type `entity`.
    public struct Span: Sendable, Hashable {
        public var entity: String
        public var first: Int
        public var last: Int
        public var confidence: Double
    }

    /// One line to learn from.
    public struct Example: Sendable {
        public var tokens: [Token]
        public var intent: String?
        public var marks: [[String]]
        public var entities: [EntityAnnotation]
        public init(tokens: [Token], intent: String?, marks: [[String]], entities: [EntityAnnotation]) {
            self.tokens = tokens
            self.intent = intent
            self.marks = marks
            self.entities = entities
        }
    }

    /// BIO labels of `tokens` given annotated character spans; a token belongs to an
    /// entity when it overlaps the span. Overlapping annotations: the first one wins.
    public static func goldLabels(_ tokens: [Token], entities: [EntityAnnotation], labels: BIOLabels, typeIndex: [String: Int]) -> [Int] {
        var out = [Int](repeating: 0, count: tokens.count)
        for a in entities.sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) {
            guard let k = typeIndex[a.entity] else { continue }
            var inside = false
            for (i, t) in tokens.enumerated() where t.start < a.end && t.end > a.start {
                if out[i] != 0 { if !inside { break } else { continue } }
                out[i] = inside ? 2 + 2 * k : 1 + 2 * k
                inside = true
            }
        }
        return out
    }

    /// Trains a tagger; nil when the examples annotate no entity.
    public static func train(_ examples: [Example], config: SlotTaggerConfig) -> SlotTagger? {
        let types = Array(Set(examples.flatMap { $0.entities.map(\.entity) })).sorted()
        guard !types.isEmpty else { return nil }
        let labels = BIOLabels(entityTypes: types)
        var typeIndex: [String: Int] = [:]
        for (i, t) in types.enumerated() { typeIndex[t] = i }
        let featurizer = TokenFeaturizer(config: config.features)
        var sentences: [SequenceModel.Sentence] = []
        sentences.reserveCapacity(examples.count)
        var keys: [UInt64] = [], offsets: [Int] = []
        let kept = examples.filter { !$0.tokens.isEmpty }
        let golds = kept.map { goldLabels($0.tokens, entities: $0.entities, labels: labels, typeIndex: typeIndex) }
        var gazetteer: Gazetteer?
        var gazMarks: [[[String]]] = []
        if config.gazetteerFolds > 1 {
            let (g, m) = Gazetteer.build(tokens: kept.map(\.tokens), gold: golds, marks: kept.map(\.marks), entityTypes: types, folds: config.gazetteerFolds)
            gazetteer = g; gazMarks = m
        }
        for (n, ex) in kept.enumerated() {
            var marks = ex.marks
            if gazetteer != nil { merge(gazMarks[n], into: &marks, count: ex.tokens.count) }
            featurizer.features(ex.tokens, intent: ex.intent, marks: marks, keys: &keys, offsets: &offsets)
            sentences.append(.init(keys: keys, offsets: offsets, gold: golds[n]))
        }
        let model = SequenceModel.train(sentences, labels: labels, epochs: config.epochs, seed: config.seed)
        return SlotTagger(featurizer: featurizer, model: model, gazetteer: gazetteer)
    }

    static func merge(_ extra: [[String]], into marks: inout [[String]], count: Int) {
        if marks.count < count { marks += Array(repeating: [], count: count - marks.count) }
        for (i, m) in extra.enumerated() where !m.isEmpty && i < count { marks[i] += m }
    }

    /// Scratch buffers reused across calls to `tag`.
    public struct Scratch {
        var keys: [UInt64] = []
        var offsets: [Int] = []
        var emissions: [Float] = []
        var delta: [Float] = []
        var back: [Int32] = []
        public init() {}
    }

    /// The entity spans of a line.
    public func tag(_ tokens: [Token], intent: String?, marks: [[String]], scratch: inout Scratch) -> [Span] {
        guard !tokens.isEmpty else { return [] }
        var marks = marks
        if let gazetteer { gazetteer.mark(tokens, into: &marks) }
        featurizer.features(tokens, intent: intent, marks: marks, keys: &scratch.keys, offsets: &scratch.offsets)
        model.emissions(keys: scratch.keys, offsets: scratch.offsets, into: &scratch.emissions)
        let L = model.labels.count, n = tokens.count
        let path = SequenceModel.viterbi(scratch.emissions, n: n, labelCount: L, transitions: model.transitions, delta: &scratch.delta, back: &scratch.back)
        var spans: [Span] = []
        var t = 0
        while t < n {
            let l = path[t]
            guard l != 0 else { t += 1; continue }
            let k = BIOLabels.type(l)
            var end = t
            while end + 1 < n, BIOLabels.isInside(path[end + 1]), BIOLabels.type(path[end + 1]) == k { end += 1 }
            defer { t = end + 1 }
            // Punctuation alone is never an entity (a model can still tag `!` after odd lines).
            if tokens[t...end].allSatisfy({ $0.kind == .punctuation || $0.kind == .symbol || $0.kind == .emoji }) { continue }
            var conf = 0.0
            for i in t...end { conf += Double(tokenProbability(scratch.emissions, t: i, label: path[i], previous: i == 0 ? -1 : path[i - 1], labelCount: L)) }
            spans.append(Span(entity: model.labels.entityTypes[k], first: t, last: end, confidence: conf / Double(end - t + 1)))
        }
        return spans
    }

    /// Softmax at `label` of a token's scores given the label before it (emission plus
    /// transition): a rough per-token confidence.
    func tokenProbability(_ e: [Float], t: Int, label: Int, previous: Int, labelCount L: Int) -> Float {
        let W = L + 1
        var scores = [Float](repeating: 0, count: L)
        var m = -Float.infinity
        for l in 0..<L {
            scores[l] = e[t * L + l] + model.transitions[l * W + previous + 1]
            m = max(m, scores[l])
        }
        var s: Float = 0
        for l in 0..<L { s += expf(scores[l] - m) }
        return expf(scores[label] - m) / s
    }
}

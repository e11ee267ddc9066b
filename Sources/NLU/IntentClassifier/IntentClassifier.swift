import Foundation

/// Settings of the intent classifier; part of the model cache key.
public struct IntentClassifierConfig: Sendable, Hashable, Codable {
    public var features = IntentFeatureConfig()
    public var model = SoftmaxRegressionConfig()
    /// Share of each intent's training examples held out to calibrate confidences and
    /// choose the out-of-scope thresholds (never the validation split).
    public var holdoutFraction: Double = 0.2
    /// The calibration (temperature, thresholds, nearest-example weight) wants at least
    /// this many held-out predictions: when one split holds fewer, the probe model is refit
    /// on further random splits, up to `maxCalibrationSplits`, and their held-out
    /// predictions are pooled.
    public var calibrationRows = 3000
    public var maxCalibrationSplits = 3
    /// When choosing thresholds: the value of one unit of out-of-scope recall against one
    /// unit of in-scope accuracy on the held-out examples.
    public var outOfScopeRecallWeight: Double = 0.15
    /// With no out-of-scope examples to tune on: the share of correctly classified held-out
    /// lines that the confidence threshold may reject.
    public var fallbackRejectRate: Double = 0
    /// With no out-of-scope examples: the highest confidence threshold allowed.
    /// 0: with no out-of-scope examples, no line is rejected for low confidence (the data
    /// gives nothing to weigh a rejection against; lines with no known word still are).
    public var fallbackMaxConfidence: Float = 0
    /// Extra loss weight of the `out_of_scope` class when training.
    public var outOfScopeClassWeight: Float = 3
    /// Class weights `(mean count / class count)^classBalance`: 0 trains on raw counts, 1 fully balances rare intents.
    public var classBalance: Float = 0.5
    /// Adds a second linear model that reads lines with each entity replaced by its type
    /// ("i want to see <movie_name>"), when the data annotates entities.
    public var delexicalize = true
    /// The delexical model also reads the line's frame: the set of entity types it holds
    /// (`frame:<artist>,<music_item>`, `frame:` for none), a conjunction a linear model
    /// cannot build from the single types (an AddToPlaylist line names a playlist).
    public var delexicalFrame = true
    /// Candidate weights of the nearest-example scores (`NearestExamples`); the one that
    /// scores best on the held-out examples is kept (0: no index). Empty: never used.
    public var nearestExampleWeights: [Float] = [0, 2.5, 5, 7.5, 10, 15, 20]
    /// How much a positive nearest-example weight must raise the held-out score (the
    /// `chooseThresholds` criterion) over weight 0 to be kept: the index makes every parse
    /// scan all training lines.
    public var nearestMinGain = 0.002
    /// How many shared directions of the training lines' vectors the nearest-example index
    /// projects out, after centring them (`NearestExamples.whiten`).
    public var nearestSharedComponents = 3
    public init() {}

    /// These settings trained with `loss`: the hinge loss takes `SoftmaxRegressionConfig.hinge`
    /// and weighs `out_of_scope` 5 (both chosen by 5-fold CV on `Intents/`); logistic takes
    /// the defaults. The seed is kept.
    public func training(with loss: IntentLoss) -> IntentClassifierConfig {
        var c = self
        let seed = model.seed
        switch loss {
        case .logistic:
            c.model = SoftmaxRegressionConfig()
            c.outOfScopeClassWeight = IntentClassifierConfig().outOfScopeClassWeight
        case .hinge:
            c.model = .hinge
            c.outOfScopeClassWeight = 5
        }
        c.model.seed = seed
        return c
    }
}

/// A featurizer and the linear model over its features.
public struct LinearIntentModel: Sendable {
    public var featurizer: IntentFeaturizer
    public var model: SoftmaxRegression
    public init(featurizer: IntentFeaturizer, model: SoftmaxRegression) {
        self.featurizer = featurizer
        self.model = model
    }

    /// Adds this model's class scores of a line to `z`; returns how many of its words are known.
    @discardableResult
    func addLogits(_ tokens: [Token], extras: [String], into z: UnsafeMutablePointer<Float>, scratch: inout IntentFeaturizer.Scratch) -> Int {
        let (x, known) = featurizer.vectorize(tokens, extras: extras, scratch: &scratch)
        let c = model.classes
        withUnsafeTemporaryAllocation(of: Float.self, capacity: c) { tmp in
            guard let t = tmp.baseAddress else { return }
            model.logits(x, into: t)
            for k in 0..<c { z[k] += t[k] }
        }
        return known
    }
}

/// When a line is out of scope: the decision stored with a model.
public struct OutOfScopePolicy: Sendable, Hashable, Codable {
    /// Lines whose best calibrated confidence is below this are out of scope.
    public var minConfidence: Float = 0
    /// Lines whose best minus second-best confidence is below this are out of scope.
    public var minMargin: Float = 0
    /// Lines with words but none of them seen in training are out of scope.
    public var requireKnownWord = true
    /// Lines whose share of words unseen in training is at least this are out of scope
    /// (above 1: never).
    public var maxUnknownShare: Float = 2
    public init() {}

    /// Whether a line with these figures is out of scope (when its best class is not `out_of_scope` itself).
    @inline(__always)
    func rejects(p1: Float, margin: Float, unknownShare: Float) -> Bool {
        p1 < minConfidence || margin < minMargin || unknownShare >= maxUnknownShare
    }
}

/// Multinomial logistic regression over word and character n-grams, with calibrated
/// confidences (temperature scaling) and out-of-scope detection.
///
/// Out of scope is predicted when the data's own `out_of_scope` class wins, or when the
/// best confidence or the margin to the runner-up falls below thresholds that were chosen
/// on examples held out from the training data, or when no word of the line is known.
public struct IntentClassifier: Sendable {
    /// The name given to rejected lines.
    public static let outOfScope = "out_of_scope"

    public var intents: [String]
    public var featurizer: IntentFeaturizer
    public var model: SoftmaxRegression
    public var temperature: Float
    public var policy: OutOfScopePolicy
    /// The second model, over lines with entities replaced by their types (nil: none).
    /// Its scores are added to the first model's before calibration.
    public var delexical: LinearIntentModel?
    /// Scores by each intent's nearest training line, added to the linear models' scores
    /// before calibration (nil: none).
    public var nearest: NearestExamples?
    /// Whether the delexical model reads the line's frame (`IntentClassifierConfig.delexicalFrame`).
    public var delexicalFrame: Bool

    /// Index of `out_of_scope` among `intents`, if the data had it.
    public var outOfScopeClass: Int? { intents.firstIndex(of: Self.outOfScope) }

    public init(intents: [String], featurizer: IntentFeaturizer, model: SoftmaxRegression, temperature: Float, policy: OutOfScopePolicy, delexical: LinearIntentModel? = nil, delexicalFrame: Bool = false, nearest: NearestExamples? = nil) {
        self.nearest = nearest
        self.delexicalFrame = delexicalFrame
        self.intents = intents
        self.featurizer = featurizer
        self.model = model
        self.temperature = temperature
        self.policy = policy
        self.delexical = delexical
    }

    var lexical: LinearIntentModel { LinearIntentModel(featurizer: featurizer, model: model) }

    /// One line to learn from.
    public struct Example: Sendable {
        public var tokens: [Token]
        public var extras: [String]
        public var intent: String
        /// Tokens the engine recognizes as entity values (see `classify`).
        public var entityTokens: Int
        /// The line with each annotated entity replaced by one token naming its type
        /// (nil: the line has none).
        public var delexicalTokens: [Token]?
        /// What the delexical model reads: the delexicalized line, or the line itself.
        var delexicalLine: [Token] { delexicalTokens ?? tokens }
        public init(tokens: [Token], extras: [String], intent: String, entityTokens: Int = 0, delexicalTokens: [Token]? = nil) {
            self.tokens = tokens
            self.extras = extras
            self.intent = intent
            self.entityTokens = entityTokens
            self.delexicalTokens = delexicalTokens
        }
    }

    /// The scores of a line that do not depend on its entities, computed once per line
    /// however many readings of its entities are tried.
    public struct LexicalScores {
        /// The first model's scores.
        public var logits: [Float]
        public var knownWords: Int
        /// The weighted nearest-example scores (empty: no index).
        var nearest: [Float] = []
    }

    /// The first model's scores of a line, and its nearest-example scores.
    public func lexicalScores(_ tokens: [Token], extras: [String], scratch: inout IntentFeaturizer.Scratch) -> LexicalScores {
        var z = [Float](repeating: 0, count: model.classes)
        var known = 0
        z.withUnsafeMutableBufferPointer { p in
            guard let base = p.baseAddress else { return }
            known = lexical.addLogits(tokens, extras: extras, into: base, scratch: &scratch)
        }
        var near: [Float] = []
        if let nearest, nearest.weight > 0, let wordVectors = featurizer.vectors {
            near = [Float](repeating: 0, count: model.classes)
            nearest.addScores(tokens, wordVectors: wordVectors, into: &near, scratch: &scratch)
        }
        return LexicalScores(logits: z, knownWords: known, nearest: near)
    }

    /// The `count` in-scope intents the first model prefers, best first: the first is what
    /// the tagger is told before the final decision, the second the runner-up read again.
    public func bestInScope(_ scores: LexicalScores, count: Int) -> [String] {
        var taken = [Bool](repeating: false, count: scores.logits.count)
        if let o = outOfScopeClass { taken[o] = true }
        var out: [String] = []
        while out.count < count {
            var best = -1
            for k in scores.logits.indices where !taken[k] && (best < 0 || scores.logits[k] > scores.logits[best]) { best = k }
            guard best >= 0 else { break }
            taken[best] = true
            out.append(intents[best])
        }
        return out
    }

    /// Uncalibrated scores of every intent (in `intents` order): the first model's scores
    /// plus, with a delexical model, its scores of `delexicalTokens` (the tokens themselves
    /// when nil), plus the weighted nearest-example scores.
    func logits(_ scores: LexicalScores, tokens: [Token], extras: [String], delexicalTokens: [Token]?, scratch: inout IntentFeaturizer.Scratch) -> [Float] {
        var z = scores.logits
        for k in z.indices where k < scores.nearest.count { z[k] += scores.nearest[k] }
        if let delexical {
            z.withUnsafeMutableBufferPointer { p in
                guard let base = p.baseAddress else { return }
                let delexicalLine = delexicalTokens ?? tokens
                delexical.addLogits(delexicalLine, extras: Self.delexicalExtras(delexicalLine, extras: extras, frame: delexicalFrame), into: base, scratch: &scratch)
            }
        }
        return z
    }

    /// The extras the delexical model reads, for training and parsing alike: the line's
    /// own, and its frame when the model has one.
    static func delexicalExtras(_ line: [Token], extras: [String], frame: Bool) -> [String] {
        frame ? withFrame(line, extras: extras) : extras
    }

    /// `extras` and the frame of a delexicalized line: its distinct entity placeholders, sorted.
    static func withFrame(_ line: [Token], extras: [String]) -> [String] {
        let types = Set(line.lazy.map(\.normalized).filter { $0.hasPrefix("<") && $0.hasSuffix(">") })
        return extras + ["frame:" + types.sorted().joined(separator: ",")]
    }

    /// Calibrated probabilities of every intent: `logits` divided by the temperature, softmaxed.
    func probabilities(_ scores: LexicalScores, tokens: [Token], extras: [String], delexicalTokens: [Token]?, scratch: inout IntentFeaturizer.Scratch) -> [Float] {
        var z = logits(scores, tokens: tokens, extras: extras, delexicalTokens: delexicalTokens, scratch: &scratch)
        z.withUnsafeMutableBufferPointer { SoftmaxRegression.softmax($0, temperature: temperature) }
        return z
    }

    /// The decision for a line: intent and confidence, and the top-5 ranking.
    /// `entityTokens` tokens of the line are values of lookup tables, regexes or builtin
    /// entities (a brand from the catalog, an order number): they count as known words.
    public func classify(_ tokens: [Token], extras: [String], entityTokens: Int = 0, delexicalTokens: [Token]? = nil, scratch: inout IntentFeaturizer.Scratch) -> (intent: IntentScore, ranking: [IntentScore]) {
        classify(lexicalScores(tokens, extras: extras, scratch: &scratch), tokens: tokens, extras: extras, entityTokens: entityTokens, delexicalTokens: delexicalTokens, scratch: &scratch)
    }

    /// `classify` from the first model's scores, computed earlier (see `lexicalScores`).
    public func classify(_ scores: LexicalScores, tokens: [Token], extras: [String], entityTokens: Int = 0, delexicalTokens: [Token]? = nil, scratch: inout IntentFeaturizer.Scratch) -> (intent: IntentScore, ranking: [IntentScore]) {
        guard !intents.isEmpty else { return (IntentScore(name: Self.outOfScope, confidence: 1), []) }
        let probs = probabilities(scores, tokens: tokens, extras: extras, delexicalTokens: delexicalTokens, scratch: &scratch)
        let known = scores.knownWords + entityTokens
        let (best, second) = Self.topTwo(probs)
        var ranking: [IntentScore] = []
        var taken = [Bool](repeating: false, count: probs.count)
        for _ in 0..<min(5, probs.count) {
            var m = -1
            for k in probs.indices where !taken[k] && (m < 0 || probs[k] > probs[m]) { m = k }
            taken[m] = true
            ranking.append(IntentScore(name: intents[m], confidence: Double(probs[m])))
        }
        let p1 = probs[best], p2 = second >= 0 ? probs[second] : 0
        let (lineHasNoKnownWord, unknownShare) = Self.coverage(tokens, known: known)
        let noWords = policy.requireKnownWord && lineHasNoKnownWord
        let rejected = best != outOfScopeClass && (policy.rejects(p1: p1, margin: p1 - p2, unknownShare: unknownShare) || noWords)
        if rejected {
            // Rejected by a threshold: out of scope is as likely as the best intent is not.
            // With no known word at all: certain. The intents keep their order with the rest
            // of the probability, so the ranking still sums to at most 1.
            let confidence = noWords ? 1 : Double(max(1 - p1, outOfScopeClass.map { probs[$0] } ?? 0))
            let inScope = Double(probs.indices.reduce(Float(0)) { $0 + ($1 == outOfScopeClass ? 0 : probs[$1]) })
            let scale = inScope > 0 ? (1 - confidence) / inScope : 0
            let oos = IntentScore(name: Self.outOfScope, confidence: confidence)
            ranking = ranking.filter { $0.name != Self.outOfScope }.map { IntentScore(name: $0.name, confidence: $0.confidence * scale) }
            ranking.insert(oos, at: 0)
            if ranking.count > 5 { ranking.removeLast() }
            return (oos, ranking)
        }
        return (IntentScore(name: intents[best], confidence: Double(p1)), ranking)
    }

    /// How much of a line the model knows, from `known` known tokens: whether it has words
    /// but none known, and the share of its words that are unknown (the inputs of the
    /// out-of-scope policy, at parse time and on the calibration hold-out alike).
    static func coverage(_ tokens: [Token], known: Int) -> (noKnownWord: Bool, unknownShare: Float) {
        let words = wordCount(tokens)
        return (known == 0 && tokens.contains { $0.kind == .word }, words == 0 ? 0 : 1 - Float(min(known, words)) / Float(words))
    }

    /// Tokens that count as words for the unknown-word share (not punctuation, symbols or emoji).
    static func wordCount(_ tokens: [Token]) -> Int {
        tokens.reduce(0) { $0 + ($1.kind == .punctuation || $1.kind == .symbol || $1.kind == .emoji ? 0 : 1) }
    }

    static func topTwo(_ p: [Float]) -> (Int, Int) {
        var a = -1, b = -1
        for k in p.indices {
            if a < 0 || p[k] > p[a] { b = a; a = k } else if b < 0 || p[k] > p[b] { b = k }
        }
        return (a, b)
    }

    /// Trains the classifier: calibration, thresholds and the nearest-example weight on
    /// stratified hold-outs of `examples` (one, or several pooled: `calibrationSplits`), then
    /// the final model on all of them.
    public static func train(_ examples: [Example], config: IntentClassifierConfig) -> IntentClassifier {
        let intents = Array(Set(examples.map(\.intent))).sorted()
        var temperature: Float = 1
        var policy = OutOfScopePolicy()
        var nearestWeight: Float = 0
        let first = stratifiedSplit(examples, fraction: config.holdoutFraction, seed: config.model.seed)
        if intents.count >= 2, !first.held.isEmpty {
            var scratch = IntentFeaturizer.Scratch()
            var logits: [[Float]] = []
            var similarities: [[Float]] = []
            var labels: [Int] = []
            var unknown: [Float] = []
            var noWords: [Bool] = []
            let label = classIndex(intents)
            for split in 0..<calibrationSplits(heldOut: first.held.count, config: config) {
                // Each further split gets its own seed (a prime step), so its hold-out differs.
                let (fit, held) = split == 0 ? first : stratifiedSplit(examples, fraction: config.holdoutFraction, seed: config.model.seed &+ UInt64(split) &* 7919)
                var probe = fitModel(fit, intents: intents, config: config)
                if config.nearestExampleWeights.contains(where: { $0 > 0 }) { probe.nearest = nearestExamples(fit, intents: intents, weight: 0, vectors: probe.featurizer.vectors, config: config) }
                for ex in held {
                    guard let y = label[ex.intent] else { continue }
                    let scores = probe.lexicalScores(ex.tokens, extras: ex.extras, scratch: &scratch)
                    logits.append(probe.logits(scores, tokens: ex.tokens, extras: ex.extras, delexicalTokens: ex.delexicalTokens, scratch: &scratch))
                    if let nearest = probe.nearest, let wordVectors = probe.featurizer.vectors {
                        similarities.append(nearest.similarities(ex.tokens, wordVectors: wordVectors, scratch: &scratch))
                    }
                    labels.append(y)
                    let (none, share) = coverage(ex.tokens, known: scores.knownWords + ex.entityTokens)
                    noWords.append(none)
                    unknown.append(share)
                }
            }
            // Each candidate weight of the nearest-example scores gets its own calibration and
            // thresholds. Without an index (no positive candidate) or with no candidate at all:
            // weight 0 only, so the calibration and thresholds are always chosen.
            let candidates = similarities.count == logits.count ? config.nearestExampleWeights : []
            let results = (candidates.isEmpty ? [0] : candidates).map { weight -> Calibration in
                let z = weight == 0 ? logits : zip(logits, similarities).map { l, s in zip(l, s).map { $0 + weight * $1 } }
                let t = fitTemperature(logits: z, labels: labels)
                let (p, score) = chooseThresholds(logits: z, labels: labels, unknownShares: unknown, noWords: noWords, temperature: t, oosClass: intents.firstIndex(of: outOfScope), config: config)
                return Calibration(weight: weight, score: score, temperature: t, policy: p)
            }
            if let best = pickCalibration(results, minGain: config.nearestMinGain) {
                nearestWeight = best.weight; temperature = best.temperature; policy = best.policy
            }
        }
        var final = fitModel(examples, intents: intents, config: config)
        if nearestWeight > 0 { final.nearest = nearestExamples(examples, intents: intents, weight: nearestWeight, vectors: final.featurizer.vectors, config: config) }
        final.temperature = temperature
        final.policy = policy
        return final
    }

    /// One candidate nearest-example weight with the calibration chosen for it and its held-out score.
    struct Calibration {
        var weight: Float
        var score: Double
        var temperature: Float
        var policy: OutOfScopePolicy
    }

    /// The best held-out score wins, the first (smallest) weight on a tie; but a positive
    /// weight must beat weight 0, when that was tried, by `minGain`: its index makes every
    /// parse scan all training lines, which a held-out line or two does not repay.
    static func pickCalibration(_ results: [Calibration], minGain: Double) -> Calibration? {
        var best: Calibration?
        for r in results where r.score > (best?.score ?? -.infinity) + 1e-9 { best = r }
        if let zero = results.first(where: { $0.weight == 0 }), let b = best, b.weight > 0, b.score < zero.score + minGain { return zero }
        return best
    }

    static func fitModel(_ examples: [Example], intents: [String], config: IntentClassifierConfig) -> IntentClassifier {
        let lexical = fitLinear(examples, intents: intents, config: config) { $0.tokens }
        var delexical: LinearIntentModel?
        if config.delexicalize, examples.contains(where: { $0.delexicalTokens != nil }) {
            let frame = config.delexicalFrame
            delexical = fitLinear(examples, intents: intents, config: config, view: \.delexicalLine) {
                Self.delexicalExtras($0.delexicalLine, extras: $0.extras, frame: frame)
            }
        }
        return IntentClassifier(intents: intents, featurizer: lexical.featurizer, model: lexical.model, temperature: 1, policy: OutOfScopePolicy(), delexical: delexical, delexicalFrame: config.delexicalFrame)
    }

    /// The nearest-example index of `examples` (nil without word vectors).
    static func nearestExamples(_ examples: [Example], intents: [String], weight: Float, vectors: WordPieceVectors?, config: IntentClassifierConfig) -> NearestExamples? {
        guard let vectors else { return nil }
        let label = classIndex(intents)
        return NearestExamples(lines: examples.compactMap { ex in label[ex.intent].map { (ex.tokens, $0) } }, classes: intents.count, vectors: vectors, weight: weight, sharedComponents: config.nearestSharedComponents)
    }

    /// Intent name → class index.
    static func classIndex(_ intents: [String]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: intents.enumerated().map { ($1, $0) })
    }

    /// One linear model over the tokens `view` picks from each example.
    static func fitLinear(_ examples: [Example], intents: [String], config: IntentClassifierConfig, view: (Example) -> [Token], extras: (Example) -> [String] = { $0.extras }) -> LinearIntentModel {
        let featurizer = IntentFeaturizer(fitting: examples.map { (view($0), extras($0)) }, config: config.features)
        var scratch = IntentFeaturizer.Scratch()
        let lookup = classIndex(intents)
        var data: [(SparseVector, Int)] = []
        data.reserveCapacity(examples.count)
        for ex in examples {
            guard let y = lookup[ex.intent] else { continue }
            data.append((featurizer.vectorize(view(ex), extras: extras(ex), scratch: &scratch).vector, y))
        }
        var classWeights = [Float](repeating: 1, count: intents.count)
        if config.classBalance > 0 {
            var counts = [Float](repeating: 0, count: intents.count)
            for (_, y) in data { counts[y] += 1 }
            let mean = Float(data.count) / Float(max(1, intents.count))
            for k in counts.indices where counts[k] > 0 { classWeights[k] = powf(mean / counts[k], config.classBalance) }
        }
        if let o = lookup[outOfScope] { classWeights[o] *= config.outOfScopeClassWeight }
        let model = SoftmaxRegression.train(data, classes: intents.count, dimension: featurizer.dimension, config: config.model, classWeights: classWeights)
        return LinearIntentModel(featurizer: featurizer, model: model)
    }

    /// How many hold-out splits the calibration pools: enough for `calibrationRows`
    /// held-out lines when one split holds `heldOut`, at least 1, at most `maxCalibrationSplits`.
    static func calibrationSplits(heldOut: Int, config: IntentClassifierConfig) -> Int {
        guard heldOut > 0 else { return 1 }
        return max(1, min(config.maxCalibrationSplits, (config.calibrationRows + heldOut - 1) / heldOut))
    }

    /// Every `1/fraction`-th example of each intent (after a seeded shuffle) is held out;
    /// intents with fewer than 3 examples stay whole in the fitting part.
    static func stratifiedSplit(_ examples: [Example], fraction: Double, seed: UInt64) -> (fit: [Example], held: [Example]) {
        guard fraction > 0 else { return (examples, []) }
        var byIntent: [String: [Int]] = [:]
        for (i, ex) in examples.enumerated() { byIntent[ex.intent, default: []].append(i) }
        var rng = SplitMix64(seed: seed ^ 0x5eed)
        var heldOut = Set<Int>()
        for name in byIntent.keys.sorted() {
            guard var idx = byIntent[name], idx.count >= 3 else { continue }
            idx.shuffle(using: &rng)
            let n = max(1, Int((Double(idx.count) * fraction).rounded()))
            heldOut.formUnion(idx.prefix(n))
        }
        var fit: [Example] = [], held: [Example] = []
        for (i, ex) in examples.enumerated() { if heldOut.contains(i) { held.append(ex) } else { fit.append(ex) } }
        return (fit, held)
    }

    /// The temperature minimizing held-out negative log-likelihood (grid search on a log scale).
    static func fitTemperature(logits: [[Float]], labels: [Int]) -> Float {
        guard !logits.isEmpty else { return 1 }
        var bestT: Float = 1, bestNLL = Double.infinity
        for step in 0...60 {
            let t = Float(exp(log(0.05) + Double(step) / 60 * (log(5.0) - log(0.05))))
            var nll = 0.0
            for (z, y) in zip(logits, labels) {
                var m = -Float.infinity
                for v in z where v > m { m = v }
                var s: Double = 0
                for v in z { s += exp(Double((v - m) / t)) }
                nll += log(s) - Double((z[y] - m) / t)
            }
            if nll < bestNLL { bestNLL = nll; bestT = t }
        }
        return bestT
    }

    /// Picks the confidence and margin thresholds on held-out predictions; also returns the
    /// held-out score they reach: in-scope accuracy plus `outOfScopeRecallWeight` × out-of-scope
    /// recall, or, with no out-of-scope examples, the share of lines right and not rejected.
    static func chooseThresholds(logits: [[Float]], labels: [Int], unknownShares: [Float], noWords: [Bool] = [], temperature: Float, oosClass: Int?, config: IntentClassifierConfig) -> (policy: OutOfScopePolicy, score: Double) {
        var rows: [(p1: Float, margin: Float, correct: Bool, predictedOOS: Bool, isOOS: Bool, unknown: Float, noWords: Bool)] = []
        for (i, (z, y)) in zip(logits, labels).enumerated() {
            var p = z
            p.withUnsafeMutableBufferPointer { SoftmaxRegression.softmax($0, temperature: temperature) }
            let (a, b) = topTwo(p)
            rows.append((p[a], p[a] - (b >= 0 ? p[b] : 0), a == y, a == oosClass, y == oosClass, i < unknownShares.count ? unknownShares[i] : 0, i < noWords.count && noWords[i]))
        }
        var policy = OutOfScopePolicy()
        var best = -Double.infinity
        let oosCount = rows.filter(\.isOOS).count
        let inCount = rows.count - oosCount
        if oosCount > 0, inCount > 0 {
            let grid = (0..<40).map { Float($0) / 40 }
            // A line with no known word is always out of scope ("flibber gronk wuzzle"):
            // a product rule, not a tuning choice — cross-validation on data of one-off short
            // lines ("yas", "heyyy") would rather keep them, but a shopper typing gibberish
            // must not get a confident answer.
            for share: Float in [2, 1, 0.75, 0.6, 0.5, 0.4, 0.34] {
                for tc in grid {
                    for tm in grid {
                        var candidate = policy
                        candidate.minConfidence = tc; candidate.minMargin = tm; candidate.maxUnknownShare = share
                        var inRight = 0, oosRight = 0
                        for r in rows {
                            let reject = r.predictedOOS || candidate.rejects(p1: r.p1, margin: r.margin, unknownShare: r.unknown) || r.noWords
                            if r.isOOS { if reject { oosRight += 1 } } else if !reject && r.correct { inRight += 1 }
                        }
                        let score = Double(inRight) / Double(inCount) + config.outOfScopeRecallWeight * Double(oosRight) / Double(oosCount)
                        if score > best + 1e-12 { best = score; policy = candidate }
                    }
                }
            }
        } else {
            let confident = rows.filter(\.correct).map(\.p1).sorted()
            if !confident.isEmpty {
                let i = min(confident.count - 1, Int(Double(confident.count) * config.fallbackRejectRate))
                policy.minConfidence = min(confident[i], config.fallbackMaxConfidence)
            }
            let kept = rows.filter { $0.correct && !$0.noWords && !policy.rejects(p1: $0.p1, margin: $0.margin, unknownShare: $0.unknown) }
            best = rows.isEmpty ? 0 : Double(kept.count) / Double(rows.count)
        }
        return (policy, best)
    }
}

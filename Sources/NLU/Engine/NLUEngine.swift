import Foundation

/// Every setting of a trained engine; part of the model cache key.
public struct NLUConfig: Sendable, Hashable, Codable {
    public var intent = IntentClassifierConfig()
    public var tagger = SlotTaggerConfig()
    /// The first model's runner-up intent is also read with its own tagging (`NLUEngine.read`)
    /// and wins when the probability it gets that way exceeds the best intent's own by this
    /// margin; nil: only the best intent is tagged.
    public var runnerUpMargin: Double? = 0.15
    /// A runner-up the first reading gives less than this is not read again: on most lines
    /// it saves the second tagging.
    public var runnerUpMinProbability = 0.01
    public init() {}

    /// This configuration with the settings the training data declares applied.
    public func applying(_ settings: TrainingSettings) -> NLUConfig {
        var c = self
        if let loss = settings.intentLoss { c.intent = intent.training(with: loss) }
        return c
    }
}

/// Compiled `- regex:` patterns; NSRegularExpression is immutable and safe to share.
final class CompiledRegexes: @unchecked Sendable {
    let patterns: [String: [String]]
    let compiled: [(name: String, regex: NSRegularExpression)]
    init(_ patterns: [String: [String]]) {
        self.patterns = patterns
        var out: [(String, NSRegularExpression)] = []
        for name in patterns.keys.sorted() {
            for p in patterns[name] ?? [] {
                if let r = try? NSRegularExpression(pattern: p, options: [.caseInsensitive]) { out.append((name, r)) }
            }
        }
        compiled = out
    }
}

/// The trained NLU: intent classification with out-of-scope detection, slot tagging,
/// lookup tables (extendable at run time) and synonyms.
///
/// ```swift
/// var engine = try NLUEngine.train(data)
/// engine.extendLookup(entity: "brand", values: ["Adidas", "Nike"])
/// let parse = engine.parse("red adiddas sneakers under $80")
/// ```
public struct NLUEngine: Sendable {
    /// Bumped whenever features, training or the file format change: old cached models
    /// are then retrained instead of being misread.
    public static let modelVersion = 12

    public var config: NLUConfig
    public var classifier: IntentClassifier
    public var tagger: SlotTagger?
    public private(set) var lookups: LookupTables
    public private(set) var synonyms: [String: String]
    let regexes: CompiledRegexes
    let tokenizer = Tokenizer()
    let builtins = BuiltinEntityExtractor()

    init(config: NLUConfig, classifier: IntentClassifier, tagger: SlotTagger?, lookups: LookupTables, synonyms: [String: String], regexes: [String: [String]]) {
        self.config = config
        self.classifier = classifier
        self.tagger = tagger
        self.lookups = lookups
        self.synonyms = synonyms
        self.regexes = CompiledRegexes(regexes)
    }

    /// The intents the model knows.
    public var intents: [String] { classifier.intents }
    /// The entity types the tagger knows.
    public var entityTypes: [String] { tagger?.model.labels.entityTypes ?? [] }

    /// Trains an engine on loaded training data.
    /// The data's own settings (`TrainingSettings`) apply on top of `config`.
    public static func train(_ data: TrainingData, config: NLUConfig = NLUConfig()) throws -> NLUEngine {
        guard !data.examples.isEmpty else { throw NLUEngineError.noExamples }
        let config = config.applying(data.settings)
        try Self.checkWordVectors(config)
        let tokenizer = Tokenizer()
        var lookups = LookupTables()
        for name in data.lookups.keys.sorted() {
            lookups.add(entity: name, values: data.lookups[name] ?? [], synonyms: data.synonyms, tokenizer: tokenizer)
        }
        let tokenized = data.examples.map { tokenizer.tokenize($0.text) }
        if !lookups.isEmpty {
            var plain = Set<String>()
            for (ex, tokens) in zip(data.examples, tokenized) {
                for t in tokens where !ex.entities.contains(where: { $0.start < t.end && $0.end > t.start }) {
                    plain.insert(t.normalized)
                }
            }
            lookups.protect(plain)
        }
        var engine = NLUEngine(config: config, classifier: IntentClassifier(intents: [], featurizer: IntentFeaturizer(fitting: [], config: config.intent.features), model: SoftmaxRegression(classes: 0, dimension: 0, weights: [], bias: []), temperature: 1, policy: .init()), tagger: nil, lookups: lookups, synonyms: data.synonyms, regexes: data.regexes)
        var intentExamples: [IntentClassifier.Example] = []
        var tagExamples: [SlotTagger.Example] = []
        intentExamples.reserveCapacity(data.examples.count)
        for (ex, tokens) in zip(data.examples, tokenized) {
            let (marks, extras, knownTokens, _) = engine.marks(tokens, text: ex.text, builtin: engine.builtins.extract(ex.text, tokens: tokens))
            let spans = ex.entities.compactMap { a -> SlotTagger.Span? in
                guard let first = tokens.firstIndex(where: { $0.start < a.end && $0.end > a.start }),
                      let last = tokens.lastIndex(where: { $0.start < a.end && $0.end > a.start }) else { return nil }
                return SlotTagger.Span(entity: a.entity, first: first, last: last, confidence: 1)
            }
            intentExamples.append(.init(tokens: tokens, extras: extras, intent: ex.intent, entityTokens: knownTokens, delexicalTokens: Self.delexicalized(tokens, spans: spans)))
            tagExamples.append(.init(tokens: tokens, intent: ex.intent, marks: marks, entities: ex.entities))
        }
        engine.classifier = IntentClassifier.train(intentExamples, config: config.intent)
        engine.tagger = SlotTagger.train(tagExamples, config: config.tagger)
        return engine
    }

    /// Throws when the configuration reads word-piece vectors that did not load.
    static func checkWordVectors(_ config: NLUConfig) throws {
        if config.intent.features.wordVectors, WordPieceVectors.shipped == nil {
            throw NLUEngineError.missingWordVectors(path: WordPieceVectors.shippedURL?.path ?? "ShopAssistant_NLU.resources/wordpiece-vectors.bin")
        }
    }

    /// Adds values to a lookup table at run time (e.g. the catalog's brands); they are then
    /// recognized exactly and with small typos, and feed the tagger's lookup features.
    public mutating func extendLookup(entity: String, values: [String], synonyms: [String: String] = [:]) {
        for (k, v) in synonyms { self.synonyms[ICU.fold(k)] = v }
        lookups.add(entity: entity, values: values, synonyms: self.synonyms, tokenizer: tokenizer)
    }

    /// Per-token marks for the tagger and line-level extras for the classifier: lookup and
    /// regex membership. `knownTokens` counts the tokens inside an exact lookup value, a
    /// regex match or a builtin entity other than a bare number: the classifier counts them
    /// as known words, so "ps5" or a catalog brand alone is not rejected as gibberish (a
    /// typo match is not enough: "wuzzle" is one edit from "puzzle").
    /// `lookupMatches` are the lookup values found, for the parse to reuse.
    func marks(_ tokens: [Token], text: String, builtin: [ExtractedEntity]) -> (marks: [[String]], extras: [String], knownTokens: Int, lookupMatches: [LookupTables.Match]) {
        guard !lookups.isEmpty || !regexes.compiled.isEmpty || !builtin.isEmpty else { return ([], [], 0, []) }
        var marks = [[String]](repeating: [], count: tokens.count)
        var extras: [String] = []
        var known = [Bool](repeating: false, count: tokens.count)
        for e in builtin {
            var first = true
            for (i, t) in tokens.enumerated() where t.start < e.end && t.end > e.start {
                marks[i].append((first ? "bi:B:" : "bi:I:") + e.entity)
                if e.entity != "number" { known[i] = true }
                first = false
            }
            extras.append("bi:" + e.entity)
        }
        let lookupMatches = lookups.isEmpty ? [] : lookups.matches(tokens)
        for m in lookupMatches {
            for t in m.first...m.last {
                marks[t].append((t == m.first ? "lk:B:" : "lk:I:") + m.entity)
                if m.distance == 0 { known[t] = true }
            }
            extras.append("lk:" + m.entity)
        }
        if !regexes.compiled.isEmpty {
            let ns = text as NSString
            // Regex ranges are UTF-16; tokens count scalars.
            var utf16ToScalar: [Int] = []
            utf16ToScalar.reserveCapacity(ns.length + 1)
            for (i, s) in text.unicodeScalars.enumerated() { for _ in 0..<s.utf16.count { utf16ToScalar.append(i) } }
            utf16ToScalar.append(text.unicodeScalars.count)
            for (name, regex) in regexes.compiled {
                for r in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                    let s = utf16ToScalar[r.range.location], e = utf16ToScalar[r.range.location + r.range.length]
                    var first = true
                    for (i, t) in tokens.enumerated() where t.start < e && t.end > s {
                        marks[i].append((first ? "re:B:" : "re:I:") + name)
                        known[i] = true
                        first = false
                    }
                    extras.append("re:" + name)
                }
            }
        }
        return (marks, extras, known.reduce(0) { $0 + ($1 ? 1 : 0) }, lookupMatches)
    }

    /// Whether a lookup value the tagger left untagged is still reported: when one of its
    /// words never occurred in the training lines (a catalog brand fed at run time, a typo of
    /// a value), the tagger cannot have judged it. Words it was trained on are its call:
    /// "marked down" has no material, "black friday" no color, "under 40" no size.
    func taggerCannotJudge(_ match: LookupTables.Match, tokens: [Token]) -> Bool {
        let training = classifier.featurizer.repair
        for t in match.first...match.last {
            // A number is read by its shape and its neighbours, which the tagger knows.
            guard tokens[t].kind == .word else { continue }
            let word = IntentFeaturizer.word(tokens[t])
            if training.contains(word) { continue }
            // A typo of another training word than the table word it matched: "cancle" is
            // "cancel", not "candle".
            if match.distance > 0, let meant = training.repair(word), meant != match.entry.words[t - match.first] { continue }
            return true
        }
        return false
    }

    /// The line with each span's tokens replaced by one token naming its entity type
    /// (`<movie_name>`); nil when there is no span. Overlapping spans: the first wins.
    static func delexicalized(_ tokens: [Token], spans: [SlotTagger.Span]) -> [Token]? {
        guard !spans.isEmpty else { return nil }
        let sorted = spans.sorted { ($0.first, $0.last) < ($1.first, $1.last) }
        var out: [Token] = []
        out.reserveCapacity(tokens.count)
        var i = 0, k = 0
        while i < tokens.count {
            while k < sorted.count && sorted[k].first < i { k += 1 }
            if k < sorted.count, sorted[k].first == i {
                let span = sorted[k]
                let last = min(span.last, tokens.count - 1)
                out.append(Token(text: tokens[i].text, normalized: "<" + span.entity + ">", start: tokens[i].start, end: tokens[last].end, kind: .word))
                i = last + 1
                k += 1
            } else {
                out.append(tokens[i])
                i += 1
            }
        }
        return out
    }

    /// Reusable buffers for `parse`; one per thread.
    public struct Scratch {
        var intent = IntentFeaturizer.Scratch()
        var tagger = SlotTagger.Scratch()
        public init() {}
    }

    /// What the model understood of `text`.
    /// Relative dates ("tomorrow") count from `referenceDate`, today when nil.
    public func parse(_ text: String, referenceDate: CalendarDate? = nil) -> Parse {
        var scratch = Scratch()
        return parse(text, referenceDate: referenceDate, scratch: &scratch)
    }

    /// One reading of a line (see `read`).
    struct Reading {
        var spans: [SlotTagger.Span]
        var intent: IntentScore
        var ranking: [IntentScore]
        /// The probability the decision gives the intent the tagger was told.
        var score: Double
    }

    /// The line read as `candidate`: the tagger's spans when told that intent, the
    /// classifier's decision with those spans delexicalized, and the probability the
    /// decision gives `candidate` (0 when it is not in the top 5 or there is no candidate).
    func read(_ tokens: [Token], as candidate: String?, lexical: IntentClassifier.LexicalScores, extras: [String], marks: [[String]], knownTokens: Int, scratch: inout Scratch) -> Reading {
        let spans = tokens.isEmpty ? [] : tagger?.tag(tokens, intent: candidate, marks: marks, scratch: &scratch.tagger) ?? []
        let delexical = classifier.delexical == nil ? nil : Self.delexicalized(tokens, spans: spans)
        let (intent, ranking) = classifier.classify(lexical, tokens: tokens, extras: extras, entityTokens: knownTokens, delexicalTokens: delexical, scratch: &scratch.intent)
        let score = candidate.flatMap { c in ranking.first(where: { $0.name == c })?.confidence } ?? 0
        return Reading(spans: spans, intent: intent, ranking: ranking, score: score)
    }

    /// `parse(_:)` reusing buffers, for loops over many lines.
    public func parse(_ text: String, referenceDate: CalendarDate? = nil, scratch: inout Scratch) -> Parse {
        let tokens = tokenizer.tokenize(text)
        let builtin = builtins.extract(text, tokens: tokens, referenceDate: referenceDate)
        let (marks, extras, knownTokens, matches) = self.marks(tokens, text: text, builtin: builtin)
        // The tagger reads the first model's best in-scope intent (also for a line that ends
        // up rejected); the delexical model then reads the line with the tagged spans replaced.
        // The runner-up intent gets the same reading, and takes the line when its own reading
        // gives it a clearly higher probability (joint intent and slot decoding).
        let lexical = classifier.lexicalScores(tokens, extras: extras, scratch: &scratch.intent)
        let candidates = classifier.bestInScope(lexical, count: config.runnerUpMargin == nil || tagger == nil ? 1 : 2)
        let first = read(tokens, as: candidates.first, lexical: lexical, extras: extras, marks: marks, knownTokens: knownTokens, scratch: &scratch)
        var chosen = first
        if let margin = config.runnerUpMargin, candidates.count > 1,
           first.ranking.contains(where: { $0.name == candidates[1] && $0.confidence >= config.runnerUpMinProbability }) {
            let runnerUp = read(tokens, as: candidates[1], lexical: lexical, extras: extras, marks: marks, knownTokens: knownTokens, scratch: &scratch)
            if runnerUp.score > first.score + margin { chosen = runnerUp }
        }
        let (spans, intent, ranking) = (chosen.spans, chosen.intent, chosen.ranking)
        var entities: [ExtractedEntity] = []
        guard !tokens.isEmpty else { return Parse(text: text, intent: intent, ranking: ranking, entities: []) }
        let scalars = Array(text.unicodeScalars)
        func surface(_ s: Int, _ e: Int) -> String {
            guard s >= 0, e <= scalars.count, s < e else { return "" }
            return String(String.UnicodeScalarView(scalars[s..<e]))
        }
        var covered = [Bool](repeating: false, count: tokens.count)
        for span in spans {
            let s = tokens[span.first].start, e = tokens[span.last].end
            let text = surface(s, e)
            var value = text
            if let m = matches.first(where: { $0.entity == span.entity && $0.first == span.first && $0.last == span.last }) {
                value = m.value
            } else if !synonyms.isEmpty, let canonical = synonyms[ICU.fold(text)] {
                value = canonical
            }
            for t in span.first...span.last { covered[t] = true }
            entities.append(ExtractedEntity(entity: span.entity, value: .string(value), text: text, start: s, end: e, extractor: "tagger", confidence: span.confidence))
        }
        for m in matches where !(m.first...m.last).contains(where: { covered[$0] }) && taggerCannotJudge(m, tokens: tokens) {
            let s = tokens[m.first].start, e = tokens[m.last].end
            entities.append(ExtractedEntity(entity: m.entity, value: .string(m.value), text: surface(s, e), start: s, end: e, extractor: "lookup", confidence: 1 / Double(1 + m.distance)))
        }
        // Builtin entities resolve values (money, ranges, dates); they are kept beside a
        // learned span of another type, but a learned span of the same type that overlaps
        // them keeps its extent (the one the data annotates: "[2](quantity) pairs") and
        // takes their value.
        for b in builtin {
            if let i = entities.firstIndex(where: { $0.entity == b.entity && $0.start < b.end && b.start < $0.end }) {
                entities[i].value = b.value
            } else {
                entities.append(b)
            }
        }
        entities.sort { ($0.start, $0.end, $0.entity) < ($1.start, $1.end, $1.entity) }
        return Parse(text: text, intent: intent, ranking: ranking, entities: entities)
    }
}

/// Why an engine could not be trained or loaded.
public enum NLUEngineError: Error, CustomStringConvertible, Equatable {
    case noExamples
    case badModelFile(path: String, reason: String)
    case missingWordVectors(path: String)

    public var description: String {
        switch self {
        case .noExamples:
            return "no training examples: add `- intent:` items with `examples:` to the training data folder."
        case .badModelFile(let path, let reason):
            return "cannot read model file \(path): \(reason). Delete it to retrain."
        case .missingWordVectors(let path):
            return "the word-piece vectors \(path) are missing or damaged: reinstall the build (it ships them beside the executable), or regenerate them with docs/tools/distill_wordpiece_vectors.py."
        }
    }
}

/// An intent with its confidence, as ranked by the classifier.
public struct IntentScore: Sendable, Hashable, Codable {
    public var name: String
    public var confidence: Double
    public init(name: String, confidence: Double) { self.name = name; self.confidence = confidence }
}

/// An entity found in a line, resolved to a value.
public struct ExtractedEntity: Sendable, Hashable, Codable {
    public var entity: String
    public var value: EntityValue
    /// The text as typed.
    public var text: String
    /// Unicode-scalar offsets into the parsed line.
    public var start: Int
    public var end: Int
    /// Which component found it: `tagger` (the learned slot tagger), `lookup`, `builtin`.
    public var extractor: String
    public var confidence: Double
    public var role: String?
    public var group: String?

    public init(entity: String, value: EntityValue, text: String, start: Int, end: Int, extractor: String, confidence: Double, role: String? = nil, group: String? = nil) {
        self.entity = entity
        self.value = value
        self.text = text
        self.start = start
        self.end = end
        self.extractor = extractor
        self.confidence = confidence
        self.role = role
        self.group = group
    }
}

/// What the NLU understood of one line: `parse(text) -> Parse`.
public struct Parse: Sendable, Hashable, Codable {
    public var text: String
    public var intent: IntentScore
    /// The top intents, best first (at most 5).
    public var ranking: [IntentScore]
    public var entities: [ExtractedEntity]

    public init(text: String, intent: IntentScore, ranking: [IntentScore], entities: [ExtractedEntity]) {
        self.text = text
        self.intent = intent
        self.ranking = ranking
        self.entities = entities
    }
}

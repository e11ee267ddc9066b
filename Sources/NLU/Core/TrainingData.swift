/// Where a piece of training data came from, for errors and warnings.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public init(file: String, line: Int) { self.file = file; self.line = line }
    public var description: String { "\(file):\(line)" }
}

/// An entity annotated in a training example: `[navy](color)` or
/// `[navy]{"entity": "color", "value": "blue"}`.
public struct EntityAnnotation: Sendable, Hashable, Codable {
    public var entity: String
    /// The canonical value (the synonym target, or the surface text when none is given).
    public var value: String
    /// Unicode-scalar offsets into the example's plain text.
    public var start: Int
    public var end: Int
    public var role: String?
    public var group: String?

    public init(entity: String, value: String, start: Int, end: Int, role: String? = nil, group: String? = nil) {
        self.entity = entity
        self.value = value
        self.start = start
        self.end = end
        self.role = role
        self.group = group
    }
}

/// One training utterance with its intent and entity spans.
public struct TrainingExample: Sendable, Hashable, Codable {
    /// The plain text, annotations removed.
    public var text: String
    /// The intent name, including a retrieval suffix (`chitchat/ask_weather`) when present.
    public var intent: String
    public var entities: [EntityAnnotation]
    public var source: SourceLocation?
    /// Rasa `metadata`, shaped as Rasa passes it on: `{"intent": {…}, "example": {…}}`
    /// (each key present only when the data gives it); nil when there is none.
    public var metadata: EntityValue?

    public init(text: String, intent: String, entities: [EntityAnnotation] = [], source: SourceLocation? = nil, metadata: EntityValue? = nil) {
        self.text = text
        self.intent = intent
        self.entities = entities
        self.source = source
        self.metadata = metadata
    }
}

/// Everything loaded from a folder of Rasa NLU YAML files.
public struct TrainingData: Sendable, Hashable, Codable {
    public var examples: [TrainingExample]
    /// Folded surface form → canonical value (`navy` → `blue`), from `- synonym:` items
    /// and from `{"value": …}` annotations.
    public var synonyms: [String: String]
    /// Lookup table name (usually an entity name) → values.
    public var lookups: [String: [String]]
    /// Regex name → patterns.
    public var regexes: [String: [String]]
    /// Model settings the data declares (an `intent_classifier:` file beside it).
    public var settings = TrainingSettings()

    public init(examples: [TrainingExample] = [], synonyms: [String: String] = [:], lookups: [String: [String]] = [:], regexes: [String: [String]] = [:]) {
        self.examples = examples
        self.synonyms = synonyms
        self.lookups = lookups
        self.regexes = regexes
    }

    /// Intent names in a stable order.
    public var intents: [String] { Array(Set(examples.map(\.intent))).sorted() }
}

/// Model settings that a training data folder declares for itself, in a YAML file with a
/// top-level `intent_classifier:` key (not NLU data, so Rasa's own `config.yml` is not one):
///
/// ```yaml
/// intent_classifier:
///   loss: hinge      # or logistic (the default)
/// ```
///
/// They apply on top of the caller's `NLUConfig` wherever the data trains an engine, so the
/// assistant, `nlu eval` and `nlu train` all train the model the data was tuned for.
public struct TrainingSettings: Sendable, Hashable, Codable {
    /// The intent classifier's loss; nil: the caller's configuration.
    public var intentLoss: IntentLoss?
    public init(intentLoss: IntentLoss? = nil) { self.intentLoss = intentLoss }
}

/// The loss the linear intent models are trained with.
public enum IntentLoss: String, Sendable, Hashable, Codable, CaseIterable {
    /// Softmax cross-entropy (`SoftmaxRegressionConfig()`).
    case logistic
    /// The multiclass hinge loss (`SoftmaxRegressionConfig.hinge`).
    case hinge
}

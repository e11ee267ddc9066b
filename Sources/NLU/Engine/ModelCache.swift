import Foundation

/// Trained models on disk, keyed by what they were trained from, so a restart does not retrain.
///
/// The key hashes the training data (examples, entity spans, synonyms, lookups, regexes),
/// the model version and the configuration; any change gives a new key and so a fresh
/// training. Files are `<directory>/<key>.model`; `<directory>/<source key>.source` notes
/// which model the raw training files (`sourceKey(trainingDataAt:)`) give, so an unchanged
/// `Intents/` is matched to its model without parsing the YAML. The directory is, in order: the
/// `directory` argument, `$SHOPASSIST_MODEL_CACHE`, `$XDG_CACHE_HOME/shopassist/models`,
/// `~/.cache/shopassist/models`.
public struct ModelCache: Sendable {
    public var directory: URL

    public init(directory: URL? = nil) {
        if let directory { self.directory = directory; return }
        let env = ProcessInfo.processInfo.environment
        if let d = env["SHOPASSIST_MODEL_CACHE"], !d.isEmpty {
            self.directory = URL(fileURLWithPath: d)
        } else if let x = env["XDG_CACHE_HOME"], !x.isEmpty {
            self.directory = URL(fileURLWithPath: x).appendingPathComponent("shopassist/models")
        } else {
            self.directory = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/shopassist/models")
        }
    }

    /// A 128-bit hex key of training data + model version + configuration.
    public static func key(for data: TrainingData, config: NLUConfig = NLUConfig()) -> String {
        var hasher = KeyHasher(seeds: (1001, 2002), header: "v\(NLUEngine.modelVersion)", config: config)
        func add(_ s: String) { hasher.add(s) }
        add("examples \(data.examples.count)")
        for ex in data.examples {
            add(ex.intent); add(ex.text)
            for e in ex.entities { add("\(e.entity)|\(e.value)|\(e.start)|\(e.end)|\(e.role ?? "")|\(e.group ?? "")") }
        }
        for k in data.synonyms.keys.sorted() { add("syn \(k)=\(data.synonyms[k] ?? "")") }
        for k in data.lookups.keys.sorted() { add("lookup \(k)"); for v in data.lookups[k] ?? [] { add(v) } }
        for k in data.regexes.keys.sorted() { add("regex \(k)"); for v in data.regexes[k] ?? [] { add(v) } }
        add("loss \(data.settings.intentLoss?.rawValue ?? "-")")
        return hasher.hex
    }

    /// A 128-bit hex key of the raw training files (their names under `path` and their
    /// bytes) + model version + configuration, or nil when `path` or one of its files
    /// cannot be read. Computing it reads the files but parses nothing, so a start-up whose
    /// data did not change finds its model without loading the YAML (`load(sourceKey:)`).
    public static func sourceKey(trainingDataAt path: String, config: NLUConfig = NLUConfig()) -> String? {
        guard let files = TrainingDataLoader.sourceFiles(path) else { return nil }
        var hasher = KeyHasher(seeds: (3003, 4004), header: "source v\(NLUEngine.modelVersion)", config: config)
        func add(_ s: String) { hasher.add(s) }
        add("files \(files.count)")
        let prefix = path.hasSuffix("/") ? path : path + "/"
        for file in files {
            guard let bytes = FileManager.default.contents(atPath: file) else { return nil }
            add(file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : (file as NSString).lastPathComponent)
            add("bytes \(bytes.count)")
            hasher.add(bytes)
        }
        return hasher.hex
    }

    /// Where the note for `sourceKey` lives: the data key (`key(for:)`) of the model those files train.
    public func url(forSourceKey sourceKey: String) -> URL { directory.appendingPathComponent(sourceKey + ".source") }

    /// The cached engine trained from the files of `sourceKey` (see `remember(sourceKey:key:)`),
    /// or nil when there is no note or no readable model behind it.
    public func load(sourceKey: String) -> NLUEngine? {
        guard let note = try? Data(contentsOf: url(forSourceKey: sourceKey)) else { return nil }
        let key = String(decoding: note, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard key.count == 32, key.allSatisfy(\.isHexDigit) else { return nil }
        return load(key: key)
    }

    /// Notes that the training files of `sourceKey` load into data whose model is stored under `key`.
    public func remember(sourceKey: String, key: String) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data((key + "\n").utf8).write(to: url(forSourceKey: sourceKey), options: [.atomic])
    }

    /// Where the model for `key` lives.
    public func url(forKey key: String) -> URL { directory.appendingPathComponent(key + ".model") }

    /// The cached engine for `key`, or nil when there is none (or it is unreadable).
    public func load(key: String) -> NLUEngine? {
        let url = url(forKey: key)
        guard let data = try? Data(contentsOf: url, options: [.alwaysMapped]) else { return nil }
        return try? NLUEngine(serialized: data, path: url.path)
    }

    /// Writes `engine` under `key` (atomically, so a crash never leaves half a file).
    public func store(_ engine: NLUEngine, key: String) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try engine.serialized().write(to: url(forKey: key), options: [.atomic])
    }

    /// The cached engine for `data`, training and storing one when there is none.
    public func engine(for data: TrainingData, config: NLUConfig = NLUConfig()) throws -> (engine: NLUEngine, fromCache: Bool) {
        let key = Self.key(for: data, config: config)
        if let cached = load(key: key) { return (cached, true) }
        let engine = try NLUEngine.train(data, config: config)
        try? store(engine, key: key)
        return (engine, false)
    }
}

/// Two independent 64-bit hashes fed the same items: the 128-bit keys of `ModelCache`.
/// Each key starts with its own seeds, a header (what kind of key, the model version) and
/// the configuration, so a change in any of them gives another key.
struct KeyHasher {
    private var a: UInt64, b: UInt64

    init(seeds: (UInt64, UInt64), header: String, config: NLUConfig) {
        a = FeatureHash.seed(seeds.0)
        b = FeatureHash.seed(seeds.1)
        add(header)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        add((try? encoder.encode(config)).map { String(decoding: $0, as: UTF8.self) } ?? "")
    }

    /// One item, with a separator so that "ab" + "c" differs from "a" + "bc".
    mutating func add(_ s: String) {
        a = FeatureHash.add(a, s); b = FeatureHash.add(b, s)
        a = FeatureHash.add(a, 0x1f); b = FeatureHash.add(b, 0x1e)
        b = FeatureHash.finish(b)
    }

    /// Raw bytes (a file's contents).
    mutating func add(_ bytes: Data) {
        bytes.withUnsafeBytes { raw in
            let buffer = raw.bindMemory(to: UInt8.self)
            a = FeatureHash.add(a, bytes: buffer); b = FeatureHash.add(b, bytes: buffer)
        }
        b = FeatureHash.finish(b)
    }

    var hex: String { String(format: "%016llx%016llx", FeatureHash.finish(a), FeatureHash.finish(b)) }
}

import Foundation

/// Appends little-endian values and raw arrays to a byte buffer.
struct BinaryWriter {
    var data = Data()

    mutating func write<T: FixedWidthInteger>(_ v: T) {
        withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) }
    }

    mutating func write(_ v: Float) { write(v.bitPattern) }

    mutating func write<T>(array: [T]) {
        write(UInt64(array.count))
        array.withUnsafeBytes { data.append(contentsOf: $0) }
    }

    mutating func write(bytes: Data) {
        write(UInt64(bytes.count))
        data.append(bytes)
    }
}

/// Reads what `BinaryWriter` wrote, checking bounds.
struct BinaryReader {
    let data: Data
    var offset = 0
    let path: String

    init(_ data: Data, path: String) { self.data = data; self.path = path }

    func fail(_ reason: String) -> NLUEngineError { .badModelFile(path: path, reason: reason) }

    mutating func read<T: FixedWidthInteger>(_: T.Type) throws -> T {
        let size = MemoryLayout<T>.size
        guard offset + size <= data.count else { throw fail("truncated at byte \(offset)") }
        var v: T = 0
        withUnsafeMutableBytes(of: &v) { dst in _ = data.copyBytes(to: dst, from: (data.startIndex + offset)..<(data.startIndex + offset + size)) }
        offset += size
        return T(littleEndian: v)
    }

    mutating func readFloat() throws -> Float { Float(bitPattern: try read(UInt32.self)) }

    mutating func readArray<T>(_: T.Type) throws -> [T] {
        let count = Int(try read(UInt64.self))
        let bytes = count * MemoryLayout<T>.stride
        guard count >= 0, offset + bytes <= data.count else { throw fail("array of \(count) items runs past the end at byte \(offset)") }
        let out = [T](unsafeUninitializedCapacity: count) { buf, initialized in
            data.withUnsafeBytes { raw in
                let src = UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + bytes)])
                UnsafeMutableRawBufferPointer(buf).copyMemory(from: src)
            }
            initialized = count
        }
        offset += bytes
        return out
    }

    mutating func readBytes() throws -> Data {
        let count = Int(try read(UInt64.self))
        guard count >= 0, offset + count <= data.count else { throw fail("block of \(count) bytes runs past the end at byte \(offset)") }
        let out = data.subdata(in: (data.startIndex + offset)..<(data.startIndex + offset + count))
        offset += count
        return out
    }
}

extension BinaryWriter {
    /// A linear intent model: feature index, IDF, blocks, training words and counts, weights, bias.
    mutating func write(_ m: LinearIntentModel) {
        let f = m.featurizer
        write(UInt64(f.index.count))
        write(array: f.index.keys); write(array: f.index.rows); write(array: f.idf); write(array: f.blocks)
        // Training words for repairs: newline-separated (a token never holds a newline), then their counts.
        write(bytes: Data(f.repair.words.joined(separator: "\n").utf8)); write(array: f.repair.counts)
        write(UInt64(m.model.dimension))
        write(array: m.model.weights); write(array: m.model.bias)
    }
}

extension BinaryReader {
    /// Reads what `BinaryWriter.write(_: LinearIntentModel)` wrote, checking sizes.
    mutating func readLinearModel(classes: Int, config: IntentFeatureConfig) throws -> LinearIntentModel {
        let featureCount = Int(try read(UInt64.self))
        let keys = try readArray(UInt64.self), rows = try readArray(Int32.self)
        let idf = try readArray(Float.self), blocks = try readArray(UInt8.self)
        let wordBytes = try readBytes(), wordCounts = try readArray(Int32.self)
        let words = wordBytes.isEmpty ? [] : String(decoding: wordBytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let dimension = Int(try read(UInt64.self))
        let weights = try readArray(Float.self), bias = try readArray(Float.self)
        guard keys.count == rows.count, keys.count.nonzeroBitCount == 1, idf.count == featureCount, blocks.count == featureCount,
              words.count == wordCounts.count, weights.count == classes * dimension, bias.count == classes else {
            throw fail("intent model arrays have inconsistent sizes")
        }
        let featurizer = IntentFeaturizer(config: config, index: FeatureIndex(keys: keys, rows: rows, count: featureCount), idf: idf, blocks: blocks, repair: WordRepair(words: words, counts: wordCounts))
        guard featurizer.dimension == dimension else { throw fail("the model has \(dimension) feature rows, its features make \(featurizer.dimension)") }
        return LinearIntentModel(featurizer: featurizer, model: SoftmaxRegression(classes: classes, dimension: dimension, weights: weights, bias: bias))
    }
}

/// The small, structured part of a model file, stored as JSON.
struct ModelMetadata: Codable {
    var version: Int
    var config: NLUConfig
    var intents: [String]
    var temperature: Float
    var policy: OutOfScopePolicy
    var classes: Int
    var entityTypes: [String]?
    var lookupEntries: [LookupTables.Entry]
    var protectedWords: [String]
    var synonyms: [String: String]
    var regexes: [String: [String]]
}

extension NLUEngine {
    static let magic: [UInt8] = Array("SHOPNLU1".utf8)

    /// The engine as a compact binary model: a JSON header, then raw little-endian arrays.
    public func serialized() throws -> Data {
        var w = BinaryWriter()
        w.data.append(contentsOf: Self.magic)
        let meta = ModelMetadata(
            version: Self.modelVersion, config: config, intents: classifier.intents, temperature: classifier.temperature,
            policy: classifier.policy, classes: classifier.model.classes, entityTypes: tagger?.model.labels.entityTypes,
            lookupEntries: lookups.entries, protectedWords: lookups.protectedWords.sorted(), synonyms: synonyms,
            regexes: regexes.patterns)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        w.write(bytes: try encoder.encode(meta))
        w.write(classifier.lexical)
        w.write(UInt8(classifier.delexical == nil ? 0 : 1))
        if let d = classifier.delexical { w.write(d) }
        // Nearest examples: dimensions (0: none), weight, labels, 8-bit rows and their scales, centre, shared directions.
        w.write(UInt64(classifier.nearest?.dimensions ?? 0))
        if let n = classifier.nearest {
            w.write(n.weight); w.write(array: n.labels); w.write(array: n.codes); w.write(array: n.rowScales)
            w.write(array: n.center); w.write(array: n.directions)
        }
        if let m = tagger?.model {
            w.write(UInt64(m.index.count))
            w.write(array: m.index.keys); w.write(array: m.index.rows)
            w.write(array: m.rowStart); w.write(array: m.entryLabel); w.write(array: m.entryWeight); w.write(array: m.transitions)
            // Gazetteer: max phrase length (0: none), phrase keys sorted, type count of each, the types.
            let g = tagger?.gazetteer
            w.write(UInt64(g?.maxLength ?? 0))
            let keys = (g?.phrases.keys).map { $0.sorted() } ?? []
            w.write(array: keys)
            w.write(array: keys.map { UInt16(g?.phrases[$0]?.count ?? 0) })
            w.write(array: keys.flatMap { g?.phrases[$0] ?? [] })
        }
        return w.data
    }

    /// Reads an engine written by `serialized()`; `path` names the file in errors.
    public init(serialized data: Data, path: String = "<memory>") throws {
        var r = BinaryReader(data, path: path)
        guard data.count >= Self.magic.count, Array(data.prefix(Self.magic.count)) == Self.magic else { throw r.fail("not a ShopAssistant NLU model (bad magic)") }
        r.offset = Self.magic.count
        let header = try r.readBytes()
        let meta: ModelMetadata
        do { meta = try JSONDecoder().decode(ModelMetadata.self, from: header) } catch {
            // An older model's settings may lack fields this build has: its reader should hear
            // that the version differs, not which field is missing. Only read on failure, so a
            // good model's header (about 100 KB for the shop's) is parsed once.
            struct Version: Decodable { var version: Int }
            if let old = try? JSONDecoder().decode(Version.self, from: header), old.version != Self.modelVersion {
                throw r.fail("model version \(old.version), this build reads \(Self.modelVersion)")
            }
            throw r.fail("bad header: \(error)")
        }
        guard meta.version == Self.modelVersion else { throw r.fail("model version \(meta.version), this build reads \(Self.modelVersion)") }
        try Self.checkWordVectors(meta.config)
        guard meta.intents.count == meta.classes else { throw r.fail("\(meta.intents.count) intent names for \(meta.classes) classes") }
        let lexical = try r.readLinearModel(classes: meta.classes, config: meta.config.intent.features)
        let delexical = try r.read(UInt8.self) == 0 ? nil : try r.readLinearModel(classes: meta.classes, config: meta.config.intent.features)
        var nearest: NearestExamples?
        let nearestDimensions = Int(try r.read(UInt64.self))
        if nearestDimensions > 0 {
            let weight = try r.readFloat(), labels = try r.readArray(UInt16.self), codes = try r.readArray(Int8.self), rowScales = try r.readArray(Float.self)
            let center = try r.readArray(Float.self), directions = try r.readArray(Float.self)
            guard nearestDimensions == lexical.featurizer.vectors?.dimensions, codes.count == labels.count * nearestDimensions, rowScales.count == labels.count, nearestDimensions <= NearestExamples.maxDimensions,
                  center.isEmpty || center.count == nearestDimensions, directions.count % nearestDimensions == 0,
                  labels.allSatisfy({ Int($0) < meta.classes }) else {
                throw r.fail("nearest-example arrays have inconsistent sizes")
            }
            nearest = NearestExamples(dimensions: nearestDimensions, classes: meta.classes, codes: codes, rowScales: rowScales, labels: labels, weight: weight, center: center, directions: directions)
        }
        let classifier = IntentClassifier(intents: meta.intents, featurizer: lexical.featurizer, model: lexical.model, temperature: meta.temperature, policy: meta.policy, delexical: delexical, delexicalFrame: meta.config.intent.delexicalFrame, nearest: nearest)
        var tagger: SlotTagger?
        if let types = meta.entityTypes {
            let count = Int(try r.read(UInt64.self))
            let tk = try r.readArray(UInt64.self), tr = try r.readArray(Int32.self)
            let rowStart = try r.readArray(Int32.self), labels = try r.readArray(UInt16.self), ws = try r.readArray(Float.self), trans = try r.readArray(Float.self)
            let bio = BIOLabels(entityTypes: types)
            guard tk.count == tr.count, tk.count.nonzeroBitCount == 1, rowStart.count == count + 1, labels.count == ws.count,
                  Int(rowStart.last ?? -1) == labels.count, trans.count == bio.count * (bio.count + 1),
                  labels.allSatisfy({ Int($0) < bio.count }) else {
                throw r.fail("tagger arrays have inconsistent sizes")
            }
            let model = SequenceModel(labels: bio, index: FeatureIndex(keys: tk, rows: tr, count: count), rowStart: rowStart, entryLabel: labels, entryWeight: ws, transitions: trans)
            let gazMax = Int(try r.read(UInt64.self))
            let gazKeys = try r.readArray(UInt64.self), gazCounts = try r.readArray(UInt16.self), gazTypes = try r.readArray(UInt16.self)
            guard gazKeys.count == gazCounts.count, gazCounts.reduce(0, { $0 + Int($1) }) == gazTypes.count,
                  gazTypes.allSatisfy({ Int($0) < types.count }), gazMax <= Gazetteer.cap else {
                throw r.fail("gazetteer arrays have inconsistent sizes")
            }
            var gazetteer: Gazetteer?
            if gazMax > 0 {
                var phrases: [UInt64: [UInt16]] = [:]
                phrases.reserveCapacity(gazKeys.count)
                var at = 0
                for (k, c) in zip(gazKeys, gazCounts) { phrases[k] = Array(gazTypes[at..<(at + Int(c))]); at += Int(c) }
                gazetteer = Gazetteer(phrases: phrases, maxLength: gazMax, entityTypes: types)
            }
            tagger = SlotTagger(featurizer: TokenFeaturizer(config: meta.config.tagger.features), model: model, gazetteer: gazetteer)
        }
        let lookups = LookupTables(entries: meta.lookupEntries, protectedWords: Set(meta.protectedWords))
        self.init(config: meta.config, classifier: classifier, tagger: tagger, lookups: lookups, synonyms: meta.synonyms, regexes: meta.regexes)
    }
}

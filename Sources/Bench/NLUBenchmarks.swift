import Foundation
import NLU

#if canImport(Glibc)
import Glibc
#endif

/// Peak resident memory of this process so far, in MiB (Linux reports ru_maxrss in KiB).
private func peakMiB() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
}

private func load(_ name: String) throws -> TrainingData {
    try TrainingDataLoader().load(NLUDatasets.file(name)).data
}

/// The first 30 intents of CLINC150 (train and val): a model of the size of a shop's.
private func clinc30() throws -> (TrainingData, [TrainingExample]) {
    var train = try load("clinc150/train.yml")
    let keep = Set(train.intents.filter { $0 != "out_of_scope" }.prefix(30))
    train.examples = train.examples.filter { keep.contains($0.intent) }
    let val = try load("clinc150/val.yml").examples.filter { keep.contains($0.intent) }
    return (train, val)
}

/// `bench nlu-train`: training time of the whole engine (intents + tagger) on SNIPS and CLINC150.
struct NLUTrainBenchmark: Benchmark {
    let name = "nlu-train"
    let purpose = "Seconds to train the NLU engine (classifier with calibration hold-out + tagger) on CLINC150 train and SNIPS train; peak RSS"

    func run(_ options: BenchOptions, progress: @Sendable (String) -> Void) throws -> [MeasurementSummary] {
        let runs = options.requests ?? 1
        var out: [MeasurementSummary] = []
        for (label, file) in [("clinc150", "clinc150/train.yml"), ("snips", "snips/train.yml")] {
            let data = try load(file)
            var samples: [Double] = []
            var engine: NLUEngine?
            for i in 0..<runs {
                progress("training on \(label) (\(data.examples.count) examples), run \(i + 1)/\(runs)…")
                samples.append(try Stopwatch.milliseconds { engine = try NLUEngine.train(data) } / 1000)
            }
            out.append(MeasurementSummary(name: "train-\(label)", unit: "s", samples: samples, notes: [
                "examples": String(data.examples.count),
                "intents": String(engine?.intents.count ?? 0),
                "entity_types": String(engine?.entityTypes.count ?? 0),
                "peak_rss_mib_after": String(format: "%.0f", peakMiB()),
            ]))
        }
        return out
    }
}

/// `bench nlu-parse`: parse throughput and per-line latency on one core.
struct NLUParseBenchmark: Benchmark {
    let name = "nlu-parse"
    let purpose = "Full parse (tokenize, builtins, intent, tagger) per utterance, one core: CLINC150 30-intent model on its val lines, SNIPS model on SNIPS valid"

    func run(_ options: BenchOptions, progress: @Sendable (String) -> Void) throws -> [MeasurementSummary] {
        let (c30, c30val) = try clinc30()
        let snips = try load("snips/train.yml")
        let snipsVal = try load("snips/valid.yml").examples
        var out: [MeasurementSummary] = []
        for (label, data, lines) in [("clinc30", c30, c30val.map(\.text)), ("snips", snips, snipsVal.map(\.text))] {
            progress("training the \(label) model…")
            let engine = try NLUEngine.train(data)
            var scratch = NLUEngine.Scratch()
            var sink = 0
            for line in lines { sink &+= engine.parse(line, scratch: &scratch).entities.count }
            let passes = max(1, (options.requests ?? 20_000) / max(1, lines.count))
            var samples: [Double] = []
            samples.reserveCapacity(passes * lines.count)
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<passes {
                for line in lines {
                    let t0 = DispatchTime.now().uptimeNanoseconds
                    sink &+= engine.parse(line, scratch: &scratch).entities.count
                    samples.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1000)
                }
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            out.append(MeasurementSummary(name: "parse-\(label)", unit: "us/utterance", samples: samples, notes: [
                "intents": String(engine.intents.count),
                "utterances_per_second": String(Int(Double(samples.count) / seconds)),
                "utterances": String(samples.count),
                "checksum": String(sink),
            ]))
        }
        return out
    }
}

/// `bench nlu-load`: reading a trained model from the on-disk cache.
struct NLULoadBenchmark: Benchmark {
    let name = "nlu-load"
    let purpose = "Milliseconds to load a cached model (file read + decode) for CLINC150 (151 intents) and SNIPS (7 intents, 39 entity types)"

    func run(_ options: BenchOptions, progress: @Sendable (String) -> Void) throws -> [MeasurementSummary] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shopassist-bench-\(getpid())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = ModelCache(directory: dir)
        var out: [MeasurementSummary] = []
        for (label, file) in [("clinc150", "clinc150/train.yml"), ("snips", "snips/train.yml")] {
            let data = try load(file)
            progress("training the \(label) model…")
            let key = ModelCache.key(for: data)
            try cache.store(try NLUEngine.train(data), key: key)
            let size = (try? FileManager.default.attributesOfItem(atPath: cache.url(forKey: key).path)[.size] as? Int) ?? 0
            var samples: [Double] = []
            var hashMs: [Double] = []
            for _ in 0..<(options.requests ?? 20) {
                hashMs.append(Stopwatch.milliseconds { _ = ModelCache.key(for: data) })
                samples.append(try Stopwatch.milliseconds {
                    guard cache.load(key: key) != nil else { throw BenchError("the cached \(label) model did not load") }
                })
            }
            out.append(MeasurementSummary(name: "load-\(label)", unit: "ms", samples: samples, notes: [
                "file_bytes": String(size),
                "cache_key_ms_median": String(format: "%.2f", MeasurementSummary(name: "", unit: "", samples: hashMs).median),
            ]))
        }
        return out
    }
}

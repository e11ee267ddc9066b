import Foundation
import NLU

/// Where the public NLU benchmarks live: `$SHOPASSIST_DATASETS/nlu`, else `../shared/datasets/nlu`
/// (the package root is the working directory of `shopassist bench`).
enum NLUDatasets {
    static var folder: String {
        (ProcessInfo.processInfo.environment["SHOPASSIST_DATASETS"] ?? "../shared/datasets") + "/nlu"
    }

    static func file(_ name: String) throws -> String {
        let path = folder + "/" + name
        guard FileManager.default.fileExists(atPath: path) else {
            throw BenchError("missing \(path): run from the package root or set SHOPASSIST_DATASETS to the datasets folder")
        }
        return path
    }

    /// Utterances of SNIPS valid and CLINC150 val (3,800 lines of real user text).
    static func utterances() throws -> [String] {
        let snips = try TrainingDataLoader().load(file("snips/valid.yml")).data.examples.map(\.text)
        let clinc = try TrainingDataLoader().load(file("clinc150/val.yml")).data.examples.map(\.text)
        return snips + clinc
    }
}

/// Times one pass over `lines` per sample and reports microseconds per line.
private func perLine(_ name: String, _ lines: [String], passes: Int, notes: [String: String], _ body: (String) -> Int) -> MeasurementSummary {
    var sink = 0
    for line in lines { sink &+= body(line) }   // warm-up (ICU objects, tables)
    var samples: [Double] = []
    for _ in 0..<passes {
        let ms = Stopwatch.milliseconds { for line in lines { sink &+= body(line) } }
        samples.append(ms * 1000 / Double(lines.count))
    }
    var n = notes
    n["lines_per_pass"] = String(lines.count)
    n["lines_per_second_median"] = String(Int(1_000_000 / max(MeasurementSummary(name: "", unit: "", samples: samples).median, 1e-9)))
    n["checksum"] = String(sink)
    return MeasurementSummary(name: name, unit: "us/line", samples: samples, notes: n)
}

/// `bench nlu-tokenize`: the tokenizer on real utterances, ASCII and non-ASCII.
struct NLUTokenizeBenchmark: Benchmark {
    let name = "nlu-tokenize"
    let purpose = "Tokenizer µs per line on SNIPS valid + CLINC150 val utterances (ASCII fast path), and on their non-ASCII lines plus multilingual lines (ICU path)"

    func run(_ options: BenchOptions, progress: @Sendable (String) -> Void) throws -> [MeasurementSummary] {
        let lines = try NLUDatasets.utterances()
        let tokenizer = Tokenizer()
        let passes = options.requests ?? 50
        progress("tokenizing \(lines.count) lines × \(passes) passes")
        let all = perLine("tokenize all lines", lines, passes: passes, notes: ["data": "snips/valid.yml + clinc150/val.yml"]) { tokenizer.tokenize($0).count }
        var foreign = lines.filter { !$0.utf8.allSatisfy { $0 < 0x80 } }
        foreign += ["Crème brûlée à 30 €", "我想买一个新手机", "赤い靴を買いたいです", "أريد حذاء أحمر بسعر 50$", "Ich möchte Schuhe unter 50 €",
                    "👍🏽 love these 🇫🇷 shoes", "ฉันอยากซื้อรองเท้า", "Хочу купить синюю футболку"]
        let icu = perLine("tokenize non-ASCII lines", foreign, passes: passes * 20, notes: ["data": "non-ASCII lines of the same files + 8 multilingual lines"]) { tokenizer.tokenize($0).count }
        return [all, icu]
    }
}

/// `bench nlu-builtins`: builtin entity extraction (tokenizing included) per line.
struct NLUBuiltinsBenchmark: Benchmark {
    let name = "nlu-builtins"
    let purpose = "Builtin entity extraction µs per line (tokenizing included) on SNIPS valid + CLINC150 val and on shopping lines"

    func run(_ options: BenchOptions, progress: @Sendable (String) -> Void) throws -> [MeasurementSummary] {
        let lines = try NLUDatasets.utterances()
        let extractor = BuiltinEntityExtractor()
        let tokenizer = Tokenizer()
        let reference = CalendarDate(year: 2026, month: 11, day: 25)
        let passes = options.requests ?? 30
        let shopping = [
            "show me red running shoes under $50", "i need 2 pairs of nike socks between 10 and 20 dollars",
            "where is my order #A10234", "can it arrive by next friday", "the second one please", "around 60 bucks",
            "compare the first two", "add three of them to my cart", "my email is jane.doe@example.com", "anything cheaper than €30?",
        ]
        let real = perLine("builtins on dataset lines", lines, passes: passes, notes: ["data": "snips/valid.yml + clinc150/val.yml"]) {
            extractor.extract($0, referenceDate: reference).count
        }
        let shop = perLine("builtins on shopping lines", shopping, passes: passes * 100, notes: ["data": "10 shopping lines with entities"]) {
            extractor.extract($0, referenceDate: reference).count
        }
        let tokens = lines.map { tokenizer.tokenize($0) }
        var samples: [Double] = []
        var sink = 0
        for _ in 0..<passes {
            let ms = Stopwatch.milliseconds { for (line, t) in zip(lines, tokens) { sink &+= extractor.extract(line, tokens: t, referenceDate: reference).count } }
            samples.append(ms * 1000 / Double(lines.count))
        }
        let given = MeasurementSummary(name: "builtins, tokens given", unit: "us/line", samples: samples, notes: ["data": "snips/valid.yml + clinc150/val.yml", "checksum": String(sink)])
        return [real, given, shop]
    }
}

/// `bench nlu-load-data`: loading Rasa NLU YAML training data.
struct NLULoadDataBenchmark: Benchmark {
    let name = "nlu-load-data"
    let purpose = "Loading Rasa NLU YAML (Yams + annotation parsing + checks), ms per file, for each public benchmark split"

    func run(_ options: BenchOptions, progress: @Sendable (String) -> Void) throws -> [MeasurementSummary] {
        let files = ["snips/train.yml", "atis/train.yml", "clinc150/train.yml", "clinc150/val.yml"]
        let repeats = options.requests ?? 10
        return try files.map { name in
            let path = try NLUDatasets.file(name)
            var examples = 0
            let samples = try (0..<repeats).map { _ in
                try Stopwatch.milliseconds { examples = try TrainingDataLoader().load(path).data.examples.count }
            }
            progress("\(name): \(examples) examples")
            return MeasurementSummary(name: "load \(name)", unit: "ms", samples: samples, notes: ["examples": String(examples)])
        }
    }
}

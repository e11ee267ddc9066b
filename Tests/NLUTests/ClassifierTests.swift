import Foundation
import CVectorKernels
import Testing
@testable import NLU

@Suite("Intent classifier")
struct ClassifierTests {
    let tokenizer = Tokenizer()

    func examples(_ data: TrainingData) -> [IntentClassifier.Example] {
        data.examples.map { .init(tokens: tokenizer.tokenize($0.text), extras: [], intent: $0.intent) }
    }

    func accuracy(_ classifier: IntentClassifier) -> Double {
        var scratch = IntentFeaturizer.Scratch()
        let right = EngineFixtures.heldOut.filter { text, intent in
            classifier.classify(tokenizer.tokenize(text), extras: [], scratch: &scratch).intent.name == intent
        }
        return Double(right.count) / Double(EngineFixtures.heldOut.count)
    }

    @Test("a trained model classifies held-out lines right")
    func learns() throws {
        let classifier = IntentClassifier.train(examples(try EngineFixtures.data()), config: EngineFixtures.config.intent)
        #expect(accuracy(classifier) >= 0.85)
    }

    @Test("the hinge loss learns too, and its scores still come out as confidences between 0 and 1")
    func hingeLearns() throws {
        let config = EngineFixtures.config.intent.training(with: .hinge)
        #expect(config.model.hingeMargin > 0)
        let classifier = IntentClassifier.train(examples(try EngineFixtures.data()), config: config)
        #expect(accuracy(classifier) >= 0.85)
        var scratch = IntentFeaturizer.Scratch()
        let ranking = classifier.classify(tokenizer.tokenize("show me red shoes"), extras: [], scratch: &scratch).ranking
        #expect(ranking.allSatisfy { $0.confidence >= 0 && $0.confidence <= 1 })
        #expect(ranking.reduce(0) { $0 + $1.confidence } <= 1.0001)
    }

    @Test("the hinge gradient moves only the label and its best rival, and only inside the margin")
    func hingeGradient() {
        var z: [Float] = [2, 5, 4.5, -1]
        z.withUnsafeMutableBufferPointer { SoftmaxRegression.hingeGradient($0.baseAddress!, classes: 4, label: 1, margin: 1) }
        #expect(z == [0, -1, 1, 0])
        var far: [Float] = [2, 9, 4.5, -1]
        far.withUnsafeMutableBufferPointer { SoftmaxRegression.hingeGradient($0.baseAddress!, classes: 4, label: 1, margin: 1) }
        #expect(far == [0, 0, 0, 0])
    }

    @Test("small training sets get more epochs until they make the minimum updates, at most twice as many; large sets keep theirs")
    func epochsForSmallSets() {
        var config = SoftmaxRegressionConfig()
        config.epochs = 12
        config.minimumUpdates = 100_000
        config.maximumEpochScale = 2
        #expect(config.epochs(forExamples: 20_000) == 12)
        #expect(config.epochs(forExamples: 8_334) == 12)
        #expect(config.epochs(forExamples: 4_478) == 23)
        #expect(config.epochs(forExamples: 100) == 24)
        #expect(config.epochs(forExamples: 0) == 12)
        config.minimumUpdates = 0
        #expect(config.epochs(forExamples: 100) == 12)
    }

    @Test("training runs the epochs the minimum updates ask for: capped at 1× it is the plain model, at 2× another")
    func trainingUsesTheMinimumUpdates() {
        var data: [(SparseVector, Int)] = []
        for i in 0..<30 {
            let rows: [Int32] = [Int32(i % 3), Int32(3 + i % 4)]
            data.append((SparseVector(rows: rows, values: [1, 0.5]), i % 3 == 0 ? 0 : 1))
        }
        var plain = SoftmaxRegressionConfig()
        plain.minimumUpdates = 0
        var capped = plain
        capped.minimumUpdates = 100_000
        capped.maximumEpochScale = 1
        var longer = capped
        longer.maximumEpochScale = 2
        let model = { (c: SoftmaxRegressionConfig) in SoftmaxRegression.train(data, classes: 2, dimension: 7, config: c).weights }
        #expect(model(capped) == model(plain))
        #expect(model(longer) != model(plain))
    }

    @Test("the data's loss applies when an engine trains, and the seed is kept")
    func dataLossApplies() throws {
        var config = NLUConfig()
        config.intent.model.seed = 7
        let hinge = config.applying(TrainingSettings(intentLoss: .hinge))
        #expect(hinge.intent.model.hingeMargin == SoftmaxRegressionConfig.hinge.hingeMargin)
        #expect(hinge.intent.model.seed == 7)
        #expect(hinge.applying(TrainingSettings(intentLoss: .logistic)).intent == config.intent)
        #expect(config.applying(TrainingSettings()) == config)
        var data = try EngineFixtures.data()
        data.settings.intentLoss = .hinge
        #expect(try NLUEngine.train(data, config: EngineFixtures.config).config.intent.model.hingeMargin > 0)
    }

    @Test("a model trained on shuffled labels does not")
    func shuffledLabelsFail() throws {
        var exs = examples(try EngineFixtures.data())
        var rng = SplitMix64(seed: 3)
        let labels = exs.map(\.intent).shuffled(using: &rng)
        for i in exs.indices { exs[i].intent = labels[i] }
        let classifier = IntentClassifier.train(exs, config: EngineFixtures.config.intent)
        #expect(accuracy(classifier) < 0.6)
    }

    @Test("an untrained (zero-weight) model is no better than chance")
    func untrainedFails() throws {
        var config = EngineFixtures.config.intent
        config.model.epochs = 0
        config.nearestExampleWeights = []  // nearest examples need no training: see nearestExamplesCarryTheDecision
        let classifier = IntentClassifier.train(examples(try EngineFixtures.data()), config: config)
        #expect(accuracy(classifier) < 0.6)
    }

    @Test("nearest examples alone classify held-out lines: the linear model untrained, only their scores")
    func nearestExamplesCarryTheDecision() throws {
        var config = EngineFixtures.config.intent
        config.model.epochs = 0
        config.nearestExampleWeights = [10]
        let classifier = IntentClassifier.train(examples(try EngineFixtures.data()), config: config)
        #expect(classifier.nearest?.weight == 10)
        #expect(accuracy(classifier) >= 0.85)
    }

    @Test("the nearest-example weight is one of the candidates, and weight 0 keeps no index")
    func nearestExampleWeightChoice() throws {
        let data = examples(try EngineFixtures.data())
        var config = EngineFixtures.config.intent
        config.nearestExampleWeights = [0]
        #expect(IntentClassifier.train(data, config: config).nearest == nil)
        config.nearestExampleWeights = [0, 4]
        let chosen = IntentClassifier.train(data, config: config).nearest
        #expect(chosen == nil || (chosen?.weight == 4 && chosen?.labels.count == data.count))
    }

    @Test("a positive nearest-example weight is kept only when it beats weight 0 by the minimum gain")
    func nearestWeightNeedsGain() {
        func pick(_ scores: [(Float, Double)], minGain: Double = 0.002) -> Float? {
            IntentClassifier.pickCalibration(scores.map { .init(weight: $0.0, score: $0.1, temperature: 1, policy: OutOfScopePolicy()) }, minGain: minGain)?.weight
        }
        #expect(pick([(0, 0.9855), (2.5, 0.9861), (5, 0.9833)]) == 0, "one held-out line of 1,800 does not pay for the index")
        #expect(pick([(0, 1.0962), (10, 1.1037), (15, 1.1044), (20, 1.1043)]) == 15)
        #expect(pick([(0, 0.9), (5, 0.95), (10, 0.95)]) == 5, "the smaller weight on a tie")
        #expect(pick([(0, 0.9), (5, 0.8)]) == 0)
        #expect(pick([(4, 0.5)]) == 4, "without weight 0 among the candidates there is nothing to beat")
        #expect(pick([(0, 0.9855), (2.5, 0.9861)], minGain: 0) == 2.5)
        #expect(pick([]) == nil)
    }

    @Test("a line's nearest training line decides its intent's similarity")
    func nearestSimilarities() throws {
        let vectors = try #require(WordPieceVectors.shipped)
        let lines = [("where is my parcel", 0), ("show me red shoes", 1), ("hello there", 2)].map { (tokenizer.tokenize($0.0), $0.1) }
        let index = NearestExamples(lines: lines, classes: 3, vectors: vectors, weight: 1)
        #expect(index.labels.count == 3 && index.codes.count == 3 * vectors.dimensions)
        var scratch = IntentFeaturizer.Scratch()
        let same = index.similarities(tokenizer.tokenize("where is my parcel"), wordVectors: vectors, scratch: &scratch)
        #expect(abs(same[0] - 1) < 1e-3)
        let paraphrase = index.similarities(tokenizer.tokenize("where's my package"), wordVectors: vectors, scratch: &scratch)
        #expect(paraphrase[0] > paraphrase[1] && paraphrase[0] > paraphrase[2])
        #expect(index.similarities([], wordVectors: vectors, scratch: &scratch) == [0, 0, 0])
    }

    @Test("the 8-bit row scan sums exactly what a plain loop sums, at any width and at the extremes")
    func fixedPointScan() {
        var rng = SplitMix64(seed: 11)
        for dims in [0, 1, 8, 31, 32, 37, 256, 300, 516] {
            let count = 23
            var rows = (0..<(count * dims)).map { _ in Int8(truncatingIfNeeded: Int(rng.next() % 255) - 127) }
            var query = (0..<dims).map { _ in Int16(truncatingIfNeeded: Int(rng.next() % 65535) - 32767) }
            if dims == 516 {  // the largest sum the kernel promises to hold
                for k in 0..<dims { rows[k] = -127; query[k] = -32767 }
            }
            var out = [Int32](repeating: 0, count: count), baseline = out
            ck_dot_rows_i8(rows, count, dims, query, &out)
            ck_dot_rows_i8_baseline(rows, count, dims, query, &baseline)
            for i in 0..<count {
                var expected: Int64 = 0
                for k in 0..<dims { expected += Int64(rows[i * dims + k]) * Int64(query[k]) }
                #expect(Int64(out[i]) == expected, "row \(i) of \(dims) numbers")
                #expect(Int64(baseline[i]) == expected, "row \(i) of \(dims) numbers, without AVX2")
            }
        }
    }

    @Test("the nearest-example scores are the float cosines to within 5e-3")
    func fixedPointCosines() throws {
        let vectors = try #require(WordPieceVectors.shipped)
        let texts = ["where is my parcel", "show me red shoes", "hello there", "cheapest headphones please"]
        let index = NearestExamples(lines: texts.enumerated().map { (tokenizer.tokenize($1), $0) }, classes: texts.count, vectors: vectors, weight: 1)
        func unit(_ text: String) -> [Float] {
            var pieces: [Int32] = []
            vectors.pieces(tokenizer.tokenize(text), into: &pieces)
            var v = [Float](repeating: 0, count: vectors.dimensions)
            // The index compares lines after taking out the training lines' mean.
            _ = v.withUnsafeMutableBufferPointer { vectors.lineVector(pieces, into: $0) && index.whiten($0) }
            return v
        }
        var scratch = IntentFeaturizer.Scratch()
        let line = "any cheap red headphones?"
        let scores = index.similarities(tokenizer.tokenize(line), wordVectors: vectors, scratch: &scratch)
        let q = unit(line)
        for (c, text) in texts.enumerated() {
            let r = unit(text)
            let cosine = zip(q, r).reduce(Float(0)) { $0 + $1.0 * $1.1 }
            #expect(abs(scores[c] - cosine) < 5e-3, "\(text): \(scores[c]) against \(cosine)")
        }
    }

    @Test("the nearest-example index finds the lines' mean and shared direction, and takes them out")
    func sharedComponents() throws {
        // 300 rows of 8 numbers: an offset everywhere, a large spread along the first axis, a small one elsewhere.
        var rng = SplitMix64(seed: 3)
        func noise() -> Float { Float(Double(rng.next() % 1001) / 1000 - 0.5) }
        var rows: [Float] = []
        for _ in 0..<300 { rows += [2 + 10 * noise()] + (1..<8).map { _ in 2 + 0.1 * noise() } }
        let (center, directions) = NearestExamples.sharedComponents(rows, dimensions: 8, count: 1)
        #expect(center.count == 8 && center.allSatisfy { abs($0 - 2) < 0.5 })
        #expect(directions.count == 8)
        #expect(abs(directions[0]) > 0.99, "first direction \(directions)")
        #expect(NearestExamples.sharedComponents(rows, dimensions: 8, count: 0).directions.isEmpty)

        let e0: [Float] = [1, 0, 0, 0, 0, 0, 0, 0]
        let index = NearestExamples(dimensions: 8, classes: 1, codes: [], rowScales: [], labels: [], weight: 1, center: [Float](repeating: 2, count: 8), directions: e0)
        var along = [Float](repeating: 2, count: 8); along[0] += 5
        #expect(along.withUnsafeMutableBufferPointer { index.whiten($0) } == false)
        var across = [Float](repeating: 2, count: 8); across[0] += 5; across[1] += 3
        #expect(across.withUnsafeMutableBufferPointer { index.whiten($0) })
        #expect(across == [0, 1, 0, 0, 0, 0, 0, 0])
    }

    @Test("calibration pools enough held-out lines: more splits for small data, one for large")
    func calibrationSplits() {
        var config = IntentClassifierConfig()
        config.calibrationRows = 3000
        config.maxCalibrationSplits = 3
        #expect(IntentClassifier.calibrationSplits(heldOut: 3020, config: config) == 1)
        #expect(IntentClassifier.calibrationSplits(heldOut: 2617, config: config) == 2)
        #expect(IntentClassifier.calibrationSplits(heldOut: 1378, config: config) == 3)
        #expect(IntentClassifier.calibrationSplits(heldOut: 40, config: config) == 3)
        #expect(IntentClassifier.calibrationSplits(heldOut: 0, config: config) == 1)
        config.maxCalibrationSplits = 1
        #expect(IntentClassifier.calibrationSplits(heldOut: 40, config: config) == 1)
    }

    @Test("confidences are probabilities and the ranking is sorted, at most 5")
    func ranking() throws {
        let classifier = IntentClassifier.train(examples(try EngineFixtures.data()), config: EngineFixtures.config.intent)
        var scratch = IntentFeaturizer.Scratch()
        let tokens = tokenizer.tokenize("track my order")
        let probs = classifier.probabilities(classifier.lexicalScores(tokens, extras: [], scratch: &scratch), tokens: tokens, extras: [], delexicalTokens: nil, scratch: &scratch)
        #expect(abs(probs.reduce(0, +) - 1) < 1e-4)
        let (_, ranking) = classifier.classify(tokenizer.tokenize("track my order"), extras: [], scratch: &scratch)
        #expect(ranking.count <= 5)
        #expect(ranking.map(\.confidence) == ranking.map(\.confidence).sorted(by: >))
        #expect(ranking.first?.name == "order_status")
    }

    @Test("gibberish is out of scope", arguments: ["xqzv blorptank fnurgle", "zzzzqqq", "qwxjv kkkrt"])
    func gibberish(_ text: String) throws {
        let classifier = IntentClassifier.train(examples(try EngineFixtures.data()), config: EngineFixtures.config.intent)
        var scratch = IntentFeaturizer.Scratch()
        #expect(classifier.classify(tokenizer.tokenize(text), extras: [], scratch: &scratch).intent.name == IntentClassifier.outOfScope)
    }

    @Test("an out_of_scope class in the data is learned and its thresholds come from the hold-out")
    func outOfScopeClass() throws {
        var data = try EngineFixtures.data()
        let oos = ["what is the weather tomorrow", "tell me a joke", "who won the football game", "play some jazz music",
                   "what is the capital of france", "how tall is mount everest", "book a flight to paris", "set an alarm for seven",
                   "what time is it in tokyo", "recommend a good movie", "how do i cook pasta", "translate hello to spanish"]
        data.examples += oos.map { TrainingExample(text: $0, intent: "out_of_scope") }
        let classifier = IntentClassifier.train(examples(data), config: EngineFixtures.config.intent)
        #expect(classifier.outOfScopeClass != nil)
        var scratch = IntentFeaturizer.Scratch()
        #expect(classifier.classify(tokenizer.tokenize("what is the weather in paris"), extras: [], scratch: &scratch).intent.name == "out_of_scope")
        #expect(classifier.classify(tokenizer.tokenize("where is my order"), extras: [], scratch: &scratch).intent.name == "order_status")
    }

    @Test("the stratified hold-out takes a share of every intent and keeps tiny intents whole")
    func split() {
        var exs: [IntentClassifier.Example] = []
        for i in 0..<10 { exs.append(.init(tokens: [], extras: [], intent: "a\(i % 2)")) }
        exs.append(.init(tokens: [], extras: [], intent: "tiny"))
        let (fit, held) = IntentClassifier.stratifiedSplit(exs, fraction: 0.2, seed: 1)
        #expect(fit.count + held.count == exs.count)
        #expect(held.filter { $0.intent == "a0" }.count == 1)
        #expect(held.filter { $0.intent == "a1" }.count == 1)
        #expect(!held.contains { $0.intent == "tiny" })
    }

    @Test("temperature fitting sharpens under-confident logits and softens over-confident ones")
    func temperature() {
        // Always right with small margins: the best temperature is below 1.
        let soft = IntentClassifier.fitTemperature(logits: Array(repeating: [1, 0, 0], count: 50), labels: Array(repeating: 0, count: 50))
        #expect(soft < 1)
        // Big margins but right only 60% of the time: the best temperature is above 1.
        let labels = (0..<50).map { $0 % 5 < 3 ? 0 : 1 }
        let hard = IntentClassifier.fitTemperature(logits: Array(repeating: [8, 0, 0], count: 50), labels: labels)
        #expect(hard > 1)
    }
}

import Foundation
import Testing
@testable import NLU

@Suite("Word-piece vectors")
struct WordPieceVectorsTests {
    let tokenizer = Tokenizer()

    func pieces(_ text: String) throws -> [Int32] {
        let vectors = try #require(WordPieceVectors.shipped, "\(WordPieceVectors.loadError ?? "")")
        var out: [Int32] = []
        vectors.pieces(tokenizer.tokenize(text), into: &out)
        return out
    }

    // Expected ids from the encoder's own tokenizer (Hugging Face `tokenizers`, vocab.txt of all-MiniLM-L6-v2).
    @Test("words are cut as the encoder's WordPiece tokenizer cuts them", arguments: [
        ("sneakers", [28130]), ("headphones", [2132, 19093]), ("t-shirt", [1056, 1011, 3797]),
        ("where is my order", [2073, 2003, 2026, 2344]), ("$49.99", [1002, 4749, 1012, 5585]),
        ("zzqxv", [1062, 2480, 4160, 2595, 2615]), ("o'neill", [1051, 1005, 11511]), ("Crème", [13675, 21382]),
    ])
    func wordPiece(text: String, expected: [Int32]) throws {
        #expect(try pieces(text) == expected)
    }

    @Test("line vectors have unit length and put related lines closer than unrelated ones")
    func meaning() throws {
        let vectors = try #require(WordPieceVectors.shipped)
        func vector(_ text: String) throws -> [Float] {
            var out = [Float](repeating: 0, count: vectors.dimensions)
            let ok = out.withUnsafeMutableBufferPointer { vectors.lineVector(try! pieces(text), into: $0) }
            #expect(ok)
            return out
        }
        func cosine(_ a: [Float], _ b: [Float]) -> Float { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
        let order = try vector("where is my parcel"), track = try vector("track my package"), weather = try vector("will it rain tomorrow")
        #expect(abs(cosine(order, order) - 1) < 1e-3)
        #expect(cosine(order, track) > cosine(order, weather))
        var empty = [Float](repeating: 1, count: vectors.dimensions)
        #expect(!empty.withUnsafeMutableBufferPointer { vectors.lineVector([], into: $0) })
        #expect(empty.allSatisfy { $0 == 0 })
    }

    @Test("a damaged table is an error naming the file")
    func damaged() {
        #expect(throws: NLUEngineError.self) { try WordPieceVectors(data: Data("SHOPWPV1 short".utf8), path: "x.bin") }
        #expect(throws: NLUEngineError.self) { try WordPieceVectors(data: Data("not a table at all".utf8), path: "x.bin") }
    }
}

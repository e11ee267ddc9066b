/// Turns pieces into tokens, gluing what matters in shopping text (see `Tokenizer`).
struct TokenBuilder {
    let line: ScalarLine

    private func scalar(_ p: Piece) -> UInt32? { p.end - p.start == 1 ? line.scalars[p.start] : nil }

    /// `A` + 5 to 7 digits, case-insensitive: this shop's order numbers.
    func isOrderID(_ p: Piece) -> Bool {
        guard p.cls == .word else { return false }
        let n = p.end - p.start
        guard n >= 6, n <= 8, line.scalars[p.start] | 0x20 == 0x61 else { return false }
        for i in (p.start + 1)..<p.end where !Scalars.isDigit(line.scalars[i]) { return false }
        return true
    }

    /// `4k`, `1.5k`, `2m`: an amount with a thousands/millions suffix, for `$4k`.
    func suffixedAmount(_ p: Piece) -> Double? {
        guard p.cls == .word, p.end - p.start >= 2 else { return nil }
        let last = line.scalars[p.end - 1] | 0x20
        let multiplier: Double = last == 0x6B ? 1_000 : last == 0x6D ? 1_000_000 : 0
        guard multiplier > 0, let v = Self.number(line.scalars[p.start..<(p.end - 1)]) else { return nil }
        return v * multiplier
    }

    /// `30eur`, `5usd`, `20bucks` written as one word.
    func amountWithCode(_ p: Piece) -> (Double, String)? {
        guard p.cls == .word else { return nil }
        let s = line.scalars[p.start..<p.end]
        guard let firstLetter = s.firstIndex(where: { !Scalars.isDigit($0) && $0 != 0x2E && $0 != 0x2C }),
              firstLetter > p.start, let v = Self.number(s[p.start..<firstLetter]) else { return nil }
        let code = String(decoding: s[firstLetter...].map { UInt8($0 < 0x80 ? $0 | 0x20 : 0x3F) }, as: UTF8.self)
        guard let currency = Self.currencyCodes[code] else { return nil }
        return (v, currency)
    }

    static let currencyCodes: [String: String] = [
        "usd": "USD", "eur": "EUR", "gbp": "GBP", "bucks": "USD", "dollars": "USD", "euros": "EUR",
    ]

    /// Digits with an optional decimal part and `,` thousands groups (`1,299.50`).
    static func number<C: Collection>(_ s: C) -> Double? where C.Element == UInt32 {
        if s.isEmpty { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.count)
        var sawDot = false
        var groupDigits = -1  // digits since the last comma; -1 before any comma
        var digitsBeforeFirstComma = 0
        var commas = 0
        for v in s {
            if Scalars.isDigit(v) {
                bytes.append(UInt8(v))
                if commas > 0 && !sawDot { groupDigits += 1 } else if !sawDot { digitsBeforeFirstComma += 1 }
            } else if v == 0x2C {
                if sawDot || (commas > 0 && groupDigits != 3) || (commas == 0 && (digitsBeforeFirstComma == 0 || digitsBeforeFirstComma > 3)) { return nil }
                commas += 1; groupDigits = 0
            } else if v == 0x2E {
                if sawDot || (commas > 0 && groupDigits != 3) { return nil }
                sawDot = true; bytes.append(0x2E)
            } else {
                return nil
            }
        }
        if commas > 0 && !sawDot && groupDigits != 3 { return nil }
        guard bytes.first != 0x2E, bytes.last != 0x2E else { return nil }
        guard let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    func build(_ pieces: [Piece]) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(pieces.count / 2 + 1)
        let n = pieces.count
        var i = 0
        @inline(__always) func next(_ k: Int) -> Piece? { k < n && pieces[k].cls != .space ? pieces[k] : nil }

        while i < n {
            let p = pieces[i]
            switch p.cls {
            case .space:
                i += 1
                continue
            case .email:
                let text = line.text(p.start, p.end)
                tokens.append(Token(text: text, normalized: Folding.lowercasedASCII(text), start: p.start, end: p.end, kind: .email))
                i += 1
                continue
            default:
                break
            }
            let sym = scalar(p)
            // $49.99, €30, $4k
            if p.cls == .single, let s = sym, Scalars.currency(s) != nil, let q = next(i + 1) {
                let amount = q.cls == .number ? Self.number(line.scalars[q.start..<q.end]) : suffixedAmount(q)
                if let amount {
                    tokens.append(make(p.start, q.end, kind: .money, value: amount))
                    i += 2
                    continue
                }
            }
            if p.cls == .number, let q = next(i + 1), let s = scalar(q) {
                // 30€
                if Scalars.currency(s) != nil, let amount = Self.number(line.scalars[p.start..<p.end]) {
                    tokens.append(make(p.start, q.end, kind: .money, value: amount))
                    i += 2
                    continue
                }
                // 50%
                if s == 0x25 {
                    tokens.append(make(p.start, q.end, kind: .percent, value: Self.number(line.scalars[p.start..<p.end])))
                    i += 2
                    continue
                }
            }
            // #A10234
            if sym == 0x23, let q = next(i + 1), isOrderID(q) {
                tokens.append(orderID(p.start, q.start, q.end))
                i += 2
                continue
            }
            if isOrderID(p) {
                tokens.append(orderID(p.start, p.start, p.end))
                i += 1
                continue
            }
            // t-shirt, usb-c, state-of-the-art, h&m (but not 10-20: a range)
            if p.cls == .word || p.cls == .number {
                var j = i
                var allNumbers = p.cls == .number
                while let joiner = next(j + 1), let js = scalar(joiner), let q = next(j + 2),
                      q.cls == .word || q.cls == .number, !isOrderID(q) {
                    if Scalars.isDash(js) {
                        allNumbers = allNumbers && q.cls == .number
                    } else if js == 0x26 {
                        guard isLetters(pieces[j]), isLetters(q) else { break }
                        allNumbers = false
                    } else {
                        break
                    }
                    j += 2
                }
                if j > i && !allNumbers {
                    tokens.append(make(p.start, pieces[j].end, kind: .word, value: nil))
                    i = j + 1
                    continue
                }
            }
            tokens.append(single(p))
            i += 1
        }
        return tokens
    }

    private func isLetters(_ p: Piece) -> Bool {
        p.cls == .word && line.scalars[p.start..<p.end].allSatisfy(Scalars.isLetter)
    }

    private func orderID(_ start: Int, _ idStart: Int, _ end: Int) -> Token {
        let text = line.text(start, end)
        return Token(text: text, normalized: Folding.lowercasedASCII(line.text(idStart, end)), start: start, end: end, kind: .orderID)
    }

    private func make(_ start: Int, _ end: Int, kind: Token.Kind, value: Double?) -> Token {
        let text = line.text(start, end)
        let normalized = Folding.fold(line, start, end, text: text)
        var v = value
        if kind == .word && v == nil { v = NumberWords.value(ofWord: normalized) }
        return Token(text: text, normalized: normalized, start: start, end: end, kind: kind, numericValue: v)
    }

    private func single(_ p: Piece) -> Token {
        switch p.cls {
        case .word:
            if let (amount, _) = amountWithCode(p) { return make(p.start, p.end, kind: .money, value: amount) }
            return make(p.start, p.end, kind: .word, value: nil)
        case .number:
            let v = Self.number(line.scalars[p.start..<p.end]) ?? unicodeDigits(p)
            return make(p.start, p.end, kind: .number, value: v)
        case .emoji:
            let text = line.text(p.start, p.end)
            return Token(text: text, normalized: text, start: p.start, end: p.end, kind: .emoji)
        default:
            let kind: Token.Kind
            switch Scalars.generalCategory(line.scalars[p.start]) {
            case .connectorPunctuation?, .dashPunctuation?, .openPunctuation?, .closePunctuation?,
                 .initialPunctuation?, .finalPunctuation?, .otherPunctuation?:
                kind = .punctuation
            case .mathSymbol?, .currencySymbol?, .modifierSymbol?, .otherSymbol?:
                kind = line.scalars[p.start] == 0xFFFD ? .other : .symbol
            default:
                kind = .other
            }
            return make(p.start, p.end, kind: kind, value: nil)
        }
    }

    /// Digits of other scripts (`٣`, `３`) read through their Unicode numeric value.
    private func unicodeDigits(_ p: Piece) -> Double? {
        var value = 0.0
        for s in line.scalars[p.start..<p.end] {
            guard let u = Unicode.Scalar(s), u.properties.numericType == .decimal, let d = u.properties.numericValue else { return nil }
            value = value * 10 + d
        }
        return value
    }
}

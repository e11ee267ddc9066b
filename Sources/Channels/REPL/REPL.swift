import Dialogue
import Foundation
import NLU

/// The terminal conversation: `swift run shopassist`.
///
/// Reads lines (with editing on a terminal, plainly from a pipe), answers each through
/// the assistant, and renders replies for the terminal. Slash commands control the
/// session; Ctrl-D, Ctrl-C and `/quit` leave cleanly.
public final class REPL {
    public static let welcome = "Hi! I'm ShopAssistant. I can find products, recommend, compare, check an order, and fill and check out your cart. Type /help for commands, /quit (or Ctrl-D) to leave."

    public static let help = """
    Just type what you want, e.g. "wireless headphones under $100", "compare the first two", "where is my order A10234?".
    Commands:
      /help          this help
      /login ID      sign in as a demo customer (see `shopassist demo --show`)
      /logout        sign out and start a new conversation
      /reset         start over (forget this conversation)
      /debug         show intent, confidence, entities and time per turn (again to hide)
      /save FILE     write the conversation so far as a dialogue test
      /quit          leave
    """

    let assistant: Assistant
    let editor: LineEditor
    let output: OutputLines
    let renderer: TerminalRenderer
    let style: TerminalStyle
    var session: String
    var customer: String?
    var debug = false
    /// The conversation so far, for `/save`.
    var transcript: [(line: String, reply: Reply)] = []

    public init(assistant: Assistant, editor: LineEditor = LineEditor(), outputFD: Int32 = 1, style: TerminalStyle, customer: String? = nil, session: String = "repl-\(UUID().uuidString.prefix(8))") {
        self.assistant = assistant
        self.editor = editor
        self.output = OutputLines(fileDescriptor: outputFD)
        self.style = style
        self.renderer = TerminalRenderer(style: style)
        self.customer = customer
        self.session = session
    }

    /// Runs until the shopper leaves; returns the process exit status.
    public func run() -> Int32 {
        guard say(style.bold(Self.welcome)) else { return 0 }
        if let customer, let opening = answer("hi", customer: customer) { guard say(opening) else { return 0 } }
        let prompt = style.bold(style.cyan("you › "))
        while true {
            switch editor.read(prompt: editor.isInteractive ? prompt : "") {
            case .endOfInput, .interrupted:
                _ = say(style.dim("Bye!"))
                return 0
            case .line(let raw):
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.isEmpty { continue }
                if !editor.isInteractive { guard say(style.dim("you › ") + TerminalText.sanitize(line)) else { return 0 } }
                if line.hasPrefix("/") && !line.hasPrefix("//") {
                    switch command(line) {
                    case .keepGoing: continue
                    case .quit: _ = say(style.dim("Bye!")); return 0
                    case .outputClosed: return 0
                    }
                }
                if let rendered = answer(line, customer: nil), !say(rendered) { return 0 }
            }
        }
    }

    /// Writes text to the terminal; false when the terminal is gone.
    private func say(_ text: String) -> Bool { output.write(text) }

    private func answer(_ line: String, customer: String?) -> String? {
        let start = DispatchTime.now().uptimeNanoseconds
        do {
            let reply = try assistant.respond(to: line, session: session, customer: customer)
            transcript.append((line, reply))
            var text = style.bold("shop › ") + renderer.render(reply)
            if debug {
                let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
                text += "\n" + style.dim(debugLine(reply, milliseconds: ms))
            }
            return text
        } catch {
            return style.red("Sorry, something went wrong on my side: \(error). Your conversation is kept; try again or /reset.")
        }
    }

    private func debugLine(_ reply: Reply, milliseconds: Double) -> String {
        guard let parse = reply.parse else { return String(format: "[debug] no parse, %.1f ms", milliseconds) }
        let entities = parse.entities.map { "\($0.entity)=\($0.value) (\($0.extractor))" }.joined(separator: ", ")
        let ranking = parse.ranking.prefix(3).map { String(format: "%@ %.2f", $0.name, $0.confidence) }.joined(separator: ", ")
        return String(format: "[debug] intent %@ %.2f · top: %@ · entities: %@ · task: %@ · %.1f ms",
                      parse.intent.name, parse.intent.confidence, ranking, entities.isEmpty ? "none" : entities, reply.task ?? "none", milliseconds)
    }

    enum Outcome { case keepGoing, quit, outputClosed }

    private func command(_ line: String) -> Outcome {
        let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        let ok: Bool
        switch parts[0].lowercased() {
        case "/help": ok = say(Self.help)
        case "/quit", "/exit", "/bye": return .quit
        case "/debug":
            debug.toggle()
            ok = say(style.dim("debug \(debug ? "on" : "off")"))
        case "/reset":
            try? assistant.reset(session)
            transcript = []
            ok = say(style.dim("Started over."))
        case "/logout":
            try? assistant.reset(session)
            session = "repl-\(UUID().uuidString.prefix(8))"
            customer = nil
            transcript = []
            ok = say(style.dim("Signed out. New conversation."))
        case "/login":
            guard !argument.isEmpty else { ok = say(style.red("Usage: /login ID (see `shopassist demo --show` for demo customers).")); break }
            do {
                guard let profile = try assistant.engine.services.customers.customer(id: argument) else {
                    ok = say(style.red("No customer with id \(TerminalText.sanitize(argument)). `shopassist demo --show` lists the demo customers."))
                    break
                }
                try? assistant.reset(session)
                session = "repl-\(UUID().uuidString.prefix(8))"
                customer = profile.id
                transcript = []
                ok = say(style.dim("Signed in as \(TerminalText.sanitize(profile.name)).")) && say(answer("hi", customer: profile.id) ?? "")
            } catch {
                ok = say(style.red("Could not sign in: \(error)"))
            }
        case "/save":
            guard !argument.isEmpty else { ok = say(style.red("Usage: /save FILE (e.g. /save Dialogues/my-test.yml)")); break }
            do {
                try DialogueRecorder.yaml(name: "recorded \(session)", customer: customer, transcript: transcript)
                    .write(toFile: argument, atomically: true, encoding: .utf8)
                ok = say(style.dim("Saved \(transcript.count) turn(s) to \(argument); run it with `shopassist test \(argument)`."))
            } catch {
                ok = say(style.red("Could not write \(argument): \(error.localizedDescription)"))
            }
        default:
            ok = say(style.red("Unknown command \(TerminalText.sanitize(parts[0])). /help lists them."))
        }
        return ok ? .keepGoing : .outputClosed
    }
}

/// Writes a conversation as a dialogue test that passes when replayed on the same demo shop.
public enum DialogueRecorder {
    /// Only facts that do not depend on the wording variant are recorded: intent,
    /// product count, comparison size, order status, cart lines and handoff.
    public static func yaml(name: String, customer: String?, transcript: [(line: String, reply: Reply)]) -> String {
        func quote(_ s: String) -> String {
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        var lines = ["name: \(quote(name))"]
        if let customer { lines += ["given:", "  customer: \(customer)"] }
        lines.append("turns:")
        for (line, reply) in transcript {
            lines.append("  - user: \(quote(line))")
            if let intent = reply.parse?.intent.name { lines.append("    intent: \(intent)") }
            if !reply.cards.isEmpty { lines.append("    products: \(reply.cards.count)") }
            if let table = reply.comparison { lines.append("    comparison: \(table.products.count)") }
            if let order = reply.order { lines.append("    order status: \(order.status)") }
            if let cart = reply.cart { lines.append("    cart lines: \(cart.lines.count)") }
            lines.append("    handoff: \(reply.handoff != nil ? "yes" : "no")")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

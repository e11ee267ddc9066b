import Foundation

/// The reply being built during one turn.
struct TurnOutput {
    let templates: TemplateBook
    let session: String
    let turn: Int
    var messages: [ReplyMessage] = []
    var suggestions: [Suggestion] = []
    var events: [DialogueEvent] = []

    mutating func say(_ key: String, _ slots: [String: String] = [:]) {
        messages.append(.text(templates.render(key, slots, session: session, turn: turn)))
    }

    func word(_ key: String, _ slots: [String: String] = [:]) -> String {
        templates.render(key, slots, session: session, turn: turn)
    }

    mutating func suggest(_ keys: [(String, String)]) {
        for (key, payload) in keys where !suggestions.contains(where: { $0.payload == payload }) {
            suggestions.append(Suggestion(title: word(key), payload: payload))
        }
    }
}

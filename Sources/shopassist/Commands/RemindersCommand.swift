import ArgumentParser
import Commerce
import Foundation

struct RemindersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reminders", abstract: "Abandoned-cart reminders that are due to be sent.",
        discussion: "Lists carts idle longer than --idle-hours whose customers allow marketing messages and were never reminded. With --mark-sent, records them so they are never listed again.")

    @OptionGroup var storeOptions: StoreOptions
    @Flag(help: "List the reminders due now.") var due = false
    @Flag(help: "One JSON object per line instead of text.") var json = false
    @Flag(help: "Record the listed reminders as sent.") var markSent = false
    @Option(help: "Hours a cart must sit untouched to count as abandoned.") var idleHours: Double = 24

    func validate() throws {
        if !due { throw ValidationError("say what to do: --due lists the reminders due now.") }
        if idleHours <= 0 { throw ValidationError("--idle-hours must be positive (got \(idleHours)).") }
    }

    func run() throws {
        let store = try ShopStore.open(at: StoreLocation.resolve(explicit: storeOptions.store))
        let service = AbandonedCartService(store: store, idle: idleHours * 3600)
        let reminders = try service.due()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        for r in reminders {
            if json {
                print(String(decoding: try encoder.encode(r), as: UTF8.self))
            } else {
                let items = r.items.map { "\($0.quantity)× \($0.title)" }.joined(separator: ", ")
                let extra = r.complementary.map(\.title).joined(separator: ", ")
                print("customer \(r.customerID) via \(r.channel) at \(String(format: "%02d", r.bestHour)):00 UTC — cart \(r.cartID): \(items); also: \(extra)")
            }
        }
        if markSent {
            let n = try service.markSent(reminders)
            printError("recorded \(n) reminder(s) as sent")
        } else {
            printError("\(reminders.count) reminder(s) due; pass --mark-sent once they are sent")
        }
    }
}

import ArgumentParser
import Commerce
import Foundation

struct CustomerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customer", abstract: "A customer's data: export it, or forget it.",
        subcommands: [Export.self, Forget.self]
    )

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print everything the store holds about a customer as one JSON document.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The customer's id.") var id: Int64

        func run() throws {
            let store = try ShopStore.open(at: StoreLocation.resolve(explicit: storeOptions.store))
            do {
                print(try CustomerDataExport(store: store).json(customerID: id))
            } catch let error as DataRightsError {
                throw ValidationError(error.description)
            }
        }
    }

    struct Forget: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase a customer's personal data (orders stay, anonymised). Needs --yes.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The customer's id.") var id: Int64
        @Flag(help: "Confirm the erasure; it cannot be undone.") var yes = false
        @Flag(help: "Also checkpoint the WAL and VACUUM so no erased bytes remain in free pages.") var compact = false

        func validate() throws {
            if !yes { throw ValidationError(DataRightsError.notConfirmed(id).description) }
        }

        func run() throws {
            let store = try ShopStore.open(at: StoreLocation.resolve(explicit: storeOptions.store))
            do {
                let summary = try CustomerErasure(store: store).forget(customerID: id)
                if compact { try CustomerErasure.compact(store) }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                print(String(decoding: try encoder.encode(summary), as: UTF8.self))
            } catch let error as DataRightsError {
                throw ValidationError(error.description)
            }
        }
    }
}

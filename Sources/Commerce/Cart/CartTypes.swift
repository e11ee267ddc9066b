import Foundation

/// Whose cart: a signed-in customer's (kept across sessions) or a guest session's.
public enum CartOwner: Sendable, Equatable, Hashable, Codable {
    case customer(id: Int64)
    case session(id: String)
}

/// One line of the cart as shown to the shopper, with the money worked out.
public struct CartLineView: Sendable, Equatable, Codable {
    public var lineID: Int64
    public var productID: Int64
    public var variantID: Int64?
    public var title: String
    /// "Red / 10" when a variant was chosen.
    public var variantTitle: String?
    public var quantity: Int
    /// The price when added, in cents.
    public var unitPriceCents: Int
    public var lineTotalCents: Int
    /// Units available now; when lower than `quantity`, `issue` says so.
    public var available: Int
    /// A problem checkout would refuse ("Only 1 left"), nil when the line is fine.
    public var issue: String?
}

/// The cart with totals, in integer cents (exact).
public struct CartView: Sendable, Equatable, Codable {
    public var lines: [CartLineView]
    /// Units in the cart.
    public var itemCount: Int
    public var subtotalCents: Int
    public var shippingCents: Int
    public var totalCents: Int
    public var currency: String
    /// How much more to spend for free shipping (0 when it is already free or the cart is empty).
    public var freeShippingRemainingCents: Int

    public var isEmpty: Bool { lines.isEmpty }
}

/// How shipping is charged: free from a threshold, a flat fee below it.
public struct ShippingPolicy: Sendable, Equatable {
    public var freeFromCents: Int
    public var flatCents: Int
    public init(freeFromCents: Int = 50_00, flatCents: Int = 5_99) {
        self.freeFromCents = freeFromCents
        self.flatCents = flatCents
    }

    /// The shipping charge for a subtotal (nothing for an empty cart).
    public func charge(subtotalCents: Int) -> Int {
        subtotalCents == 0 || subtotalCents >= freeFromCents ? 0 : flatCents
    }
}

/// Who the order goes to; required for guests, taken from the account for customers
/// (anything given here overrides the account).
public struct CheckoutDetails: Sendable, Equatable, Codable {
    public var email: String?
    public var name: String?
    public var postcode: String?
    public init(email: String? = nil, name: String? = nil, postcode: String? = nil) {
        self.email = email
        self.name = name
        self.postcode = postcode
    }
}

/// A placed order: its number and what was charged.
public struct CheckoutReceipt: Sendable, Equatable, Codable {
    public var orderNumber: String
    public var status: OrderStatus
    public var lines: [CartLineView]
    public var subtotalCents: Int
    public var shippingCents: Int
    public var totalCents: Int
    public var email: String
    public var estimatedDelivery: Date
}

/// A cart line that cannot be bought as it stands.
public struct StockShortfall: Sendable, Equatable, Codable {
    public var title: String
    public var requested: Int
    public var available: Int
}

/// Why a cart action was refused; each message says what to do.
public enum CartError: Error, Equatable, CustomStringConvertible {
    case unknownProduct(Int64)
    case unknownVariant(productTitle: String, variantID: Int64)
    case variantRequired(productTitle: String, options: [String])
    case invalidQuantity(Int)
    case notEnoughStock(title: String, requested: Int, available: Int)
    case unknownLine(Int64)
    case emptyCart
    case missingContact(field: String)
    case outOfStock([StockShortfall])

    public var description: String {
        switch self {
        case let .unknownProduct(id):
            return "There is no product \(id) in the catalog; search again and pick one from the results."
        case let .unknownVariant(title, id):
            return "The \(title) has no option \(id); choose one of its listed options."
        case let .variantRequired(title, options):
            let shown = options.prefix(6).joined(separator: ", ")
            return "The \(title) comes in several options; pick one (\(shown)\(options.count > 6 ? ", …" : ""))."
        case let .invalidQuantity(q):
            return "A quantity of \(q) is not possible; choose between 1 and 99."
        case let .notEnoughStock(title, requested, available):
            return available == 0
                ? "The \(title) is out of stock right now."
                : "Only \(available) of the \(title) \(available == 1 ? "is" : "are") left; you asked for \(requested). Lower the quantity to \(available) or less."
        case let .unknownLine(id):
            return "Line \(id) is not in your cart; view the cart to see its lines."
        case .emptyCart:
            return "Your cart is empty; add something before checking out."
        case let .missingContact(field):
            return "To check out as a guest I need your \(field) for the order confirmation."
        case let .outOfStock(shortfalls):
            let parts = shortfalls.map { s in
                s.available == 0 ? "the \(s.title) sold out" : "only \(s.available) of the \(s.title) \(s.available == 1 ? "is" : "are") left (you have \(s.requested))"
            }
            return "Checkout stopped and nothing was charged: " + parts.joined(separator: "; ") + ". Remove \(shortfalls.count == 1 ? "it" : "them") or lower the quantity, then check out again."
        }
    }
}

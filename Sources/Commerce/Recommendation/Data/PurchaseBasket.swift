/// One shopping basket: the distinct items a customer bought in one invoice or order.
///
/// The offline evaluation protocol works on baskets, whatever their source (the retail log or a store's orders).
public struct PurchaseBasket: Sendable, Equatable, Hashable {
    /// Who bought it (the customer's id as text).
    public var customer: String
    /// The invoice or order number; it breaks ties between baskets with the same time.
    public var invoice: String
    /// When it was bought: seconds since 1970-01-01 UTC (the earliest row's time).
    public var time: Int64
    /// The distinct items bought, sorted; quantities are ignored.
    public var items: [String]

    public init(customer: String, invoice: String, time: Int64, items: [String]) {
        self.customer = customer
        self.invoice = invoice
        self.time = time
        self.items = Array(Set(items)).sorted()
    }

    /// Orders baskets by time, then by invoice number (numerically when both are numbers).
    public static func chronological(_ a: PurchaseBasket, _ b: PurchaseBasket) -> Bool {
        if a.time != b.time { return a.time < b.time }
        return invoiceLess(a.invoice, b.invoice)
    }

    /// Compares invoice numbers as numbers when both are made of digits after an optional letter prefix.
    static func invoiceLess(_ a: String, _ b: String) -> Bool {
        let da = a.drop { !$0.isNumber }, db = b.drop { !$0.isNumber }
        if let na = Int(da), let nb = Int(db), na != nb { return na < nb }
        return a < b
    }
}

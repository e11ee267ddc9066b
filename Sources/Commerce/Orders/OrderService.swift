import Foundation
import GRDB

/// Order status, cancellation and returns, with the shop's access rules.
///
/// Who may see an order: a signed-in customer sees the orders on their account; a guest
/// gives the order number and the email or delivery postcode on the order. A missing
/// order, someone else's order and a wrong email/postcode all get the same
/// `OrderError.notFound`, so order numbers cannot be probed; after `throttle.maxFailures`
/// such failures within `throttle.window` one session gets `OrderError.throttled` without
/// any look-up being made. Failures are kept in the store (`order_lookup_failures`), so
/// the limit holds across processes and restarts.
///
/// ```swift
/// let orders = OrderService(store: store)
/// let details = try orders.order(OrderLookup(number: "#a10234", requester: .guest(email: "ada@example.com", postcode: nil), sessionID: "s1"))
/// details.statusText, details.shipments.first?.events, details.lateStatement
/// try orders.recentOrders(customerID: 7)       // "where is my order?"
/// try orders.cancel(lookup)                    // not shipped yet
/// try orders.startReturn(lookup, reason: "too small") // delivered ≤ 30 days ago
/// ```
public struct OrderService: Sendable {
    /// How many failed look-ups one session may make in a window.
    public struct Throttle: Sendable, Equatable {
        public var maxFailures: Int
        public var window: TimeInterval
        public init(maxFailures: Int = 5, window: TimeInterval = 600) {
            self.maxFailures = maxFailures
            self.window = window
        }
    }

    /// Days after delivery during which a return can be started.
    public static let returnWindowDays = 30

    public let store: ShopStore
    public let throttle: Throttle
    /// The current time (injected so tests and demo shops with a fixed "today" work).
    public let now: @Sendable () -> Date

    public init(store: ShopStore, throttle: Throttle = Throttle(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.throttle = throttle
        self.now = now
    }

    // MARK: - Reading

    /// The order, if the requester may see it.
    public func order(_ lookup: OrderLookup) throws -> OrderDetails {
        let number = try Self.number(lookup)
        let at = now()
        // Checking the throttle and recording a failure is a write; a success is only read.
        if let result = try store.database.read({ db -> OrderDetails? in
            guard try failuresInWindow(db, session: lookup.sessionID, at: at).count < throttle.maxFailures else { return nil }
            guard let order = try authorized(db, number: number, requester: lookup.requester) else { return nil }
            return try details(db, order: order, at: at)
        }) {
            return result
        }
        try recordFailureOrThrottle(lookup, number: number, at: at)
        throw OrderError.notFound(number: number)
    }

    /// The customer's most recent orders, newest first.
    public func recentOrders(customerID: Int64, limit: Int = 5) throws -> [OrderSummary] {
        let at = now()
        return try store.database.read { db in
            let orders = try Order.fetchAll(db.cachedStatement(sql: "SELECT * FROM orders WHERE customer_id = ? ORDER BY created_at DESC, id DESC LIMIT ?"), arguments: [customerID, limit])
            return try orders.map { order in
                let lines = try Row.fetchAll(db.cachedStatement(sql: "SELECT title, quantity FROM order_lines WHERE order_id = ? ORDER BY id"), arguments: [order.id])
                let count = lines.reduce(0) { $0 + ($1["quantity"] as Int) }
                let first: String = lines.first?["title"] ?? "Order \(order.number)"
                let headline = lines.count > 1 ? "\(first) and \(lines.count - 1) more" : first
                let shipment = try Shipment.fetchOne(db.cachedStatement(sql: "SELECT * FROM shipments WHERE order_id = ? ORDER BY id DESC LIMIT 1"), arguments: [order.id])
                let estimate = shipment?.estimatedDelivery ?? order.estimatedDelivery
                let late = Self.isLate(status: order.status, estimate: estimate, at: at)
                return OrderSummary(number: order.number, status: order.status, statusText: Self.statusText(order.status),
                                    placedAt: order.createdAt, itemCount: count, headline: headline, totalCents: order.totalCents,
                                    estimatedDelivery: estimate, isLate: late)
            }
        }
    }

    // MARK: - Acting

    /// The statuses an order can be cancelled in: it has not left the warehouse.
    public static let cancellableStatuses: [OrderStatus] = [.placed, .processing]

    /// Why an order in `status` cannot be cancelled (nil: it can be asked for). `cancel`
    /// decides for good, against the status at that moment.
    public static func cancelRefusal(number: String, status: OrderStatus) -> OrderError? {
        cancellableStatuses.contains(status) ? nil : .cannotCancel(number: number, status: status)
    }

    /// Why an order in `status` cannot be returned (nil: it can be asked for; the return
    /// window and what is left to return are checked by `startReturn`).
    public static func returnRefusal(number: String, status: OrderStatus) -> OrderError? {
        status == .delivered ? nil : .notDelivered(number: number, status: status)
    }

    /// Cancels an order that has not shipped; stock goes back on the shelf and an
    /// `order_cancelled` event is recorded, in one transaction.
    @discardableResult
    public func cancel(_ lookup: OrderLookup, reason: String = "") throws -> OrderDetails {
        let number = try Self.number(lookup)
        let at = now()
        let outcome = try store.database.write { db -> Result<OrderDetails, OrderError>? in
            guard try failuresInWindow(db, session: lookup.sessionID, at: at).count < throttle.maxFailures else { return nil }
            guard let order = try authorized(db, number: number, requester: lookup.requester), let id = order.id else { return nil }
            let cancellable = Self.cancellableStatuses.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            try db.cachedStatement(sql: "UPDATE orders SET status = 'cancelled', updated_at = ? WHERE id = ? AND status IN (\(cancellable))").execute(arguments: [at, id])
            guard db.changesCount == 1 else { return .failure(.cannotCancel(number: number, status: order.status)) }
            for line in try OrderLine.fetchAll(db.cachedStatement(sql: "SELECT * FROM order_lines WHERE order_id = ?"), arguments: [id]) {
                try Inventory.restock(db, productID: line.productId, variantID: line.variantId, quantity: line.quantity)
            }
            var event = ShopEvent(at: at, type: "order_cancelled", sessionId: lookup.sessionID, customerId: order.customerId,
                                  payload: Self.json(["order": number, "reason": reason]))
            try event.insert(db)
            return .success(try details(db, order: order, at: at))
        }
        switch outcome {
        case let .success(details)?: return details
        case let .failure(error)?: throw error
        case nil:
            try recordFailureOrThrottle(lookup, number: number, at: at)
            throw OrderError.notFound(number: number)
        }
    }

    /// Starts a return for delivered items (all remaining ones when `items` is empty),
    /// within `returnWindowDays` of delivery; writes `order_returns` rows and a `return_started` event.
    public func startReturn(_ lookup: OrderLookup, items: [ReturnItem] = [], reason: String = "") throws -> ReturnConfirmation {
        let number = try Self.number(lookup)
        let at = now()
        let outcome = try store.database.write { db -> Result<ReturnConfirmation, OrderError>? in
            guard try failuresInWindow(db, session: lookup.sessionID, at: at).count < throttle.maxFailures else { return nil }
            guard let order = try authorized(db, number: number, requester: lookup.requester), let id = order.id else { return nil }
            if let refusal = Self.returnRefusal(number: number, status: order.status) { return .failure(refusal) }
            let delivered = try Date.fetchOne(db.cachedStatement(sql: "SELECT MAX(delivered_at) FROM shipments WHERE order_id = ?"), arguments: [id]) ?? order.updatedAt
            let deadline = Self.returnDeadline(deliveredAt: delivered)
            guard at <= deadline else { return .failure(.returnWindowClosed(number: number, deadline: deadline)) }

            let lines = try OrderLine.fetchAll(db.cachedStatement(sql: "SELECT * FROM order_lines WHERE order_id = ? ORDER BY id"), arguments: [id])
            let returned = try returnedQuantities(db, orderID: id)
            var wanted: [(OrderLine, Int)] = []
            if items.isEmpty {
                wanted = lines.compactMap { line in
                    let left = line.quantity - (returned[line.id ?? -1] ?? 0)
                    return left > 0 ? (line, left) : nil
                }
            } else {
                for item in items {
                    guard let line = lines.first(where: { $0.id == item.lineID }) else { return .failure(.itemNotOnOrder(number: number, lineID: item.lineID)) }
                    let left = line.quantity - (returned[item.lineID] ?? 0)
                    let quantity = item.quantity ?? left
                    guard quantity > 0, quantity <= left else { return .failure(.tooManyToReturn(title: line.title, requested: quantity, returnable: left)) }
                    wanted.append((line, quantity))
                }
            }
            guard !wanted.isEmpty else { return .failure(.nothingToReturn(number: number)) }
            let previous = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(DISTINCT number) FROM order_returns WHERE order_id = ?"), arguments: [id]) ?? 0
            let returnNumber = "R\(number.dropFirst())-\(previous + 1)"
            var records: [ReturnRecord] = []
            for (line, quantity) in wanted {
                let refund = line.unitPriceCents * quantity
                try db.cachedStatement(sql: """
                    INSERT INTO order_returns (number, order_id, order_line_id, quantity, reason, status, refund_cents, created_at)
                    VALUES (?, ?, ?, ?, ?, 'requested', ?, ?)
                    """).execute(arguments: [returnNumber, id, line.id, quantity, reason, refund, at])
                records.append(ReturnRecord(returnNumber: returnNumber, lineID: line.id ?? 0, title: line.title, quantity: quantity,
                                            refundCents: refund, status: "requested", createdAt: at))
            }
            var event = ShopEvent(at: at, type: "return_started", sessionId: lookup.sessionID, customerId: order.customerId,
                                  payload: Self.json(["order": number, "return": returnNumber, "reason": reason]))
            try event.insert(db)
            let refund = records.reduce(0) { $0 + $1.refundCents }
            return .success(ReturnConfirmation(
                returnNumber: returnNumber, orderNumber: number, items: records, refundCents: refund,
                instructions: "Pack the item\(records.count == 1 && records[0].quantity == 1 ? "" : "s") with return number \(returnNumber) on the parcel and drop it at any carrier point by \(OrderDates.day(deadline)). \(MoneyFormat.exact(refund)) is refunded once it arrives."
            ))
        }
        switch outcome {
        case let .success(confirmation)?: return confirmation
        case let .failure(error)?: throw error
        case nil:
            try recordFailureOrThrottle(lookup, number: number, at: at)
            throw OrderError.notFound(number: number)
        }
    }

    // MARK: - Access

    static func number(_ lookup: OrderLookup) throws -> String {
        guard let number = OrderNumber.normalize(lookup.number) else { throw OrderError.invalidNumber(lookup.number) }
        if case let .guest(email, postcode) = lookup.requester,
           (email ?? "").trimmingCharacters(in: .whitespaces).isEmpty, (postcode ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw OrderError.verificationNeeded(number: number)
        }
        return number
    }

    /// The order when the requester may see it; nil for a missing order and for a wrong
    /// owner alike (same query either way, so neither answer nor timing tells them apart).
    func authorized(_ db: Database, number: String, requester: OrderRequester) throws -> Order? {
        guard let order = try Order.fetchOne(db.cachedStatement(sql: "SELECT * FROM orders WHERE number = ?"), arguments: [number]) else { return nil }
        switch requester {
        case let .customer(id):
            if order.customerId == id { return order }
            // A guest order placed with the customer's own email (before they had an account) is theirs too.
            guard order.customerId == nil,
                  let email = try String.fetchOne(db.cachedStatement(sql: "SELECT email FROM customers WHERE id = ? AND erased = 0"), arguments: [id])
            else { return nil }
            return Self.sameEmail(email, order.email) ? order : nil
        case let .guest(email, postcode):
            let emailMatches = email.map { Self.sameEmail($0, order.email) } ?? false
            let postcodeMatches = postcode.map { Self.samePostcode($0, order.shippingPostcode) } ?? false
            return emailMatches || postcodeMatches ? order : nil
        }
    }

    static func sameEmail(_ a: String, _ b: String) -> Bool {
        let x = a.trimmingCharacters(in: .whitespaces).lowercased()
        return !x.isEmpty && x == b.trimmingCharacters(in: .whitespaces).lowercased()
    }

    static func samePostcode(_ a: String, _ b: String) -> Bool {
        func norm(_ s: String) -> String { s.uppercased().filter { $0.isLetter || $0.isNumber } }
        let x = norm(a)
        return !x.isEmpty && x == norm(b)
    }

    func failuresInWindow(_ db: Database, session: String, at: Date) throws -> [Date] {
        try Date.fetchAll(db.cachedStatement(sql: "SELECT at FROM order_lookup_failures WHERE session_id = ? AND at > ? ORDER BY at"),
                          arguments: [session, at.addingTimeInterval(-throttle.window)])
    }

    /// Records one failed look-up, or throws `throttled` when the session is already at its limit.
    func recordFailureOrThrottle(_ lookup: OrderLookup, number: String, at: Date) throws {
        let recent = try store.database.write { db -> [Date] in
            let recent = try failuresInWindow(db, session: lookup.sessionID, at: at)
            if recent.count < throttle.maxFailures {
                try db.cachedStatement(sql: "INSERT INTO order_lookup_failures (session_id, at) VALUES (?, ?)").execute(arguments: [lookup.sessionID, at])
            }
            return recent
        }
        if recent.count >= throttle.maxFailures, let oldest = recent.first {
            let wait = oldest.addingTimeInterval(throttle.window).timeIntervalSince(at)
            throw OrderError.throttled(retryAfterMinutes: max(1, Int((wait / 60).rounded(.up))))
        }
    }

    // MARK: - Details

    func details(_ db: Database, order: Order, at: Date) throws -> OrderDetails {
        let id = order.id ?? -1
        // Re-read: a cancel in the same transaction has just changed it.
        let status = try String.fetchOne(db.cachedStatement(sql: "SELECT status FROM orders WHERE id = ?"), arguments: [id]).flatMap(OrderStatus.init(rawValue:)) ?? order.status
        let returned = try returnedQuantities(db, orderID: id)
        let items = try OrderLine.fetchAll(db.cachedStatement(sql: "SELECT * FROM order_lines WHERE order_id = ? ORDER BY id"), arguments: [id]).map { line in
            OrderItem(lineID: line.id ?? 0, productID: line.productId, sku: line.sku, title: line.title, quantity: line.quantity,
                      unitPriceCents: line.unitPriceCents, returnedQuantity: returned[line.id ?? -1] ?? 0)
        }
        let shipmentRows = try Shipment.fetchAll(db.cachedStatement(sql: "SELECT * FROM shipments WHERE order_id = ? ORDER BY id"), arguments: [id])
        var shipments: [ShipmentDetails] = []
        for s in shipmentRows {
            let events = try TrackingEvent.fetchAll(db.cachedStatement(sql: "SELECT * FROM tracking_events WHERE shipment_id = ? ORDER BY at, id"), arguments: [s.id]).map {
                TrackingUpdate(at: $0.at, status: $0.status, location: $0.location, description: $0.description)
            }
            shipments.append(ShipmentDetails(carrier: s.carrier, trackingNumber: s.trackingNumber, shippedAt: s.shippedAt,
                                             estimatedDelivery: s.estimatedDelivery, deliveredAt: s.deliveredAt, events: events))
        }
        let estimate = shipments.last?.estimatedDelivery ?? order.estimatedDelivery
        let late = Self.isLate(status: status, estimate: estimate, at: at)
        var statement: String? = nil
        if late {
            let exception = shipments.last?.events.last { $0.status == "exception" }
            if status == .delayed || exception != nil {
                let why = exception.map { " (\($0.description.lowercased()) on \(OrderDates.day($0.at)))" } ?? ""
                statement = "This order is running late\(why)." + (estimate.map { estimate in estimate > at ? " The carrier's new estimate is \(OrderDates.day(estimate))." : "" } ?? "")
            } else if let estimate {
                statement = "This order is late: it was due by \(OrderDates.day(estimate)) and hasn't been delivered yet."
            }
        }
        let delivered = shipments.compactMap(\.deliveredAt).max()
        var deadline: Date? = nil
        if status == .delivered, let delivered {
            let d = Self.returnDeadline(deliveredAt: delivered)
            if at <= d { deadline = d }
        }
        let returns = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT r.number, r.order_line_id, l.title, r.quantity, r.refund_cents, r.status, r.created_at
            FROM order_returns r JOIN order_lines l ON l.id = r.order_line_id WHERE r.order_id = ? ORDER BY r.id
            """), arguments: [id]).map { row in
            ReturnRecord(returnNumber: row[0], lineID: row[1], title: row[2], quantity: row[3], refundCents: row[4], status: row[5], createdAt: row[6])
        }
        return OrderDetails(
            number: order.number, status: status, statusText: Self.statusText(status), placedAt: order.createdAt,
            updatedAt: order.updatedAt, items: items, subtotalCents: order.subtotalCents, shippingCents: order.shippingCents,
            discountCents: order.discountCents, totalCents: order.totalCents, currency: order.currency, shipments: shipments,
            estimatedDelivery: estimate, isLate: late, lateStatement: statement,
            canCancel: status == .placed || status == .processing, returnDeadline: deadline, returns: returns
        )
    }

    func returnedQuantities(_ db: Database, orderID: Int64) throws -> [Int64: Int] {
        var out: [Int64: Int] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT order_line_id, SUM(quantity) FROM order_returns WHERE order_id = ? AND status != 'rejected' GROUP BY order_line_id"), arguments: [orderID]) {
            out[row[0]] = row[1]
        }
        return out
    }

    static func returnDeadline(deliveredAt: Date) -> Date {
        deliveredAt.addingTimeInterval(Double(returnWindowDays) * 86_400)
    }

    static func isLate(status: OrderStatus, estimate: Date?, at: Date) -> Bool {
        switch status {
        case .delayed: return true
        case .placed, .processing, .shipped, .outForDelivery: return estimate.map { $0 < at } ?? false
        case .delivered, .cancelled, .returned: return false
        }
    }

    /// The status in words a shopper understands.
    public static func statusText(_ status: OrderStatus) -> String {
        switch status {
        case .placed: "Placed, waiting to be processed"
        case .processing: "Being prepared in the warehouse"
        case .shipped: "Shipped, on its way"
        case .outForDelivery: "Out for delivery today"
        case .delivered: "Delivered"
        case .delayed: "Delayed in transit"
        case .cancelled: "Cancelled"
        case .returned: "Returned"
        }
    }

    static func json(_ object: [String: String]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

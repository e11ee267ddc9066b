/// The leave-last-basket-out split of the offline protocol.
///
/// Every customer with at least two baskets has their last basket (by time; ties: the larger invoice number)
/// held out; all other baskets of all customers are training. A held-out customer is evaluated only on the
/// items of that basket they never bought in training. The same rule applied to the training baskets gives
/// the validation split used for tuning, so the test baskets are never looked at while tuning.
public struct HoldoutSplit: Sendable {
    /// The baskets to train on, in chronological order.
    public var training: [PurchaseBasket]
    /// The held-out basket of each customer with at least two baskets.
    public var heldOut: [String: PurchaseBasket]
    /// What each evaluated customer should be recommended: held-out items new to them. Never empty.
    public var targets: [String: Set<String>]

    /// Splits baskets by holding out each customer's last one.
    public init(_ baskets: [PurchaseBasket]) {
        var byCustomer: [String: [PurchaseBasket]] = [:]
        for basket in baskets { byCustomer[basket.customer, default: []].append(basket) }
        var training: [PurchaseBasket] = []
        training.reserveCapacity(baskets.count)
        var heldOut: [String: PurchaseBasket] = [:]
        var targets: [String: Set<String>] = [:]
        for (customer, list) in byCustomer {
            let ordered = list.sorted(by: PurchaseBasket.chronological)
            guard ordered.count >= 2, let last = ordered.last else {
                training.append(contentsOf: ordered)
                continue
            }
            let earlier = ordered.dropLast()
            training.append(contentsOf: earlier)
            heldOut[customer] = last
            var bought: Set<String> = []
            for basket in earlier { bought.formUnion(basket.items) }
            let new = Set(last.items).subtracting(bought)
            if !new.isEmpty { targets[customer] = new }
        }
        self.training = training.sorted(by: PurchaseBasket.chronological)
        self.heldOut = heldOut
        self.targets = targets
    }

    /// The split of this split's training baskets made the same way: what tuning may look at.
    public var validation: HoldoutSplit { HoldoutSplit(training) }
}

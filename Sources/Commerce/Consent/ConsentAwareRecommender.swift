import Foundation

/// Recommendations that use a customer's history only with their personalization consent.
///
/// Why a wrapper: the recommender honours `RecommendationRequest.personalized` but does not know
/// about consent; this asks `ConsentService` on every call, so "stop personalizing" takes effect
/// on the very next recommendation.
public struct ConsentAwareRecommender: Sendable {
    public let recommender: RecommendationService
    public let consent: ConsentService

    public init(recommender: RecommendationService, consent: ConsentService) {
        self.recommender = recommender
        self.consent = consent
    }

    /// Recommends, with `personalized` forced off (and the customer id dropped) without consent.
    public func recommend(_ request: RecommendationRequest) throws -> RecommendationResult {
        var request = request
        if let id = request.customerID, try !consent.state(customerID: id).personalization {
            request.personalized = false
            request.customerID = nil
        }
        return try recommender.recommend(request)
    }
}

extension RecommendationReason {
    /// True when the reason comes from the shopper's own history or tier.
    public var isPersonal: Bool {
        switch self {
        case .becauseYouBought, .similarToYours, .buyAgain, .popularWithSegment: return true
        case .oftenBoughtWith, .similarTo, .topRated, .popular: return false
        }
    }
}

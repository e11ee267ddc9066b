import Foundation
import GRDB

extension SearchService {
    /// A service over an index already built from `store`.
    init(store: ShopStore, index: CatalogIndex, textEngine: TextEngine = .memory) {
        self.store = store
        self.index = index
        self.textEngine = textEngine
    }

    /// Starts building the service's index on a thread of its own, from the catalog as it
    /// is when this returns; `.value` waits for it. Start-up uses this so the prompt does
    /// not wait for the index (the first search does, when it comes before the index is done).
    /// With `after`, the build waits for that first (its snapshot is already taken).
    public static func building(_ store: ShopStore, textEngine: TextEngine = .memory, after previous: (@Sendable () -> Void)? = nil) -> BackgroundValue<SearchService> {
        BackgroundValue(name: "shopassist.search-index", reading: store) { db in
            previous?()
            return SearchService(store: store, index: try CatalogIndex.build(db), textEngine: textEngine)
        }
    }
}

extension RecommendationService {
    /// Starts loading the index on a thread of its own, from the store as it is when this
    /// returns; `.value` waits for it (see `SearchService.building`). With `after`, the
    /// loading itself waits for that first (start-up builds the search index first: on two
    /// cores, one is the prompt's and one the indexes', and a first turn is most often a search).
    public static func loading(_ store: ShopStore, after previous: (@Sendable () -> Void)? = nil) -> BackgroundValue<RecommendationService> {
        BackgroundValue(name: "shopassist.recommendation-index", reading: store) { db in
            previous?()
            return RecommendationService(store: store, index: try RecommendationIndex.load(db))
        }
    }
}

import Foundation
@testable import NLU

/// A small shop NLU data set written for the tests: 4 intents, entities, a lookup and a synonym.
enum EngineFixtures {
    static let yaml = """
    version: "3.1"
    nlu:
    - intent: search_product
      examples: |
        - show me [red](color) shoes
        - i want [blue](color) sneakers
        - do you have [black](color) boots
        - find [green](color) jackets
        - looking for [white](color) shirts
        - any [red](color) dresses
        - show [navy](color) trousers please
        - i need [black](color) socks
        - search for [blue](color) hats
        - do you sell [green](color) scarves
        - [adidas](brand) running shoes
        - show me [nike](brand) sneakers
        - i want [puma](brand) shorts
        - find [adidas](brand) jackets in [black](color)
        - something from [nike](brand) in [white](color)
        - got any [puma](brand) boots
    - intent: order_status
      examples: |
        - where is my order
        - track my package
        - when will my order arrive
        - has my parcel shipped yet
        - what is the status of my delivery
        - my order has not arrived
        - where is my parcel
        - is my package on the way
        - tracking number for my order
        - check delivery status
        - when does my shipment come
        - my delivery is late
    - intent: greet
      examples: |
        - hello
        - hi there
        - hey
        - good morning
        - good evening
        - hello there
        - hi
        - hey there
        - morning
        - greetings
        - hiya
        - good afternoon
    - intent: thanks
      examples: |
        - thanks
        - thank you
        - thanks a lot
        - many thanks
        - thank you so much
        - cheers
        - thx
        - much appreciated
        - thanks for the help
        - thank you very much
        - ta
        - appreciate it
    - lookup: brand
      examples: |
        - adidas
        - nike
        - puma
    - synonym: blue
      examples: |
        - navy
    """

    static func data() throws -> TrainingData {
        try TrainingDataLoader().load(yaml: yaml, file: "fixture.yml").data
    }

    /// Lines the engine never saw, with their intents.
    static let heldOut: [(String, String)] = [
        ("show me black sneakers", "search_product"),
        ("i want green boots", "search_product"),
        ("where is my package", "order_status"),
        ("when will my parcel arrive", "order_status"),
        ("hello there friend", "greet"),
        ("good morning", "greet"),
        ("thank you a lot", "thanks"),
        ("many thanks for the help", "thanks"),
    ]

    /// A small configuration so that debug-build tests stay fast.
    static var config: NLUConfig {
        var c = NLUConfig()
        c.intent.model.epochs = 20
        c.tagger.epochs = 10
        return c
    }

    static func engine() throws -> NLUEngine { try NLUEngine.train(try data(), config: config) }
}

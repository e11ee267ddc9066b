import Foundation

/// One typed attribute a demo category gives its products.
struct DemoAttributeSpec: Sendable {
    enum Kind: Sendable {
        /// A number in min...max rounded to `step`; premium products lean to the better end.
        case number(min: Double, max: Double, step: Double)
        /// Yes/no; `probability` at the budget end, rising with quality when `better` is set.
        case flag(probability: Double, titleWord: String?)
        /// One of the options; `titleWords` puts the choice into the title ("Trail").
        case choice([String], titleWords: Bool)
    }

    var name: String
    var kind: Kind
    var unit: String?
    var better: AttributeDirection?
    /// How the value reads in a description, `%@` replaced by the value with its unit.
    var phrase: String
}

/// A demo product category: its brands, models, price range, attributes and variants.
struct DemoCategorySpec: Sendable {
    var name: String
    var code: String
    /// The noun that ends a title ("Running Shoe").
    var noun: String
    var brands: [String]
    var models: [String]
    /// Price range in whole currency units.
    var priceRange: ClosedRange<Int>
    var attributes: [DemoAttributeSpec]
    var colors: [String]
    /// How many colors a product comes in at most (0: no color variants).
    var maxColors: Int
    var sizes: [String]
    var material: String?
    var tags: [String]
    /// Categories bought with this one (laptop → sleeve), by name.
    var complements: [String]
    /// Bought again and again (coffee beans, socks).
    var consumable: Bool
    /// How often the category is bought relative to the others.
    var demand: Double
    var blurbs: [String]
}

/// The invented catalog the demo shop draws from. Brand names are made up; none is meant
/// to be a real trademark.
enum DemoCatalogSpec {
    static let categories: [DemoCategorySpec] = [
        DemoCategorySpec(
            name: "Headphones", code: "HPH", noun: "Headphones",
            brands: ["Hushford", "Auralis", "Tembre", "Quietwave", "Sonmoor"],
            models: ["QuietPro", "Arc", "Studio", "Pulse", "Drift", "Echo", "Halo", "Nomad", "Cadence", "Vera"],
            priceRange: 19...449,
            attributes: [
                .init(name: "battery_life", kind: .number(min: 8, max: 60, step: 1), unit: "h", better: .higher, phrase: "up to %@ of battery"),
                .init(name: "noise_cancelling", kind: .flag(probability: 0.25, titleWord: "Noise Cancelling"), unit: nil, better: .higher, phrase: "active noise cancelling: %@"),
                .init(name: "wireless", kind: .flag(probability: 0.7, titleWord: "Wireless"), unit: nil, better: .higher, phrase: "wireless: %@"),
                .init(name: "weight", kind: .number(min: 160, max: 390, step: 5), unit: "g", better: .lower, phrase: "a weight of %@"),
                .init(name: "form_factor", kind: .choice(["over-ear", "on-ear", "in-ear"], titleWords: false), unit: nil, better: nil, phrase: "an %@ fit"),
            ],
            colors: ["Black", "White", "Silver", "Navy", "Rose"], maxColors: 3, sizes: [], material: nil,
            tags: ["audio", "music", "bluetooth", "travel", "commute"],
            complements: ["Headphone Cases"], consumable: false, demand: 1.3,
            blurbs: ["Tuned for long commutes and quiet focus.", "Soft memory-foam cushions for all-day wear.", "Folds flat to slip into a bag."]
        ),
        DemoCategorySpec(
            name: "Laptops", code: "LAP", noun: "Laptop",
            brands: ["Corvanta", "Lumetric", "Zenbyte", "Altrion", "Keystra"],
            models: ["Air", "Pro", "Flex", "Book", "Edge", "Slate", "Vector", "Nova", "Atlas", "Quill"],
            priceRange: 399...2999,
            attributes: [
                .init(name: "ram", kind: .number(min: 8, max: 64, step: 8), unit: "GB", better: .higher, phrase: "%@ of RAM"),
                .init(name: "storage", kind: .number(min: 256, max: 2048, step: 256), unit: "GB", better: .higher, phrase: "%@ of SSD storage"),
                .init(name: "screen_size", kind: .choice(["13.3", "14", "15.6", "16", "17.3"], titleWords: false), unit: "in", better: nil, phrase: "a %@ display"),
                .init(name: "weight", kind: .number(min: 0.9, max: 2.8, step: 0.1), unit: "kg", better: .lower, phrase: "weighs %@"),
                .init(name: "battery_life", kind: .number(min: 6, max: 22, step: 1), unit: "h", better: .higher, phrase: "up to %@ of battery"),
                .init(name: "processor", kind: .choice(["4-core", "6-core", "8-core", "10-core", "12-core"], titleWords: false), unit: nil, better: nil, phrase: "a %@ processor"),
            ],
            colors: ["Space Grey", "Silver", "Midnight", "Graphite"], maxColors: 2, sizes: [], material: "aluminium",
            tags: ["computer", "notebook", "work", "study", "ultrabook"],
            complements: ["Laptop Sleeves", "Backpacks", "Monitors"], consumable: false, demand: 0.9,
            blurbs: ["Built for work on the move.", "A backlit keyboard and a bright, anti-glare screen.", "Charges over USB-C."]
        ),
        DemoCategorySpec(
            name: "Running Shoes", code: "RUN", noun: "Running Shoe",
            brands: ["Stridewell", "Northpeak", "Trailkin", "Runvale", "Veloro"],
            models: ["Trailblaze", "Swift", "Tempo", "Glide", "Ridge", "Surge", "Cloudstep", "Pacer", "Summit", "Rove"],
            priceRange: 59...219,
            attributes: [
                .init(name: "drop", kind: .number(min: 0, max: 12, step: 2), unit: "mm", better: nil, phrase: "a %@ heel-to-toe drop"),
                .init(name: "weight", kind: .number(min: 190, max: 340, step: 5), unit: "g", better: .lower, phrase: "a weight of %@"),
                .init(name: "terrain", kind: .choice(["Road", "Trail"], titleWords: true), unit: nil, better: nil, phrase: "made for %@ running"),
                .init(name: "waterproof", kind: .flag(probability: 0.2, titleWord: "Waterproof"), unit: nil, better: .higher, phrase: "waterproof: %@"),
                .init(name: "cushioning", kind: .choice(["firm", "balanced", "plush"], titleWords: false), unit: nil, better: nil, phrase: "%@ cushioning"),
            ],
            colors: ["Black", "Blue", "Red", "Grey", "Volt", "White"], maxColors: 2,
            sizes: ["6", "7", "8", "9", "10", "11", "12"], material: "mesh",
            tags: ["running", "sneakers", "trainers", "jogging", "marathon"],
            complements: ["Running Socks", "Energy Gels", "Smartwatches"], consumable: false, demand: 1.4,
            blurbs: ["A grippy outsole for wet mornings.", "Breathable mesh upper with a locked-in heel.", "Light enough for race day, tough enough for daily miles."]
        ),
        DemoCategorySpec(
            name: "Smartphones", code: "PHN", noun: "Smartphone",
            brands: ["Nimbra", "Orvexa", "Pixalon", "Solvane"],
            models: ["One", "Lite", "Max", "Mini", "Ultra", "Neo", "Prime", "Spark"],
            priceRange: 149...1299,
            attributes: [
                .init(name: "storage", kind: .number(min: 64, max: 512, step: 64), unit: "GB", better: .higher, phrase: "%@ of storage"),
                .init(name: "screen_size", kind: .number(min: 5.8, max: 6.9, step: 0.1), unit: "in", better: nil, phrase: "a %@ screen"),
                .init(name: "battery_capacity", kind: .number(min: 3000, max: 5500, step: 100), unit: "mAh", better: .higher, phrase: "a %@ battery"),
                .init(name: "camera", kind: .number(min: 12, max: 200, step: 4), unit: "MP", better: .higher, phrase: "a %@ main camera"),
                .init(name: "weight", kind: .number(min: 150, max: 240, step: 1), unit: "g", better: .lower, phrase: "a weight of %@"),
                .init(name: "5g", kind: .flag(probability: 0.6, titleWord: "5G"), unit: nil, better: .higher, phrase: "5G: %@"),
            ],
            colors: ["Black", "Blue", "Green", "Lavender", "White"], maxColors: 3, sizes: [], material: nil,
            tags: ["phone", "mobile", "android", "camera", "cell"],
            complements: ["Phone Cases", "Headphones"], consumable: false, demand: 1.0,
            blurbs: ["All-day battery and fast charging.", "A bright OLED screen that stays readable in the sun.", "Takes sharp photos at night."]
        ),
        DemoCategorySpec(
            name: "Coffee Makers", code: "COF", noun: "Coffee Maker",
            brands: ["Kettlewick", "Baristo", "Crema & Co", "Morrow"],
            models: ["Morning", "Brewline", "Dolce", "Roast", "Pour", "Ember", "Velvet", "Daybreak"],
            priceRange: 25...899,
            attributes: [
                .init(name: "capacity", kind: .number(min: 1, max: 14, step: 1), unit: "cups", better: .higher, phrase: "brews %@"),
                .init(name: "power", kind: .number(min: 800, max: 1800, step: 50), unit: "W", better: nil, phrase: "%@ of power"),
                .init(name: "brew_time", kind: .number(min: 2, max: 10, step: 1), unit: "min", better: .lower, phrase: "a full pot in %@"),
                .init(name: "programmable", kind: .flag(probability: 0.4, titleWord: "Programmable"), unit: nil, better: .higher, phrase: "programmable: %@"),
                .init(name: "type", kind: .choice(["Drip", "Espresso", "Pour-Over", "French Press"], titleWords: true), unit: nil, better: nil, phrase: "a %@ brewer"),
            ],
            colors: ["Black", "Stainless", "Cream", "Red"], maxColors: 2, sizes: [], material: "stainless steel",
            tags: ["coffee", "kitchen", "espresso", "brew", "appliance"],
            complements: ["Coffee Beans"], consumable: false, demand: 0.8,
            blurbs: ["Keeps coffee hot for two hours.", "Easy to descale and clean.", "A reusable filter comes in the box."]
        ),
        DemoCategorySpec(
            name: "Backpacks", code: "BAG", noun: "Backpack",
            brands: ["Cairnwood", "Alder & Pike", "Summitry", "Glacier Fox"],
            models: ["Daypack", "Commuter", "Voyager", "Scout", "Rambler", "Transit", "Venture", "Hiker"],
            priceRange: 35...249,
            attributes: [
                .init(name: "capacity", kind: .number(min: 15, max: 45, step: 5), unit: "L", better: nil, phrase: "%@ of space"),
                .init(name: "weight", kind: .number(min: 450, max: 1600, step: 50), unit: "g", better: .lower, phrase: "a weight of %@"),
                .init(name: "waterproof", kind: .flag(probability: 0.3, titleWord: "Waterproof"), unit: nil, better: .higher, phrase: "waterproof: %@"),
                .init(name: "laptop_sleeve", kind: .number(min: 0, max: 17, step: 1), unit: "in", better: .higher, phrase: "fits a laptop up to %@"),
            ],
            colors: ["Black", "Olive", "Navy", "Grey", "Rust"], maxColors: 3, sizes: [], material: "recycled nylon",
            tags: ["bag", "rucksack", "travel", "hiking", "school"],
            complements: ["Laptop Sleeves", "Tents"], consumable: false, demand: 0.8,
            blurbs: ["A padded back panel that breathes.", "Hidden pocket for a passport.", "Made from recycled fabric."]
        ),
        DemoCategorySpec(
            name: "Smartwatches", code: "WAT", noun: "Smartwatch",
            brands: ["Tempora", "Pulsewise", "Chronyx", "Nimbra"],
            models: ["Active", "Sport", "Classic", "Fit", "Trek", "Core", "Lumen"],
            priceRange: 79...799,
            attributes: [
                .init(name: "battery_life", kind: .number(min: 1, max: 21, step: 1), unit: "days", better: .higher, phrase: "%@ of battery"),
                .init(name: "water_resistance", kind: .number(min: 30, max: 100, step: 10), unit: "m", better: .higher, phrase: "water resistant to %@"),
                .init(name: "gps", kind: .flag(probability: 0.5, titleWord: "GPS"), unit: nil, better: .higher, phrase: "built-in GPS: %@"),
                .init(name: "weight", kind: .number(min: 28, max: 75, step: 1), unit: "g", better: .lower, phrase: "a weight of %@"),
                .init(name: "screen_size", kind: .number(min: 1.2, max: 1.9, step: 0.1), unit: "in", better: nil, phrase: "a %@ screen"),
            ],
            colors: ["Black", "Silver", "Rose Gold", "Blue"], maxColors: 3, sizes: ["S", "M", "L"], material: nil,
            tags: ["watch", "fitness", "tracker", "wearable", "heart rate"],
            complements: ["Running Shoes"], consumable: false, demand: 0.8,
            blurbs: ["Tracks sleep, heart rate and steps.", "Pay with your wrist.", "Swappable bands in seconds."]
        ),
        DemoCategorySpec(
            name: "Tents", code: "TNT", noun: "Tent",
            brands: ["Summitry", "Glacier Fox", "Cairnwood", "Wildmere"],
            models: ["Basecamp", "Alpine", "Meadow", "Horizon", "Bivvy", "Ranger", "Canyon"],
            priceRange: 69...699,
            attributes: [
                .init(name: "capacity", kind: .number(min: 1, max: 6, step: 1), unit: "persons", better: nil, phrase: "sleeps %@"),
                .init(name: "weight", kind: .number(min: 0.9, max: 6.5, step: 0.1), unit: "kg", better: .lower, phrase: "a packed weight of %@"),
                .init(name: "waterproof_rating", kind: .number(min: 1500, max: 5000, step: 500), unit: "mm", better: .higher, phrase: "a %@ hydrostatic head"),
                .init(name: "season", kind: .choice(["3-Season", "4-Season"], titleWords: true), unit: nil, better: nil, phrase: "a %@ design"),
            ],
            colors: ["Green", "Orange", "Sand"], maxColors: 1, sizes: [], material: "ripstop polyester",
            tags: ["camping", "outdoor", "hiking", "shelter", "backpacking"],
            complements: ["Backpacks", "Rain Jackets"], consumable: false, demand: 0.5,
            blurbs: ["Pitches in under five minutes.", "Two doors and two porches.", "Taped seams keep storms out."]
        ),
        DemoCategorySpec(
            name: "Blenders", code: "BLN", noun: "Blender",
            brands: ["Vortiq", "Kitchora", "Whirlden"],
            models: ["Pulse", "Smoothie", "Pro", "Compact", "Vortex", "Chef"],
            priceRange: 29...549,
            attributes: [
                .init(name: "power", kind: .number(min: 300, max: 1800, step: 100), unit: "W", better: .higher, phrase: "a %@ motor"),
                .init(name: "capacity", kind: .number(min: 0.5, max: 2.2, step: 0.1), unit: "L", better: .higher, phrase: "a %@ jar"),
                .init(name: "speeds", kind: .number(min: 2, max: 10, step: 1), unit: nil, better: .higher, phrase: "%@ speeds"),
                .init(name: "noise", kind: .number(min: 78, max: 98, step: 1), unit: "dB", better: .lower, phrase: "%@ at full speed"),
            ],
            colors: ["Black", "White", "Red", "Sage"], maxColors: 2, sizes: [], material: nil,
            tags: ["kitchen", "smoothie", "appliance", "juice", "mixer"],
            complements: [], consumable: false, demand: 0.5,
            blurbs: ["Crushes ice in seconds.", "Dishwasher-safe jar.", "A tamper for thick smoothie bowls."]
        ),
        DemoCategorySpec(
            name: "Office Chairs", code: "CHR", noun: "Office Chair",
            brands: ["Ergonest", "Sitwell", "Posturo"],
            models: ["Task", "Executive", "Mesh", "Contour", "Balance", "Focus"],
            priceRange: 89...1199,
            attributes: [
                .init(name: "max_load", kind: .number(min: 100, max: 180, step: 10), unit: "kg", better: .higher, phrase: "holds up to %@"),
                .init(name: "weight", kind: .number(min: 11, max: 26, step: 1), unit: "kg", better: nil, phrase: "weighs %@"),
                .init(name: "adjustable_armrests", kind: .flag(probability: 0.5, titleWord: nil), unit: nil, better: .higher, phrase: "adjustable armrests: %@"),
                .init(name: "lumbar_support", kind: .flag(probability: 0.5, titleWord: "Ergonomic"), unit: nil, better: .higher, phrase: "lumbar support: %@"),
                .init(name: "warranty", kind: .number(min: 1, max: 12, step: 1), unit: "years", better: .higher, phrase: "a %@ warranty"),
            ],
            colors: ["Black", "Grey", "Blue"], maxColors: 2, sizes: [], material: "mesh",
            tags: ["office", "desk", "furniture", "work from home", "seating"],
            complements: ["Monitors"], consumable: false, demand: 0.4,
            blurbs: ["Breathable mesh back.", "Tilt lock and seat-depth adjustment.", "Smooth-rolling casters for hard floors."]
        ),
        DemoCategorySpec(
            name: "Monitors", code: "MON", noun: "Monitor",
            brands: ["Viewtra", "Pixelmoor", "Lumetric"],
            models: ["Clarity", "Vision", "Panorama", "Studio", "Gamer", "Crisp"],
            priceRange: 119...1499,
            attributes: [
                .init(name: "screen_size", kind: .choice(["24", "27", "32", "34"], titleWords: false), unit: "in", better: nil, phrase: "a %@ screen"),
                .init(name: "resolution", kind: .choice(["1080p", "1440p", "4K"], titleWords: true), unit: nil, better: nil, phrase: "%@ resolution"),
                .init(name: "refresh_rate", kind: .number(min: 60, max: 240, step: 15), unit: "Hz", better: .higher, phrase: "a %@ refresh rate"),
                .init(name: "response_time", kind: .number(min: 1, max: 8, step: 1), unit: "ms", better: .lower, phrase: "a %@ response time"),
                .init(name: "panel", kind: .choice(["IPS", "VA", "OLED"], titleWords: false), unit: nil, better: nil, phrase: "an %@ panel"),
            ],
            colors: [], maxColors: 0, sizes: [], material: nil,
            tags: ["display", "screen", "gaming", "office", "computer"],
            complements: ["Office Chairs"], consumable: false, demand: 0.6,
            blurbs: ["Height-adjustable stand.", "Low blue light for long sessions.", "USB-C with 65 W charging."]
        ),
        DemoCategorySpec(
            name: "Action Cameras", code: "CAM", noun: "Action Camera",
            brands: ["Gravix", "Kinetra"],
            models: ["Hero", "Rush", "Dive", "Apex", "Flux"],
            priceRange: 79...549,
            attributes: [
                .init(name: "video_resolution", kind: .choice(["1080p", "4K", "5K"], titleWords: true), unit: nil, better: nil, phrase: "records %@ video"),
                .init(name: "battery_life", kind: .number(min: 60, max: 180, step: 10), unit: "min", better: .higher, phrase: "%@ of recording"),
                .init(name: "waterproof_depth", kind: .number(min: 5, max: 40, step: 5), unit: "m", better: .higher, phrase: "waterproof to %@"),
                .init(name: "weight", kind: .number(min: 95, max: 180, step: 5), unit: "g", better: .lower, phrase: "a weight of %@"),
            ],
            colors: ["Black"], maxColors: 1, sizes: [], material: nil,
            tags: ["camera", "video", "vlog", "outdoor", "sports"],
            complements: [], consumable: false, demand: 0.4,
            blurbs: ["Stabilisation that smooths out trails.", "Voice control and a front screen.", "Mounts included."]
        ),
        DemoCategorySpec(
            name: "Vacuum Cleaners", code: "VAC", noun: "Vacuum Cleaner",
            brands: ["Dustral", "Cleanova", "Whirlden"],
            models: ["Cyclone", "Stick", "Breeze", "Turbo", "Pet", "Spotless"],
            priceRange: 79...799,
            attributes: [
                .init(name: "suction", kind: .number(min: 8000, max: 26000, step: 1000), unit: "Pa", better: .higher, phrase: "%@ of suction"),
                .init(name: "battery_life", kind: .number(min: 20, max: 90, step: 5), unit: "min", better: .higher, phrase: "runs for %@"),
                .init(name: "noise", kind: .number(min: 62, max: 84, step: 1), unit: "dB", better: .lower, phrase: "%@ when running"),
                .init(name: "weight", kind: .number(min: 1.5, max: 6, step: 0.1), unit: "kg", better: .lower, phrase: "weighs %@"),
                .init(name: "cordless", kind: .flag(probability: 0.6, titleWord: "Cordless"), unit: nil, better: .higher, phrase: "cordless: %@"),
            ],
            colors: ["Grey", "Purple", "Red"], maxColors: 1, sizes: [], material: nil,
            tags: ["cleaning", "home", "floor", "pet hair", "appliance"],
            complements: ["Vacuum Bags"], consumable: false, demand: 0.5,
            blurbs: ["Picks up pet hair from carpets.", "A HEPA filter traps fine dust.", "Converts to a handheld."]
        ),
        DemoCategorySpec(
            name: "Rain Jackets", code: "JKT", noun: "Rain Jacket",
            brands: ["Northpeak", "Glacier Fox", "Wildmere", "Alder & Pike"],
            models: ["Storm", "Drizzle", "Squall", "Cloudburst", "Monsoon", "Gale"],
            priceRange: 49...399,
            attributes: [
                .init(name: "waterproof_rating", kind: .number(min: 5000, max: 30000, step: 5000), unit: "mm", better: .higher, phrase: "a %@ waterproof rating"),
                .init(name: "weight", kind: .number(min: 180, max: 650, step: 10), unit: "g", better: .lower, phrase: "a weight of %@"),
                .init(name: "packable", kind: .flag(probability: 0.5, titleWord: "Packable"), unit: nil, better: .higher, phrase: "packs into its pocket: %@"),
                .init(name: "hood", kind: .flag(probability: 0.85, titleWord: nil), unit: nil, better: .higher, phrase: "hood: %@"),
            ],
            colors: ["Black", "Yellow", "Navy", "Red", "Olive"], maxColors: 3, sizes: ["XS", "S", "M", "L", "XL"], material: "nylon",
            tags: ["jacket", "raincoat", "outdoor", "hiking", "waterproof"],
            complements: ["Backpacks"], consumable: false, demand: 0.7,
            blurbs: ["Pit zips let the heat out.", "Fully taped seams.", "An adjustable hood that turns with your head."]
        ),
        DemoCategorySpec(
            name: "Laptop Sleeves", code: "SLV", noun: "Laptop Sleeve",
            brands: ["Cushcase", "Threadline", "Alder & Pike"],
            models: ["Snug", "Shell", "Folio", "Padded", "Slim"],
            priceRange: 15...69,
            attributes: [
                .init(name: "fits_screen", kind: .choice(["13", "14", "15", "16"], titleWords: false), unit: "in", better: nil, phrase: "fits %@ laptops"),
                .init(name: "water_resistant", kind: .flag(probability: 0.5, titleWord: nil), unit: nil, better: .higher, phrase: "water resistant: %@"),
            ],
            colors: ["Black", "Grey", "Navy", "Tan"], maxColors: 3, sizes: [], material: "neoprene",
            tags: ["laptop", "sleeve", "case", "protection", "accessory"],
            complements: [], consumable: false, demand: 0.3,
            blurbs: ["Soft lining protects the screen.", "A zip pocket for the charger."]
        ),
        DemoCategorySpec(
            name: "Running Socks", code: "SCK", noun: "Running Socks",
            brands: ["Threadline", "Stridewell", "Runvale"],
            models: ["Cushion", "Ultralight", "Merino", "Compression", "No-Show"],
            priceRange: 9...29,
            attributes: [
                .init(name: "pairs", kind: .number(min: 1, max: 6, step: 1), unit: "pairs", better: .higher, phrase: "%@ in a pack"),
                .init(name: "cushioning", kind: .choice(["light", "medium", "heavy"], titleWords: false), unit: nil, better: nil, phrase: "%@ cushioning"),
            ],
            colors: ["Black", "White", "Grey"], maxColors: 2, sizes: ["S", "M", "L"], material: "merino blend",
            tags: ["socks", "running", "blister free", "apparel", "accessory"],
            complements: [], consumable: true, demand: 0.6,
            blurbs: ["Seamless toe, no blisters.", "Wicks sweat on hot runs."]
        ),
        DemoCategorySpec(
            name: "Coffee Beans", code: "BNS", noun: "Coffee Beans",
            brands: ["Morrow", "Crema & Co", "Highgrove Roasters"],
            models: ["House Blend", "Dark Roast", "Single Origin", "Espresso Roast", "Decaf", "Breakfast Blend"],
            priceRange: 9...39,
            attributes: [
                .init(name: "weight", kind: .number(min: 250, max: 1000, step: 250), unit: "g", better: .higher, phrase: "a %@ bag"),
                .init(name: "roast", kind: .choice(["light", "medium", "dark"], titleWords: false), unit: nil, better: nil, phrase: "a %@ roast"),
                .init(name: "organic", kind: .flag(probability: 0.4, titleWord: "Organic"), unit: nil, better: .higher, phrase: "organic: %@"),
            ],
            colors: [], maxColors: 0, sizes: [], material: nil,
            tags: ["coffee", "beans", "espresso", "roast", "arabica"],
            complements: [], consumable: true, demand: 0.9,
            blurbs: ["Notes of chocolate and cherry.", "Roasted to order every week."]
        ),
        DemoCategorySpec(
            name: "Phone Cases", code: "CAS", noun: "Phone Case",
            brands: ["Cushcase", "Guardly", "Threadline"],
            models: ["Armor", "Clear", "Grip", "Slim", "Wallet", "Rugged"],
            priceRange: 12...59,
            attributes: [
                .init(name: "drop_protection", kind: .number(min: 1, max: 4, step: 0.5), unit: "m", better: .higher, phrase: "drop tested from %@"),
                .init(name: "magnetic", kind: .flag(probability: 0.5, titleWord: "Magnetic"), unit: nil, better: .higher, phrase: "magnetic: %@"),
            ],
            colors: ["Black", "Clear", "Blue", "Pink", "Green"], maxColors: 3, sizes: [], material: "silicone",
            tags: ["phone", "case", "cover", "protection", "accessory"],
            complements: [], consumable: false, demand: 0.5,
            blurbs: ["Raised edges protect the camera.", "Wireless charging passes through."]
        ),
        DemoCategorySpec(
            name: "Energy Gels", code: "GEL", noun: "Energy Gels",
            brands: ["Fuelhaus", "Runvale"],
            models: ["Citrus", "Berry", "Salted Caramel", "Espresso", "Tropical"],
            priceRange: 12...36,
            attributes: [
                .init(name: "pack_size", kind: .number(min: 6, max: 24, step: 6), unit: "gels", better: .higher, phrase: "%@ per box"),
                .init(name: "caffeine", kind: .flag(probability: 0.4, titleWord: "Caffeinated"), unit: nil, better: nil, phrase: "caffeine: %@"),
            ],
            colors: [], maxColors: 0, sizes: [], material: nil,
            tags: ["nutrition", "running", "energy", "endurance", "carbs"],
            complements: [], consumable: true, demand: 0.4,
            blurbs: ["Easy on the stomach.", "30 g of carbs per gel."]
        ),
        DemoCategorySpec(
            name: "Headphone Cases", code: "HPC", noun: "Headphone Case",
            brands: ["Cushcase", "Guardly"],
            models: ["Travel", "Hardshell", "Pocket"],
            priceRange: 12...39,
            attributes: [
                .init(name: "hard_shell", kind: .flag(probability: 0.6, titleWord: "Hard"), unit: nil, better: .higher, phrase: "hard shell: %@"),
            ],
            colors: ["Black", "Grey"], maxColors: 2, sizes: [], material: "EVA",
            tags: ["headphones", "case", "travel", "accessory"],
            complements: [], consumable: false, demand: 0.2,
            blurbs: ["A mesh pocket for cables."]
        ),
        DemoCategorySpec(
            name: "Vacuum Bags", code: "VBG", noun: "Vacuum Bags",
            brands: ["Dustral", "Cleanova"],
            models: ["Universal", "HEPA", "Allergy"],
            priceRange: 9...25,
            attributes: [
                .init(name: "pack_size", kind: .number(min: 5, max: 20, step: 5), unit: "bags", better: .higher, phrase: "%@ per pack"),
            ],
            colors: [], maxColors: 0, sizes: [], material: nil,
            tags: ["vacuum", "bags", "cleaning", "refill"],
            complements: [], consumable: true, demand: 0.2,
            blurbs: ["Traps allergens.", "Fits most canister vacuums."]
        ),
    ]

    /// US cities for postcodes and tracking scans, with a ZIP prefix.
    static let cities: [(city: String, state: String, zip: String)] = [
        ("Seattle", "WA", "981"), ("Portland", "OR", "972"), ("San Francisco", "CA", "941"), ("Los Angeles", "CA", "900"),
        ("Denver", "CO", "802"), ("Austin", "TX", "787"), ("Dallas", "TX", "752"), ("Chicago", "IL", "606"),
        ("Minneapolis", "MN", "554"), ("Atlanta", "GA", "303"), ("Miami", "FL", "331"), ("Boston", "MA", "021"),
        ("New York", "NY", "100"), ("Philadelphia", "PA", "191"), ("Phoenix", "AZ", "850"), ("Nashville", "TN", "372"),
    ]

    /// Hubs a parcel passes through.
    static let hubs = ["Memphis, TN", "Louisville, KY", "Indianapolis, IN", "Ontario, CA", "Dallas, TX", "Newark, NJ", "Salt Lake City, UT"]

    static let firstNames = [
        "Ada", "Ben", "Chloe", "Diego", "Emma", "Farid", "Grace", "Hiro", "Isla", "Jamal", "Kira", "Liam", "Maya", "Noah",
        "Olivia", "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Victor", "Wen", "Ximena", "Yusuf", "Zoe", "Aiden",
        "Bianca", "Caleb", "Dana", "Elena", "Felix", "Gia", "Hugo", "Ines", "Jonah", "Leila", "Mateo", "Nina", "Owen",
        "Paula", "Renée", "Søren", "Théo", "Amara", "Kenji", "Lucía", "Marcus", "Nadia", "Oscar",
    ]

    static let lastNames = [
        "Park", "Nguyen", "Garcia", "Okafor", "Smith", "Kowalski", "Rossi", "Tanaka", "Müller", "Johnson", "Haddad",
        "Patel", "Silva", "Brown", "Cohen", "Larsen", "Moreau", "Ivanova", "Kim", "Lopez", "O'Brien", "Singh", "Walker",
        "Fischer", "Andersen", "Dubois", "Chen", "Costa", "Reyes", "Novak",
    ]

    static let carriers = ["UPS", "FedEx", "USPS", "DHL"]

    static let delayReasons = [
        "Weather delay at the hub", "Address could not be verified; the carrier is retrying",
        "Missed the scheduled flight; rerouted", "High volume at the sorting facility",
    ]
}

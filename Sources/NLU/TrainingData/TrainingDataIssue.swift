/// A problem found while loading training data: an error (the data cannot be used
/// as written) or a warning (doubtful, but training goes on).
public struct TrainingDataIssue: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable { case error, warning }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// The other place involved, for conflicts (the same example under two intents).
    public var related: SourceLocation?

    public init(_ severity: Severity, _ location: SourceLocation, _ message: String, related: SourceLocation? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.related = related
    }

    /// `file:line: error: message`, the form editors and CI logs link to.
    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// Loading failed: every error found, each naming its file and line.
public struct TrainingDataError: Error, Sendable, CustomStringConvertible {
    public var issues: [TrainingDataIssue]
    public init(issues: [TrainingDataIssue]) { self.issues = issues }
    public var description: String {
        let shown = issues.prefix(20).map(\.description)
        let more = issues.count > 20 ? ["… and \(issues.count - 20) more errors (run `shopassist nlu validate` to see all)"] : []
        return (shown + more).joined(separator: "\n")
    }
}

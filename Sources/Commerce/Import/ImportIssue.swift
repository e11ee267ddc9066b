import Foundation

/// A problem in one row (or the whole file) that the importer reports and survives.
public struct ImportIssue: Sendable, Hashable, CustomStringConvertible, Codable {
    /// How bad it is: a warning still imports the row (perhaps corrected); an error skips it.
    public enum Severity: String, Sendable, Hashable, Codable { case warning, error }

    /// The file name as given on the command line.
    public var file: String
    /// The physical 1-based line where the row starts; nil for a file-level note.
    public var line: Int?
    /// What is wrong and what was done about it.
    public var reason: String
    public var severity: Severity

    public init(file: String, line: Int?, reason: String, severity: Severity) {
        self.file = file
        self.line = line
        self.reason = reason
        self.severity = severity
    }

    /// `file:line: reason` (the form compilers use, so editors can jump to it).
    public var description: String {
        let prefix = line.map { "\(file):\($0)" } ?? file
        return "\(prefix): \(severity == .warning ? "warning: " : "")\(reason)"
    }
}

/// A reason the importer refuses a whole file. Nothing from the file is written.
public struct CatalogFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file name as given on the command line.
    public var file: String
    /// Why the file was refused and what to do about it.
    public var reason: String

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    /// `<file>: <reason>`.
    public var description: String { "\(file): \(reason)" }
}

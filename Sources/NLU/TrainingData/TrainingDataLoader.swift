import Foundation
import Yams

/// Loads Rasa NLU YAML training data from a file or a folder.
///
/// Every `*.yml`/`*.yaml` under a folder is read (recursively, in path order). A
/// file is NLU data when it has a top-level `nlu:` key; other YAML files (Rasa's
/// `domain.yml`, `config.yml`, stories-only files) are skipped, so a Rasa user's
/// `data/` folder or whole project loads as is. In an NLU file the keys Rasa
/// itself knows (`rules`, `stories`, `responses`, …) are accepted and ignored.
///
/// Errors name the file and line (`nlu.yml:12: unbalanced bracket …`) and stop
/// training; warnings (the same example under two intents, conflicting synonyms)
/// are reported and training goes on.
///
/// ```swift
/// let report = TrainingDataLoader().read("Intents/")   // never throws
/// let data = try TrainingDataLoader().load("Intents/") // throws TrainingDataError
/// ```
public struct TrainingDataLoader: Sendable {
    public init() {}

    /// Loads `path` and returns the data; throws `TrainingDataError` when any error was found.
    public func load(_ path: String) throws(TrainingDataError) -> TrainingDataReport {
        let report = read(path)
        if !report.errors.isEmpty { throw TrainingDataError(issues: report.errors) }
        return report
    }

    /// Loads YAML text (tests, data sent over the wire); `file` names it in messages.
    public func load(yaml: String, file: String = "<memory>") throws(TrainingDataError) -> TrainingDataReport {
        let report = read(yaml: yaml, file: file)
        if !report.errors.isEmpty { throw TrainingDataError(issues: report.errors) }
        return report
    }

    /// Reads `path` (a file or a folder) and reports data, errors and warnings without throwing.
    public func read(_ path: String) -> TrainingDataReport {
        var builder = TrainingDataBuilder()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            builder.addError(SourceLocation(file: path, line: 0), "no such file or folder; give a Rasa NLU YAML file or a folder of them")
            return builder.finish()
        }
        let files = isFolder.boolValue ? Self.yamlFiles(under: path) : [path]
        if isFolder.boolValue && files.isEmpty {
            builder.addError(SourceLocation(file: path, line: 0), "no *.yml or *.yaml files in this folder")
        }
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                builder.addError(SourceLocation(file: file, line: 0), "cannot read the file (check its permissions)")
                continue
            }
            guard let text = String(validatingUTF8CString: data) else {
                builder.addError(SourceLocation(file: file, line: 0), "the file is not valid UTF-8; save it as UTF-8")
                continue
            }
            builder.add(yaml: text, file: file)
        }
        var report = builder.finish()
        if report.errors.isEmpty && report.files.isEmpty && !files.isEmpty {
            report.errors.append(TrainingDataIssue(.error, SourceLocation(file: path, line: 0),
                "no NLU data: none of the \(files.count) YAML file\(files.count == 1 ? "" : "s") here has an `nlu:` key"))
        }
        return report
    }

    /// Reads YAML text without throwing.
    public func read(yaml: String, file: String = "<memory>") -> TrainingDataReport {
        var builder = TrainingDataBuilder()
        builder.add(yaml: yaml, file: file)
        return builder.finish()
    }

    /// The files `read(_:)` reads for `path` (itself, or the YAML files under the folder, in
    /// path order), nil when `path` does not exist.
    public static func sourceFiles(_ path: String) -> [String]? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return nil }
        return isFolder.boolValue ? yamlFiles(under: path) : [path]
    }

    static func yamlFiles(under folder: String) -> [String] {
        let root = URL(fileURLWithPath: folder)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey],
                                                          options: [.skipsHiddenFiles]) else { return [] }
        var files: [String] = []
        for case let url as URL in walker {
            let ext = url.pathExtension.lowercased()
            guard ext == "yml" || ext == "yaml",
                  (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = url.path.hasPrefix(root.path + "/") ? String(url.path.dropFirst(root.path.count + 1)) : url.lastPathComponent
            files.append((folder.hasSuffix("/") ? folder : folder + "/") + relative)
        }
        return files.sorted()
    }
}

private extension String {
    /// Decodes UTF-8, nil when the bytes are not valid UTF-8.
    init?(validatingUTF8CString data: Data) {
        guard let s = String(data: data, encoding: .utf8) else { return nil }
        self = s
    }
}

/// What loading found: the data, and every error and warning.
public struct TrainingDataReport: Sendable {
    public var data: TrainingData
    /// NLU files read.
    public var files: [String]
    /// YAML files without an `nlu:` key (domain, config, stories), skipped.
    public var skippedFiles: [String]
    public var errors: [TrainingDataIssue]
    public var warnings: [TrainingDataIssue]
    /// Examples whose text, intent and annotations repeat an earlier one (kept, as Rasa does).
    public var duplicateExamples: Int
}

import ArgumentParser
import Commerce
import Dialogue
import Foundation
import Insights

/// Options of every command that runs the assistant.
struct AssistantOptions: ParsableArguments {
    @Option(name: .long, help: "Path of the SQLite store (default: $SHOPASSIST_STORE, else ~/.local/share/shopassist/shop.sqlite). A demo shop is built there on first run.")
    var store: String?

    @Option(name: .long, help: "The NLU training data folder (default: Intents/ of this project).")
    var intents: String?

    @Option(name: .long, help: "The reply templates folder (default: Dialogues/templates/ of this project).")
    var templates: String?

    /// The configuration with project folders found from the working directory or the executable.
    func configuration(storePath: String? = nil) throws -> AssistantConfiguration {
        let intentsPath = try intents ?? ProjectFolder.find("Intents")
        let templatesPath = try templates ?? ProjectFolder.find("Dialogues/templates")
        return AssistantConfiguration(storePath: storePath ?? StoreLocation.resolve(explicit: store), intentsPath: intentsPath, templatesPath: templatesPath)
    }

    /// Opens the assistant for a channel (stamped on its events), with the experiments of
    /// `experimentFile` applied per session; tells on stderr what it is doing the first time.
    func openAssistant(channel: String = "assistant", experimentFile: String? = nil) throws -> Assistant {
        var configuration = try configuration()
        configuration.channel = channel
        if let experimentFile { configuration.variants = ExperimentAssigner(try ExperimentOption.load(experimentFile)) }
        if !FileManager.default.fileExists(atPath: configuration.storePath) {
            printError("First run: building the demo shop at \(configuration.storePath) (once; `shopassist demo --show` lists its customers and orders).")
        }
        do {
            return try Assistant.open(configuration) { printError($0) }
        } catch {
            throw ValidationError("could not start the assistant: \(error)")
        }
    }
}

/// Finds the project's data folders (Intents/, Dialogues/) when no path is given.
enum ProjectFolder {
    /// Looks in the working directory and its parents, then beside the executable's
    /// package (`.build/<config>/shopassist` → the package root).
    static func find(_ relative: String) throws -> String {
        let fm = FileManager.default
        var candidates: [URL] = []
        var directory = URL(fileURLWithPath: fm.currentDirectoryPath)
        for _ in 0..<6 {
            candidates.append(directory.appendingPathComponent(relative))
            directory.deleteLastPathComponent()
        }
        var executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for _ in 0..<5 {
            executable.deleteLastPathComponent()
            candidates.append(executable.appendingPathComponent(relative))
        }
        for candidate in candidates {
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue { return candidate.standardizedFileURL.path }
        }
        throw ValidationError("cannot find the project's \(relative)/ folder from \(fm.currentDirectoryPath); run from the project folder or pass --\(relative.hasPrefix("Intents") ? "intents" : "templates") PATH.")
    }
}

/// `--experiment FILE` of the commands that run the assistant for shoppers (chat, serve).
struct ExperimentOption: ParsableArguments {
    @Option(name: .long, help: "An experiments YAML file (see docs/experiments/): each session runs under its assigned variant's recommender, templates and fallback threshold, and its events carry the variant.")
    var experiment: String?

    /// The experiments of a file, or a message naming the file and the field.
    static func load(_ path: String) throws -> [Experiment] {
        do { return try ExperimentFile.load(path: path) } catch let error as ExperimentFileError { throw ValidationError(error.description) }
    }
}

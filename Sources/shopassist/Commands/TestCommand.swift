import ArgumentParser
import Channels
import Foundation

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run dialogue tests written in Dialogues/ (see Dialogues/README.md).",
        discussion: "Each dialogue runs on its own fresh copy of the demo shop. Exits non-zero when any dialogue fails."
    )
    @Argument(help: "Dialogue files or folders (default: Dialogues/).") var paths: [String] = []
    @Option(help: "Only dialogues whose name contains this text.") var filter: String?
    @Option(help: "Also write the results as JUnit XML to this file.") var junit: String?
    @OptionGroup var options: AssistantOptions

    func run() throws {
        let scriptPaths = paths.isEmpty ? [try ProjectFolder.find("Dialogues")] : paths
        var scripts: [DialogueScript]
        do { scripts = try DialogueRunner.loadScripts(paths: scriptPaths) } catch {
            throw ValidationError("\(error)")
        }
        if let filter { scripts = scripts.filter { $0.name.localizedCaseInsensitiveContains(filter) } }
        guard !scripts.isEmpty else { throw ValidationError("no dialogues found in \(scriptPaths.joined(separator: ", "))\(filter.map { " matching '\($0)'" } ?? "").") }
        let shops = try DialogueShops(base: try options.configuration(storePath: ""))
        let runner = DialogueRunner(driver: AssistantDriver { try shops.assistant(for: $0) })
        let style = TerminalStyle.detect(environment: ProcessInfo.processInfo.environment)
        var results: [DialogueResult] = []
        for script in scripts {
            let result = runner.run(script)
            results.append(result)
            print(DialogueRunner.report([result], style: style).split(separator: "\n").dropLast().joined(separator: "\n"))
        }
        let failed = results.filter { !$0.passed }.count
        print("\(results.count - failed) passed, \(failed) failed")
        if let junit {
            do { try DialogueRunner.junit(results).write(toFile: junit, atomically: true, encoding: .utf8) } catch {
                throw ValidationError("cannot write \(junit): \(error.localizedDescription)")
            }
        }
        if failed > 0 { throw ExitCode(1) }
    }
}

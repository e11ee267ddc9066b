import ArgumentParser

/// Says plainly that a subcommand is not built yet, and exits non-zero.
func notBuiltYet(_ command: String, issue: String) throws -> Never {
    printError("shopassist \(command): not built yet (\(issue)).")
    throw ExitCode(2)
}

import Commerce
import Dialogue
import Foundation
import Testing
@testable import Channels

@Suite("Dialogues/ written by support staff", .serialized)
struct DialogueFilesTests {
    @Test("every dialogue in Dialogues/ passes against the real engine on the seed-42 demo shop")
    func allDialoguesPass() throws {
        let scripts = try DialogueRunner.loadScripts(paths: [packageRoot.appendingPathComponent("Dialogues").path])
        #expect(scripts.count >= 30, "the issue asks for at least 30 dialogues; found \(scripts.count)")
        var base = AssistantFixture.configuration
        base.demo = DemoShopOptions()
        let shops = try DialogueShops(base: base)
        let runner = DialogueRunner(driver: AssistantDriver { try shops.assistant(for: $0) })
        let results = scripts.map(runner.run)
        let failed = results.filter { !$0.passed }
        #expect(failed.isEmpty, "\(DialogueRunner.report(failed))")
    }

    @Test("a dialogue with a wrong expectation fails, tagged by kind")
    func wrongExpectationFails() throws {
        let script = try DialogueScript.parse("""
        name: greeting expected to be a handoff
        turns:
          - user: hi
            intent: greet
            handoff: yes
        """, file: "inline.yml")[0]
        let runner = DialogueRunner(driver: AssistantDriver { _ in try AssistantFixture.assistant() })
        let result = runner.run(script)
        #expect(!result.passed)
        #expect(result.failure?.failures.map(\.kind) == ["handoff"])
    }
}

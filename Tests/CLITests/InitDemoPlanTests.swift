import Foundation
import Testing

/// `crosstrace demo plan` on a network `crosstrace init` wrote (issue 6 item 7).
@Suite struct InitDemoPlanTests {
    @Test func r6_4_demoPlanListsParticipantsProductsAndSteps() throws {
        let parent = InitCommandTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let out = parent + "/net"
        #expect(try CLI.run(["init", "--validators", "1", "--chains", "cbetc,cbeac", "--out", out]).status == 0)
        let result = try CLI.run(["demo", "plan", "--network", out, "--seed", "3"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("chain cbetc participants=15 steps=") == true)
        #expect(lines.filter { $0.hasPrefix("participant ") }.count == 15)
        #expect(lines.contains { $0.hasPrefix("product fullSupplyChain /01/") && $0.contains("/21/FS0001") })
        #expect(lines.contains { $0.hasPrefix("product manufacturer /01/") })
        #expect(lines.contains { $0.hasPrefix("product trader /01/") && $0.contains("/10/TR2026A") })
        #expect(lines.contains("step 1 transactions=15 membership.apply=15"))
        #expect(lines.contains("step 2 transactions=15 membership.verify=15"))
    }

    @Test func demoPlanRefusesADirectoryWithoutANetwork() throws {
        let result = try CLI.run(["demo", "plan", "--network", InitCommandTests.temporaryDirectory()])
        #expect(result.status != 0)
        #expect(result.stderr.contains("missingFile"))
    }
}

import Foundation
import Testing

/// `crosstrace sim`: one JSON object with sorted keys, byte-for-byte
/// reproducible, non-zero exit with the seed and a trace on a violation.
@Suite struct SimCommandTests {
    @Test func r5_3_3_sameArgumentsGiveSameOutputByteForByte() throws {
        let args = ["sim", "--seed", "12", "--validators", "4", "--heights", "2", "--faults", "all"]
        let first = try CLI.run(args)
        let second = try CLI.run(args)
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["seed", "validators", "heightsDecided", "roundsMax", "messages", "faultsInjected",
                                     "invariantsChecked", "violations"])
        #expect(first.stdout.hasPrefix("{\"faultsInjected\":"))
        #expect(object["heightsDecided"] as? Int == 2)
    }

    @Test func r5_3_3_twoTwinsPositiveControlExitsNonZeroWithSeedAndTrace() throws {
        let result = try CLI.run(["sim", "--seed", "5", "--validators", "4", "--heights", "2", "--twins", "2"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--seed 5"))
        #expect(result.stderr.contains("agreement"))
        #expect(result.stderr.contains("trace"))
    }

    @Test func unknownFaultIsRefused() throws {
        let result = try CLI.run(["sim", "--faults", "meteor"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("meteor"))
    }

    @Test func seedRangePrintsOneLinePerSeed() throws {
        let result = try CLI.run(["sim", "--seeds", "3..5", "--heights", "1"])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 3)
    }
}

import Testing

@Suite struct VersionTests {
    @Test func printsVersion() throws {
        let result = try CLI.run(["version"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("crosstrace "))
    }
}

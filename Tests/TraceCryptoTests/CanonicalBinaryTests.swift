import Testing
@testable import TraceCrypto

@Suite struct CanonicalBinaryTests {
    @Test func roundTripsEveryFieldType() throws {
        var writer = CanonicalWriter(domain: "crosstrace/test/v1\n")
        writer.writeUInt8(7)
        writer.writeBool(true)
        writer.writeUInt32(0xDEAD_BEEF)
        writer.writeUInt64(42)
        writer.writeInt64(-5)
        writer.writeBytes([1, 2, 3])
        writer.writeString("追溯码")
        var reader = try CanonicalReader(writer.bytes, domain: "crosstrace/test/v1\n")
        #expect(try reader.readUInt8("a") == 7)
        #expect(try reader.readBool("b") == true)
        #expect(try reader.readUInt32("c") == 0xDEAD_BEEF)
        #expect(try reader.readUInt64("d") == 42)
        #expect(try reader.readInt64("e") == -5)
        #expect(try reader.readBytes("f", maxCount: 3) == [1, 2, 3])
        #expect(try reader.readString("g", maxCount: 64) == "追溯码")
        try reader.finish()
    }

    @Test func rejectsAnotherDomain() {
        let writer = CanonicalWriter(domain: "crosstrace/vote/v1\n")
        #expect(throws: CanonicalDecodingError(code: .wrongDomain, field: "", offset: 0)) {
            _ = try CanonicalReader(writer.bytes, domain: "crosstrace/proposal/v1\n")
        }
    }

    @Test func everyTruncationIsAnErrorNotACrash() throws {
        var writer = CanonicalWriter(domain: "d")
        writer.writeUInt64(1)
        writer.writeBytes([9, 9, 9, 9])
        let full = writer.bytes
        for cut in 0..<full.count {
            #expect(throws: CanonicalDecodingError.self) {
                var reader = try CanonicalReader(Array(full[..<cut]), domain: "d")
                _ = try reader.readUInt64("n")
                _ = try reader.readBytes("b", maxCount: 16)
            }
        }
    }
}

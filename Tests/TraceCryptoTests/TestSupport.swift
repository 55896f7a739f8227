@testable import TraceCrypto

func hex(_ text: String) -> [UInt8] {
    (try? Hex.decode(text)) ?? []
}


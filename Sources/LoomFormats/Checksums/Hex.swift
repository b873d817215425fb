/// Bytes as lowercase hex, for error messages (`[0x1f, 0x8b]` → `"1f8b"`).
/// - Parameter bytes: The bytes.
/// - Returns: Two hex digits per byte.
package func hex(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef")
    return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
}

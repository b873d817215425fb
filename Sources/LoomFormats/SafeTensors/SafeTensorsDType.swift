/// The element types a safetensors file may declare that Loom can read.
///
/// Loom writes only ``f32``. When reading, every listed type is converted to `Float`
/// (`F64` is rounded, `I64`/`U32`/`I32` beyond 2^24 lose precision, `BOOL` becomes 0 or 1);
/// the 8-bit float types and any type not listed are rejected with
/// ``SafeTensorsError/Problem/unsupportedDType(name:dtype:)``.
public enum SafeTensorsDType: String, Sendable, CaseIterable {
    case f64 = "F64"
    case f32 = "F32"
    case f16 = "F16"
    case bf16 = "BF16"
    case i64 = "I64"
    case i32 = "I32"
    case u32 = "U32"
    case i16 = "I16"
    case u16 = "U16"
    case i8 = "I8"
    case u8 = "U8"
    case bool = "BOOL"

    /// Bytes per element.
    public var byteSize: Int {
        switch self {
        case .f64, .i64: return 8
        case .f32, .i32, .u32: return 4
        case .f16, .bf16, .i16, .u16: return 2
        case .i8, .u8, .bool: return 1
        }
    }

    /// Converts `count` little-endian elements at `source` to `Float`s at `target`.
    func convert(_ source: UnsafeRawPointer, count: Int, into target: UnsafeMutablePointer<Float>) {
        switch self {
        case .f32:
            #if _endian(little)
            UnsafeMutableRawPointer(target).copyMemory(from: source, byteCount: count * 4)
            #else
            for i in 0..<count { target[i] = Float(bitPattern: UInt32(littleEndian: source.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))) }
            #endif
        case .f64:
            for i in 0..<count { target[i] = Float(Double(bitPattern: UInt64(littleEndian: source.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)))) }
        case .f16:
            for i in 0..<count { target[i] = halfToFloat(UInt16(littleEndian: source.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self))) }
        case .bf16:
            for i in 0..<count { target[i] = Float(bitPattern: UInt32(UInt16(littleEndian: source.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self))) << 16) }
        case .i64:
            for i in 0..<count { target[i] = Float(Int64(littleEndian: source.loadUnaligned(fromByteOffset: i * 8, as: Int64.self))) }
        case .i32:
            for i in 0..<count { target[i] = Float(Int32(littleEndian: source.loadUnaligned(fromByteOffset: i * 4, as: Int32.self))) }
        case .u32:
            for i in 0..<count { target[i] = Float(UInt32(littleEndian: source.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))) }
        case .i16:
            for i in 0..<count { target[i] = Float(Int16(littleEndian: source.loadUnaligned(fromByteOffset: i * 2, as: Int16.self))) }
        case .u16:
            for i in 0..<count { target[i] = Float(UInt16(littleEndian: source.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self))) }
        case .i8:
            for i in 0..<count { target[i] = Float(source.load(fromByteOffset: i, as: Int8.self)) }
        case .u8:
            for i in 0..<count { target[i] = Float(source.load(fromByteOffset: i, as: UInt8.self)) }
        case .bool:
            for i in 0..<count { target[i] = source.load(fromByteOffset: i, as: UInt8.self) == 0 ? 0 : 1 }
        }
    }
}

/// IEEE 754 binary16 to binary32, exact (portable: `Float16` is missing on some targets).
private func halfToFloat(_ bits: UInt16) -> Float {
    let sign = UInt32(bits >> 15) << 31
    let exponent = Int(bits >> 10) & 0x1F
    let mantissa = UInt32(bits & 0x3FF)
    if exponent == 0x1F { return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13)) }
    if exponent == 0 {
        let magnitude = Float(mantissa) * 0x1p-24
        return sign == 0 ? magnitude : -magnitude
    }
    return Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | (mantissa << 13))
}

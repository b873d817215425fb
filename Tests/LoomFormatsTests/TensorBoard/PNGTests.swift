import Foundation
import Testing
@testable import LoomFormats
import LoomTestSupport

@Suite struct PNGTests {
    /// A decoder written with Python's zlib: checks the signature, every chunk's CRC-32,
    /// inflates IDAT (which checks Adler-32), removes the filter bytes and prints
    /// `width height colortype hex-pixels`.
    static let decoder = """
    import sys, struct, zlib
    data = open(sys.argv[1], 'rb').read()
    assert data[:8] == b'\\x89PNG\\r\\n\\x1a\\n', 'signature'
    pos, idat, ihdr = 8, b'', None
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        crc, = struct.unpack('>I', data[pos + 8 + n:pos + 12 + n])
        assert zlib.crc32(kind + body) == crc, 'crc of ' + kind.decode()
        if kind == b'IHDR': ihdr = struct.unpack('>IIBBBBB', body)
        if kind == b'IDAT': idat += body
        pos += 12 + n
    w, h, depth, ctype, _, _, _ = ihdr
    raw = zlib.decompress(idat)
    channels = {0: 1, 2: 3, 6: 4}[ctype]
    stride = w * channels + 1
    assert len(raw) == h * stride, 'size'
    assert all(raw[r * stride] == 0 for r in range(h)), 'filter'
    pixels = b''.join(raw[r * stride + 1:(r + 1) * stride] for r in range(h))
    print(w, h, ctype, pixels.hex())
    """

    static func decode(_ png: [UInt8]) throws -> String? {
        guard let python = ReferencePython.interpreter(needing: ["zlib"]) else { return nil }
        let dir = try TemporaryDirectory()
        let url = dir.url.appendingPathComponent("image.png")
        try Data(png).write(to: url)
        let result = try ReferencePython.run(python: python, script: decoder, arguments: [url.path])
        #expect(result.status == 0, "\(result.error)")
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test(arguments: [PNGCompression.stored, .fast, .best])
    func grayscaleRGBAndRGBADecode(compression: PNGCompression) throws {
        let gray = Image(width: 5, height: 3, channels: 1, pixels: (0..<15).map { UInt8($0 * 17) })
        let rgb = Image(width: 2, height: 2, channels: 3, pixels: [255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9])
        let rgba = Image(width: 3, height: 1, channels: 4, pixels: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
        for (image, colorType) in [(gray, 0), (rgb, 2), (rgba, 6)] {
            guard let decoded = try Self.decode(image.pngData(compression: compression)) else { return }
            #expect(decoded == "\(image.width) \(image.height) \(colorType) \(Self.hex(image.pixels))")
        }
    }

    /// Larger, repetitive and random content: long matches, far distances, several stored blocks.
    @Test(arguments: [PNGCompression.stored, .fast, .best])
    func largeImagesRoundTrip(compression: PNGCompression) throws {
        var state: UInt32 = 12345
        let noisy = (0..<(300 * 260)).map { index -> UInt8 in
            state = state &* 1_664_525 &+ 1_013_904_223
            return index % 7 == 0 ? UInt8(state >> 24) : UInt8(index / 300 % 256)
        }
        let image = Image(width: 300, height: 260, channels: 1, pixels: noisy)
        let png = image.pngData(compression: compression)
        if compression != .stored { #expect(png.count < image.pixels.count / 2) }
        guard let decoded = try Self.decode(png) else { return }
        #expect(decoded == "300 260 0 \(Self.hex(noisy))")
    }

    @Test func pngLayoutIsExact() {
        let png = Image(width: 1, height: 1, channels: 1, pixels: [7]).pngData(compression: .stored)
        let expected: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A,
                                 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]
        #expect(Array(png[0..<29]) == expected)
        // IDAT: zlib header, one final stored block of 2 bytes (filter 0, pixel 7), Adler-32.
        #expect(Array(png[33..<41]) == [0, 0, 0, 13, 0x49, 0x44, 0x41, 0x54])
        #expect(Array(png[41..<54]) == [0x78, 0x01, 0x01, 2, 0, 0xFD, 0xFF, 0, 7, 0x00, 0x09, 0x00, 0x08])
        #expect(Array(png.suffix(12)) == [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])
    }

    @Test func floatImagesAndBatches() throws {
        let image = try Image(floats: [0, 0.5, 1, 2, -1, .nan], width: 3, height: 2, channels: 1)
        #expect(image.pixels == [0, 128, 255, 255, 0, 0])
        let scaled = try Image(floats: [0, 127.4, 255], width: 3, height: 1, channels: 1, range: 0...255)
        #expect(scaled.pixels == [0, 127, 255])
        let batch = try Image.batch(floats: (0..<12).map { Float($0) / 11 }, count: 2, height: 1, width: 2, channels: 3)
        #expect(batch.count == 2)
        #expect(batch[1].pixels == [139, 162, 185, 209, 232, 255])
        #expect(throws: ImageConversionError.sizeMismatch(expected: 12, found: 11, shape: [2, 1, 2, 3])) {
            try Image.batch(floats: [Float](repeating: 0, count: 11), count: 2, height: 1, width: 2, channels: 3)
        }
        #expect(throws: ImageConversionError.unsupportedChannels(2)) {
            try Image(floats: [0, 0], width: 1, height: 1, channels: 2)
        }
    }
}

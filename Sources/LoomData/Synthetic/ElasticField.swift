/// A smooth random displacement of the glyph box (an elastic distortion, as in Simard et al.
/// 2003, applied to stroke points instead of pixels).
///
/// Random offsets on a 4×4 grid of control points over the unit box are blended with
/// smoothstep weights, so nearby points move together and the strokes bend without
/// breaking. Points outside the box take the offset of the nearest edge.
struct ElasticField {
    typealias Point = SIMD2<Float>
    /// Control points per side.
    static let grid = 4
    private let offsets: [Point]

    /// Draws a field.
    /// - Parameters:
    ///   - amplitude: The largest offset per axis, in glyph-box units.
    ///   - rng: The generator to draw from.
    init(amplitude: Float, rng: inout SeededGenerator) {
        offsets = (0..<(Self.grid * Self.grid)).map { _ in
            Point(rng.uniform(-amplitude, amplitude), rng.uniform(-amplitude, amplitude))
        }
    }

    /// `point` moved by the field.
    func displaced(_ point: Point) -> Point {
        let cells = Float(Self.grid - 1)
        let limit = cells - 0.0001
        let u = Point(min(max(point.x * cells, 0), limit), min(max(point.y * cells, 0), limit))
        let (i, j) = (Int(u.x), Int(u.y))
        var f = u - Point(Float(i), Float(j))
        f = f * f * (3 - 2 * f)
        let row = j * Self.grid + i
        let top = offsets[row] + (offsets[row + 1] - offsets[row]) * f.x
        let bottom = offsets[row + Self.grid] + (offsets[row + Self.grid + 1] - offsets[row + Self.grid]) * f.x
        return point + top + (bottom - top) * f.y
    }
}

/// The stroke skeletons of the digits 0–9, in a unit box (x right, y down).
///
/// Each digit is a few polylines; arcs are expanded to short segments. Shapes follow
/// handwritten forms (a closed 0, a flagged 1, a 4 with an open top, …) so the classes
/// differ clearly in where ink lies.
enum DigitGlyphs {
    typealias Point = SIMD2<Float>

    /// The polylines of `digit` (0…9).
    static let strokes: [[[Point]]] = [
        [arc(0.5, 0.5, 0.28, 0.42, 0, 360, 24)],
        [[Point(0.32, 0.22), Point(0.52, 0.06), Point(0.52, 0.94)]],
        [arc(0.5, 0.3, 0.26, 0.22, 180, 380, 12) + [Point(0.2, 0.92), Point(0.82, 0.92)]],
        [arc(0.48, 0.28, 0.24, 0.2, 200, 450, 12), arc(0.48, 0.7, 0.27, 0.22, 270, 520, 12)],
        [[Point(0.66, 0.94), Point(0.66, 0.06), Point(0.14, 0.64), Point(0.86, 0.64)]],
        [[Point(0.78, 0.08), Point(0.32, 0.08), Point(0.28, 0.44)] + arc(0.5, 0.64, 0.28, 0.26, 215, 505, 14)],
        [[Point(0.7, 0.06), Point(0.3, 0.58)], arc(0.5, 0.68, 0.24, 0.25, 0, 360, 20)],
        [[Point(0.16, 0.08), Point(0.84, 0.08), Point(0.42, 0.94)]],
        [arc(0.5, 0.27, 0.2, 0.19, 0, 360, 18), arc(0.5, 0.7, 0.25, 0.23, 0, 360, 20)],
        [arc(0.5, 0.31, 0.24, 0.24, 0, 360, 20), [Point(0.74, 0.31), Point(0.62, 0.94)]],
    ]

    /// Points on an elliptical arc from `from` to `to` degrees (0° = right, 90° = down).
    static func arc(_ cx: Float, _ cy: Float, _ rx: Float, _ ry: Float, _ from: Float, _ to: Float, _ segments: Int) -> [Point] {
        (0...segments).map { k in
            let angle = Double(from + (to - from) * Float(k) / Float(segments)) * Double.pi / 180
            return Point(cx + rx * Float(_cos(angle)), cy + ry * Float(_cos(angle - Double.pi / 2)))
        }
    }
}

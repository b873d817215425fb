/// The stroke skeletons of the digits 0–9 in several handwriting styles, in a unit box
/// (x right, y down).
///
/// A style is a few polylines (arcs expanded to short segments), resampled so that
/// neighbouring points lie at most ``spacing`` apart: an elastic distortion of the points
/// then bends straight strokes as well as curves. The styles follow common handwritten
/// forms: a round, an open and a narrow 0; a 1 as a bare stroke, with a flag, with a flag and
/// a base serif; a 4 open or closed at the top; a 7 plain, with a bar, with a hook; a 6 and a
/// 9 with straight or curved stems; and so on.
enum DigitGlyphs {
    typealias Point = SIMD2<Float>

    /// The largest distance between neighbouring points of a resampled polyline.
    static let spacing: Float = 0.08

    /// `styles[digit]`: the styles of `digit` (0…9), each a list of resampled polylines.
    static let styles: [[[[Point]]]] = drawn.map { digit in digit.map { style in style.map { resampled($0, spacing: spacing) } } }

    private static func p(_ x: Float, _ y: Float) -> Point { Point(x, y) }

    /// The polylines as drawn, before resampling.
    private static let drawn: [[[[Point]]]] = [
        [ // 0: round, open at the top, narrow and leaning
            [arc(0.5, 0.5, 0.28, 0.42, 0, 360, 24)],
            [arc(0.5, 0.5, 0.3, 0.43, 250, 590, 24)],
            [arc(0.5, 0.5, 0.2, 0.44, -80, 290, 24)],
        ],
        [ // 1: bare stroke, flag, flag and base serif
            [[p(0.5, 0.06), p(0.5, 0.94)]],
            [[p(0.36, 0.2), p(0.52, 0.06), p(0.52, 0.94)]],
            [[p(0.36, 0.2), p(0.52, 0.06), p(0.52, 0.94)], [p(0.3, 0.94), p(0.74, 0.94)]],
        ],
        [ // 2: flat base, looped base, straight neck
            [arc(0.5, 0.3, 0.26, 0.22, 180, 380, 12) + [p(0.2, 0.92), p(0.82, 0.92)]],
            [arc(0.5, 0.3, 0.27, 0.23, 170, 385, 12) + arc(0.3, 0.84, 0.1, 0.07, 270, -60, 10) + [p(0.84, 0.9)]],
            [arc(0.48, 0.28, 0.26, 0.2, 190, 340, 10) + [p(0.18, 0.94), p(0.84, 0.94)]],
        ],
        [ // 3: round top, flat top
            [arc(0.48, 0.28, 0.24, 0.2, 200, 450, 12), arc(0.48, 0.7, 0.27, 0.22, 270, 520, 12)],
            [[p(0.22, 0.08), p(0.76, 0.08), p(0.44, 0.42)] + arc(0.48, 0.68, 0.28, 0.25, 270, 520, 14)],
        ],
        [ // 4: closed top, open top
            [[p(0.66, 0.94), p(0.66, 0.06), p(0.14, 0.64), p(0.86, 0.64)]],
            [[p(0.22, 0.06), p(0.16, 0.6), p(0.86, 0.6)], [p(0.66, 0.28), p(0.66, 0.94)]],
        ],
        [ // 5: one stroke, bar drawn separately
            [[p(0.78, 0.08), p(0.32, 0.08), p(0.28, 0.44)] + arc(0.5, 0.64, 0.28, 0.26, 215, 505, 14)],
            [[p(0.32, 0.1), p(0.28, 0.46)] + arc(0.5, 0.66, 0.27, 0.25, 215, 500, 14), [p(0.32, 0.08), p(0.8, 0.06)]],
        ],
        [ // 6: straight stem, curved stem
            [[p(0.7, 0.06), p(0.3, 0.58)], arc(0.5, 0.68, 0.24, 0.25, 0, 360, 20)],
            [[p(0.74, 0.08), p(0.5, 0.14), p(0.34, 0.3), p(0.27, 0.5)] + arc(0.5, 0.7, 0.23, 0.22, 180, 540, 20)],
        ],
        [ // 7: plain, with a bar, with a hook
            [[p(0.16, 0.08), p(0.84, 0.08), p(0.42, 0.94)]],
            [[p(0.16, 0.08), p(0.84, 0.08), p(0.42, 0.94)], [p(0.4, 0.5), p(0.84, 0.5)]],
            [[p(0.16, 0.22), p(0.16, 0.08), p(0.84, 0.08), p(0.58, 0.5), p(0.5, 0.94)]],
        ],
        [ // 8: stacked loops, narrow top
            [arc(0.5, 0.27, 0.2, 0.19, 0, 360, 18), arc(0.5, 0.7, 0.25, 0.23, 0, 360, 20)],
            [arc(0.52, 0.26, 0.16, 0.2, 90, 450, 18), arc(0.48, 0.69, 0.28, 0.24, 270, 630, 20)],
        ],
        [ // 9: straight stem, curved stem
            [arc(0.5, 0.31, 0.24, 0.24, 0, 360, 20), [p(0.74, 0.31), p(0.62, 0.94)]],
            [arc(0.5, 0.3, 0.24, 0.22, 0, 360, 20), [p(0.74, 0.3), p(0.73, 0.62), p(0.62, 0.86), p(0.4, 0.94)]],
        ],
    ]

    /// Points on an elliptical arc from `from` to `to` degrees (0° = right, 90° = down).
    static func arc(_ cx: Float, _ cy: Float, _ rx: Float, _ ry: Float, _ from: Float, _ to: Float, _ segments: Int) -> [Point] {
        (0...segments).map { k in
            let angle = Double(from + (to - from) * Float(k) / Float(segments)) * Double.pi / 180
            return Point(cx + rx * Float(_cos(angle)), cy + ry * Float(_cos(angle - Double.pi / 2)))
        }
    }

    /// `polyline` with points inserted so that neighbours lie at most `spacing` apart
    /// (the original points are kept).
    static func resampled(_ polyline: [Point], spacing: Float) -> [Point] {
        guard var previous = polyline.first else { return [] }
        var result = [previous]
        for point in polyline.dropFirst() {
            let delta = point - previous
            let pieces = max(1, Int(((delta * delta).sum().squareRoot() / spacing).rounded(.up)))
            for k in 1...pieces { result.append(previous + delta * (Float(k) / Float(pieces))) }
            previous = point
        }
        return result
    }
}

extension SyntheticDigits {
    /// The random pose, pen and distortion of one sample, drawn from its generator.
    struct Sketch {
        typealias Point = SIMD2<Float>
        let center: Point
        let glyph: Float
        let aspect: Float
        let slant: Float
        let cosA: Float
        let sinA: Float
        let field: ElasticField
        /// The mean stroke half-width in pixels.
        let radius: Float

        init(side: Int, rng: inout SeededGenerator) {
            let pixelScale = Float(side) / 28
            let angle = Double(rng.uniform(-0.26, 0.26))
            (cosA, sinA) = (Float(_cos(angle)), Float(_cos(angle - Double.pi / 2)))
            glyph = 20 * pixelScale * rng.uniform(0.7, 1.1)
            aspect = rng.uniform(0.65, 1.15)
            slant = rng.uniform(-0.45, 0.25)
            center = Point(repeating: Float(side) / 2) + Point(rng.uniform(-3.25, 3.25), rng.uniform(-3.25, 3.25)) * pixelScale
            radius = rng.uniform(0.6, 2.0) * max(pixelScale, 0.45)
            field = ElasticField(amplitude: rng.uniform(0.03, 0.11), rng: &rng)
        }

        /// A glyph-box point in pixel coordinates.
        func place(_ p: Point) -> Point {
            var q = (field.displaced(p) - 0.5) * glyph
            q.x = q.x * aspect + slant * q.y
            return center + Point(cosA * q.x - sinA * q.y, sinA * q.x + cosA * q.y)
        }

        /// Draws `points` (glyph box) with a half-width that changes linearly from
        /// `radius × start` to `radius × end` along the stroke.
        func stroke(_ points: ArraySlice<Point>, start: Float, end: Float, intensity: Float, into raster: inout StrokeRasterizer) {
            guard points.count > 1 else { return }
            let placed = points.map(place)
            let step = (end - start) * radius / Float(placed.count - 1)
            var r = start * radius
            for k in 1..<placed.count {
                raster.segment(placed[k - 1], placed[k], radiusA: r, radiusB: r + step, intensity: intensity)
                r += step
            }
        }
    }

    /// Draws `digit` in a random style and pose, with pen pressure, lifts that shorten a
    /// stroke's ends, and sometimes a stray stroke fragment (from any digit) near the edge.
    func draw(digit: Int, rng: inout SeededGenerator) -> StrokeRasterizer {
        let styles = DigitGlyphs.styles[digit]
        let strokes = styles[rng.below(styles.count)]
        let sketch = Sketch(side: side, rng: &rng)
        var raster = StrokeRasterizer(side: side)
        for stroke in strokes {
            // A closed loop keeps its ends: opening it could turn a 0 into a C or U.
            let ends = stroke[stroke.count - 1] - stroke[0]
            let trim = (ends * ends).sum() < 0.04 ? 0 : Int(Float(stroke.count) * 0.08)
            let head = rng.below(trim + 1), tail = rng.below(trim + 1)
            sketch.stroke(stroke[head..<(stroke.count - tail)], start: rng.uniform(0.7, 1.3), end: rng.uniform(0.7, 1.3),
                          intensity: 1, into: &raster)
        }
        if rng.nextUnit() < Double(clutter) {
            let other = DigitGlyphs.styles[rng.below(10)]
            let source = other[rng.below(other.count)]
            let stroke = source[rng.below(source.count)]
            let length = min(stroke.count, 3 + rng.below(4))
            let first = rng.below(stroke.count - length + 1)
            let angle = Double(rng.uniform(0, 6.2832))
            let anchor = Sketch.Point(0.5, 0.5) + rng.uniform(0.4, 0.65) * Sketch.Point(Float(_cos(angle)), Float(_cos(angle - Double.pi / 2)))
            let fragment = stroke[first..<(first + length)]
            let offset = anchor - fragment[first]
            sketch.stroke(fragment.map { $0 + offset }[...], start: 0.8, end: 0.8, intensity: rng.uniform(0.5, 1), into: &raster)
        }
        return raster
    }
}

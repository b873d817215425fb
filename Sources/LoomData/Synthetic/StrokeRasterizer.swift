/// Draws anti-aliased thick line segments into a square grayscale image.
struct StrokeRasterizer {
    let side: Int
    var pixels: [Float]

    init(side: Int) {
        self.side = side
        pixels = [Float](repeating: 0, count: side * side)
    }

    /// Draws segment `a`–`b` (pixel coordinates) whose half-width changes linearly from
    /// `radiusA` at `a` to `radiusB` at `b`: a pixel's ink is
    /// `intensity × clamp(radius + 0.5 − distance, 0, 1)` at the nearest point of the segment,
    /// combined with `max`.
    mutating func segment(_ a: SIMD2<Float>, _ b: SIMD2<Float>, radiusA: Float, radiusB: Float, intensity: Float = 1) {
        let reach = max(radiusA, radiusB) + 1
        let x0 = max(0, Int((min(a.x, b.x) - reach).rounded(.down)))
        let x1 = min(side - 1, Int((max(a.x, b.x) + reach).rounded(.up)))
        let y0 = max(0, Int((min(a.y, b.y) - reach).rounded(.down)))
        let y1 = min(side - 1, Int((max(a.y, b.y) + reach).rounded(.up)))
        guard x0 <= x1, y0 <= y1 else { return }
        let (ax, ay) = (a.x, a.y)
        let (dx, dy) = (b.x - a.x, b.y - a.y)
        let inverseLength = 1 / max(dx * dx + dy * dy, 1e-12)
        let (edge, slope) = (radiusA + 0.5, radiusB - radiusA)
        // Pixels at least this far (squared) from the segment get no ink: skipping them
        // (with a margin over the edge, so rounding cannot matter) saves the square root.
        let far = max(radiusA, radiusB) + 0.51
        let farSquared = far * far
        pixels.withUnsafeMutableBufferPointer { image in
            for y in y0...y1 {
                let py = Float(y) + 0.5 - ay
                for x in x0...x1 {
                    let px = Float(x) + 0.5 - ax
                    let t = min(max((px * dx + py * dy) * inverseLength, 0), 1)
                    let ox = px - t * dx, oy = py - t * dy
                    let squared = ox * ox + oy * oy
                    if squared >= farSquared { continue }
                    let ink = min(max(edge + t * slope - squared.squareRoot(), 0), 1) * intensity
                    let index = y &* side &+ x
                    if ink > image[index] { image[index] = ink }
                }
            }
        }
    }
}

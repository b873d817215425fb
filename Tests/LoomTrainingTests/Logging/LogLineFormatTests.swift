import Foundation
@testable import LoomTraining
import Testing

/// `[MMdd HH:mm:ss]` stamps: one calendar breakdown per second, the same text as a fresh one.
@Suite struct LogLineFormatTests {
    @Test func stampsWithinASecondShareTheTextAndAClockSetBackIsStampedAnew() throws {
        let utc = try #require(TimeZone(identifier: "UTC"))
        let format = LogLineFormat(timeZone: utc)
        let times: [Double] = [1_796_435_354.0, 1_796_435_354.99, 1_796_435_355.0, 1_796_435_353.5, 1_796_435_354.2, -0.5]
        #expect(times.map(format.stamp) == ["1205 01:49:14", "1205 01:49:14", "1205 01:49:15", "1205 01:49:13", "1205 01:49:14",
                                            "1231 23:59:59"])
        #expect(format.text(.warning, "a\nb", wallTime: 1_796_435_355.5) == "[1205 01:49:15] WRN a\n[1205 01:49:15] WRN b\n")
    }

    @Test func copiesAgreeWithAFreshFormatAcrossTimeZones() throws {
        for zone in ["Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe"] {
            let timeZone = try #require(TimeZone(identifier: zone))
            let format = LogLineFormat(timeZone: timeZone)
            let copy = format
            for step in 0..<200 {
                let wallTime = 1_700_000_000 + Double(step) * 86_400 * 1.9 + Double(step % 3) * 0.3
                let fresh = LogLineFormat(timeZone: timeZone).stamp(wallTime)
                #expect(format.stamp(wallTime) == fresh && copy.stamp(wallTime + 0.01) == fresh, "\(zone) at \(wallTime)")
            }
        }
    }
}

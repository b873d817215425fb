import Foundation
@testable import LoomTraining
import Testing

/// Backup-name stamps (`MMdd-HHmmss`) in the run's time zone.
@Suite struct FormattingTimestampTests {
    @Test func stampsInTheGivenTimeZone() throws {
        let utc = try #require(TimeZone(identifier: "UTC"))
        #expect(Formatting.timestamp(0, timeZone: utc) == "0101-000000")
        #expect(Formatting.timestamp(1_796_435_354.9, timeZone: utc) == "1205-014914")
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        #expect(Formatting.timestamp(1_796_435_354, timeZone: berlin) == "1205-024914")
    }

    @Test func agreesWithDateFormatterAcrossDaylightSavingChanges() throws {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "MMdd-HHmmss"
        for zone in ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"] {
            let timeZone = try #require(TimeZone(identifier: zone))
            formatter.timeZone = timeZone
            for step in 0..<400 {
                let wallTime = 1_700_000_000 + Double(step) * 86_400 * 0.97 + Double(step % 7) * 0.4
                #expect(Formatting.timestamp(wallTime, timeZone: timeZone) == formatter.string(from: Date(timeIntervalSince1970: wallTime)),
                        "\(zone) at \(wallTime)")
            }
        }
    }
}

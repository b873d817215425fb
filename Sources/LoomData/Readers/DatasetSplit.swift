import Foundation

/// Which part of a standard dataset to load.
public enum DatasetSplit: String, Sendable, CaseIterable {
    /// The training set.
    case train
    /// The test (validation) set.
    case test
}

/// Finds a dataset's standard files in a directory (or a listed subdirectory), raw or `.gz`.
enum DatasetFiles {
    /// The URLs of `names` under `directory` or one of `subdirectories`.
    /// - Parameters:
    ///   - names: The standard file names (without `.gz`).
    ///   - directory: The directory to search.
    ///   - subdirectories: Subdirectories the archives unpack to.
    /// - Returns: One URL per name.
    /// - Throws: `DatasetReadError.missingFiles` listing what was expected.
    static func locate(_ names: [String], in directory: URL, subdirectories: [String] = []) throws -> [URL] {
        let manager = FileManager.default
        for folder in [directory] + subdirectories.map({ directory.appendingPathComponent($0) }) {
            let found = names.compactMap { name -> URL? in
                [name, name + ".gz"].map { folder.appendingPathComponent($0) }.first { manager.fileExists(atPath: $0.path) }
            }
            if found.count == names.count { return found }
        }
        throw DatasetReadError.missingFiles(directory: directory.path, expected: names)
    }
}

import Foundation
import QuangBaContent
import QuangBaCore

/// A private copy of Tests/Fixtures/repo in a temporary folder, removed when the test ends.
final class TempRepo {
    let root: URL
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("qb-content-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: TempRepo.fixtures.appendingPathComponent("repo"), to: root)
        try? FileManager.default.removeItem(at: root.appendingPathComponent(".quangba"))
    }
    deinit { try? FileManager.default.removeItem(at: root) }

    var repository: Repository { get throws { try Repository(root: root) } }

    func write(_ path: String, _ text: String) throws { try write(path, Array(text.utf8)) }
    func write(_ path: String, _ bytes: [UInt8]) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }
    func read(_ path: String) -> String { String(decoding: FileManager.default.contents(atPath: root.appendingPathComponent(path).path) ?? Data(), as: UTF8.self) }
    struct NotFound: Error { let text: String }
    func replace(_ path: String, _ old: String, _ new: String) throws {
        let text = read(path)
        guard text.contains(old) else { throw NotFound(text: old) }
        try write(path, text.replacingOccurrences(of: old, with: new))
    }
    /// Replaces the whole line that starts with `prefix`.
    func replaceLine(_ path: String, startingWith prefix: String, with new: String) throws {
        let lines = read(path).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.contains(where: { $0.hasPrefix(prefix) }) else { throw NotFound(text: prefix) }
        try write(path, lines.map { $0.hasPrefix(prefix) ? new : String($0) }.joined(separator: "\n"))
    }
}

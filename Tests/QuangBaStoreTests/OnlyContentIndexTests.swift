import Foundation
import Testing
import QuangBaContent
import QuangBaCore
@testable import QuangBaStore

/// The index reads item folders by the same rule as `validate`: a stored file, language file or
/// item folder that is a link, has a second name, is not a regular file or is not of an allowed
/// type gives the item errors, and an item with errors never passes the gate. A sync notices it
/// however little changed on disk (a second name changes neither the file nor its folder).
@Suite struct OnlyContentIndexTests {
    static let folder = "content/media/anh-mau-son"
    static let stored = "\(folder)/anh-mau-son.png"
    static let id = ItemID("anh-mau-son")!
    /// After the fixture's publication time, so the item is public when nothing is wrong.
    static let now = Timestamp(secondsSince1970: 1_900_000_000)

    func url(_ r: IndexedRepo, _ path: String) -> URL { r.root.appendingPathComponent(path) }

    func isPublic(_ index: Index) throws -> Bool { try index.publicItem(Self.id, now: Self.now) != nil }

    func errors(_ index: Index) throws -> Int { try index.list(ListQuery()).first { $0.id == Self.id.rawValue }?.errors ?? -1 }

    /// Records `bytes` as the stored file's facts, as someone hiding a file would.
    func record(_ r: IndexedRepo, _ bytes: [UInt8]) throws {
        let yaml = url(r, "\(Self.folder)/item.yaml")
        var text = try String(contentsOf: yaml, encoding: .utf8)
        text = text.replacingOccurrences(of: #"sha256: [0-9a-f]{64}"#, with: "sha256: \(SHA256.hex(bytes))", options: .regularExpression)
        text = text.replacingOccurrences(of: #"bytes: [0-9]+"#, with: "bytes: \(bytes.count)", options: .regularExpression)
        try text.write(to: yaml, atomically: false, encoding: .utf8)
    }

    @Test func aStoredFileLinkedOutOfTheRepositoryIsNotPublic() throws {
        let r = try IndexedRepo()
        let index = try r.index()
        try index.sync()
        #expect(try isPublic(index))
        try FileManager.default.removeItem(at: url(r, Self.stored))
        try FileManager.default.createSymbolicLink(atPath: url(r, Self.stored).path, withDestinationPath: "/etc/passwd")
        try record(r, [UInt8](try Data(contentsOf: URL(fileURLWithPath: "/etc/passwd"))))
        #expect(try index.sync().updated == 1)
        #expect(try !isPublic(index))
        #expect(try errors(index) > 0)
        // A fresh index reads it the same way.
        try FileManager.default.removeItem(at: url(r, ".quangba"))
        let fresh = try r.index()
        try fresh.sync()
        #expect(try !isPublic(fresh))
    }

    /// A second name changes neither the file's bytes nor its mtime nor its folder's: the
    /// number of names is part of what a sync compares, on the short path too (a folder whose
    /// mtime is the recorded one is looked at file by file).
    @Test func aSecondNameGivenLaterIsSeenAndTakenBack() throws {
        let r = try IndexedRepo()
        let old = Date(timeIntervalSinceNow: -3600)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: url(r, Self.folder).path)
        let index = try r.index()
        try index.sync()
        #expect(try isPublic(index))
        let second = url(r, "second-name.png").path
        #expect(link(url(r, Self.stored).path, second) == 0)
        #expect(try index.sync().updated == 1)
        #expect(try !isPublic(index))
        #expect(unlink(second) == 0)
        #expect(try index.sync().updated == 1)
        #expect(try isPublic(index))
    }

    @Test func aNamedPipeDoesNotStopTheSync() throws {
        let r = try IndexedRepo()
        let index = try r.index()
        try index.sync()
        try FileManager.default.removeItem(at: url(r, Self.stored))
        #expect(mkfifo(url(r, Self.stored).path, 0o644) == 0)
        #expect(try index.sync().updated == 1)
        #expect(try !isPublic(index))
    }

    @Test func anItemFolderThatIsALinkIsIndexedAsInvalid() throws {
        let r = try IndexedRepo()
        try FileManager.default.moveItem(at: url(r, Self.folder), to: url(r, "outside"))
        try FileManager.default.createSymbolicLink(atPath: url(r, Self.folder).path, withDestinationPath: url(r, "outside").path)
        let index = try r.index()
        #expect(try index.sync().folders == 7)
        #expect(try !isPublic(index))
        #expect(try errors(index) > 0)
        #expect(try index.sync().unchanged == 7)
        // Made a real folder again, it is read again.
        try FileManager.default.removeItem(at: url(r, Self.folder))
        try FileManager.default.moveItem(at: url(r, "outside"), to: url(r, Self.folder))
        #expect(try index.sync().updated == 1)
        #expect(try isPublic(index))
    }

    @Test func anSVGNamedAsAPNGIsNotPublic() throws {
        let r = try IndexedRepo()
        let index = try r.index()
        try index.sync()
        let svg = Array(#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#.utf8)
        try Data(svg).write(to: url(r, Self.stored))
        try record(r, svg)
        #expect(try index.sync().updated == 1)
        #expect(try !isPublic(index))
    }
}

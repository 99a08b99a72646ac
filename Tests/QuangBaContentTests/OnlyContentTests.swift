import Foundation
import Testing
@testable import QuangBaContent
import QuangBaCore

/// Only content is read and accepted: stored files that are regular files of an allowed type
/// recognised by their content, item folders and language files that are not links, addresses
/// that are http(s) or mailto. Each refusal is a validation error on the item (which keeps it
/// out of every output: see the index and CLI tests).
@Suite struct OnlyContentTests {
    static let folder = "content/media/anh-mau-son"
    static let stored = "\(folder)/anh-mau-son.png"

    static func fixture(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: TempRepo.fixtures.appendingPathComponent(path)))
    }

    /// Puts `bytes` in the media item's folder as `name` and records exactly its facts (so only
    /// the rule under test can object).
    static func store(_ t: TempRepo, _ name: String, _ bytes: [UInt8], type: String, size: (Int, Int)? = nil) throws {
        try FileManager.default.removeItem(at: t.root.appendingPathComponent(stored))
        try t.write("\(folder)/\(name)", bytes)
        try record(t, name, bytes, type: type, size: size)
    }

    static func record(_ t: TempRepo, _ name: String, _ bytes: [UInt8], type: String, size: (Int, Int)? = nil) throws {
        let yaml = "\(folder)/item.yaml"
        try t.replaceLine(yaml, startingWith: "  file:", with: "  file: \(name)")
        try t.replaceLine(yaml, startingWith: "  type:", with: "  type: \(type)")
        try t.replaceLine(yaml, startingWith: "  sha256:", with: "  sha256: \(SHA256.hex(bytes))")
        try t.replaceLine(yaml, startingWith: "  bytes:", with: "  bytes: \(bytes.count)")
        try t.replaceLine(yaml, startingWith: "  width:", with: size.map { "  width: \($0.0)" } ?? "")
        try t.replaceLine(yaml, startingWith: "  height:", with: size.map { "  height: \($0.1)" } ?? "")
    }

    static func errors(_ t: TempRepo) throws -> [Diagnostic] {
        Validator.validate(try t.repository).filter { $0.severity == .error }
    }

    static func shown(_ d: [Diagnostic]) -> String { d.map { "\($0.location.file ?? ""):\($0.location.line ?? 0) \($0.message)" }.joined(separator: "\n") }

    // MARK: Types, by content

    @Test(arguments: [("images/red-blue-13x7.jpg", "x.jpg", "image/jpeg", true), ("images/red-blue-13x7.jpg", "x.JPEG", "image/jpeg", true),
                      ("images/green-13x7.png", "x.png", "image/png", true), ("images/orange-13x7-lossy.webp", "x.webp", "image/webp", true),
                      ("formats/tiny-5x3.gif", "x.gif", "image/gif", true), ("formats/tiny-5x3.avif", "x.avif", "image/avif", false),
                      ("formats/one-page.pdf", "x.pdf", "application/pdf", false), ("formats/tiny.mp4", "x.mp4", "video/mp4", false),
                      ("formats/tiny.webm", "x.webm", "video/webm", false)])
    func everyAllowedTypeIsAccepted(fixture: String, name: String, type: String, hasSize: Bool) throws {
        let t = try TempRepo()
        let bytes = try Self.fixture(fixture)
        try Self.store(t, name, bytes, type: type, size: hasSize ? ImageHeader.dimensions(bytes).map { ($0.width, $0.height) } : nil)
        // (A video or a PDF cannot be the cover another item asks for: that error is not this item's.)
        let errors = try Self.errors(t).filter { $0.location.file?.hasPrefix(Self.folder) ?? true }
        #expect(errors.isEmpty, "\(Self.shown(errors))")
    }

    struct Refused: CustomTestStringConvertible, Sendable {
        let name: String
        let file: String
        let type: String
        let bytes: [UInt8]
        let key: String
        var testDescription: String { name }
    }

    static let svg = Array("""
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
        <svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.domain)</script></svg>
        """.utf8)

    static let refused: [Refused] = [
        Refused(name: "SVG with a script named .png", file: "x.png", type: "image/png", bytes: svg, key: "media.refused_svg"),
        Refused(name: "bare SVG named .jpg", file: "x.jpg", type: "image/jpeg", bytes: Array("<svg onload=alert(1)/>".utf8), key: "media.refused_svg"),
        Refused(name: "HTML page named .pdf", file: "x.pdf", type: "application/pdf",
                bytes: Array("\u{FEFF}  <!DOCTYPE html><html><body><script>alert(1)</script></body></html>".utf8), key: "media.refused_html"),
        Refused(name: "HTML fragment named .png", file: "x.png", type: "image/png", bytes: Array("<script>alert(1)</script>".utf8), key: "media.refused_html"),
        Refused(name: "XML named .pdf", file: "x.pdf", type: "application/pdf", bytes: Array("<?xml version=\"1.0\"?><rss/>".utf8), key: "media.refused_xml"),
        Refused(name: "shell script named .mp4", file: "x.mp4", type: "video/mp4", bytes: Array("#!/bin/sh\nrm -rf /\n".utf8), key: "media.refused_script"),
        Refused(name: "plain text", file: "x.pdf", type: "application/pdf", bytes: Array("hello".utf8), key: "media.refused_unknown"),
        Refused(name: "empty file", file: "x.png", type: "image/png", bytes: [], key: "media.refused_unknown"),
        Refused(name: "a PDF header alone", file: "x.pdf", type: "application/pdf", bytes: Array("%PDF-".utf8), key: "media.refused_unknown"),
        Refused(name: "PNG signature without its header chunk", file: "x.png", type: "image/png", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], key: "media.refused_unknown"),
        Refused(name: "ftyp box longer than the file", file: "x.mp4", type: "video/mp4",
                bytes: [0, 0, 1, 0] + Array("ftypisom".utf8) + [0, 0, 2, 0] + Array("isom".utf8), key: "media.refused_unknown"),
        Refused(name: "EBML without a DocType", file: "x.webm", type: "video/webm", bytes: [0x1A, 0x45, 0xDF, 0xA3, 0x84, 0x42, 0x86, 0x81, 0x01], key: "media.refused_unknown"),
    ]

    @Test(arguments: refused)
    func contentOfAnotherTypeIsRefused(c: Refused) throws {
        let t = try TempRepo()
        try Self.store(t, c.file, c.bytes, type: c.type)
        let errors = try Self.errors(t)
        #expect(errors.contains { $0.message.key == c.key && $0.location.file == "\(Self.folder)/item.yaml" && $0.message.args["file"] == c.file },
                "\(Self.shown(errors))")
    }

    @Test(arguments: [("formats/tiny.tif", "media.refused_image", "TIFF"), ("formats/tiny.mov", "media.refused_video", "QuickTime (MOV)"),
                      ("formats/tiny.mkv", "media.refused_video", "Matroska (MKV)")])
    func realFilesOfOtherTypesAreRefusedByName(fixture: String, key: String, format: String) throws {
        let t = try TempRepo()
        try Self.store(t, "x.mp4", try Self.fixture(fixture), type: "video/mp4")
        let errors = try Self.errors(t)
        #expect(errors.contains { $0.message.key == key && $0.message.args["format"] == format }, "\(Self.shown(errors))")
    }

    @Test func nameAndTypeMustAgreeWithTheContent() throws {
        let t = try TempRepo()
        let jpeg = try Self.fixture("images/red-blue-13x7.jpg")
        try Self.store(t, "x.png", jpeg, type: "image/png", size: (13, 7))
        let errors = try Self.errors(t)
        #expect(errors.contains { $0.message == Message("media.extension_mismatch", ["file": "x.png", "format": "JPEG", "ext": "png", "expected": "jpg"]) })
        #expect(errors.contains { $0.message == Message("media.type_mismatch", ["file": "x.png", "recorded": "image/png", "actual": "image/jpeg"]) })
        // A publication is a PDF.
        #expect(FileFormat.check(name: "x.jpg", recordedType: "image/jpeg", bytes: jpeg, kind: .publication).1.map(\.key) == ["publication.not_pdf"])
        #expect(FileFormat.check(name: "x.pdf", recordedType: "application/pdf", bytes: try Self.fixture("formats/one-page.pdf"), kind: .publication).1.isEmpty)
    }

    @Test func factsForANewFileComeFromItsContent() throws {
        let gif = try Self.fixture("formats/tiny-5x3.gif")
        let facts = try FileFacts(storing: "anh.gif", bytes: gif, kind: .media)
        #expect(facts.type == "image/gif" && facts.bytes == gif.count && facts.sha256 == SHA256.hex(gif))
        for (name, bytes, key) in [("anh.png", Self.svg, "media.refused_svg"), ("anh.png", gif, "media.extension_mismatch"), ("trang.html", Array("<html>".utf8), "media.refused_html")] {
            #expect { try FileFacts(storing: name, bytes: bytes, kind: .media) } throws: { ($0 as? QuangBaError)?.message.key == key }
        }
    }

    // MARK: Links and special files

    struct Planted: CustomTestStringConvertible, Sendable {
        let name: String
        let path: String
        let key: String
        let plant: @Sendable (TempRepo) throws -> Void
        var testDescription: String { name }
    }

    static func replaceWithLink(_ t: TempRepo, _ path: String, to target: String) throws {
        let url = t.root.appendingPathComponent(path)
        try FileManager.default.removeItem(at: url)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    static let planted: [Planted] = [
        Planted(name: "stored file linked to /etc/passwd, facts adjusted", path: stored, key: "file.symlink") { t in
            try replaceWithLink(t, stored, to: "/etc/passwd")
            try record(t, "anh-mau-son.png", try [UInt8](Data(contentsOf: URL(fileURLWithPath: "/etc/passwd"))), type: "image/png")
        },
        Planted(name: "stored file linked to quangba.yaml", path: stored, key: "file.symlink") { t in
            try replaceWithLink(t, stored, to: "../../../quangba.yaml")
            try record(t, "anh-mau-son.png", Array(t.read("quangba.yaml").utf8), type: "image/png")
        },
        Planted(name: "stored file linked to its own copy in the folder", path: stored, key: "file.symlink") { t in
            try FileManager.default.copyItem(at: t.root.appendingPathComponent(stored), to: t.root.appendingPathComponent("\(folder)/.copy.png"))
            try replaceWithLink(t, stored, to: ".copy.png")
        },
        Planted(name: "stored file with a second name outside its folder", path: stored, key: "file.hard_link") { t in
            #expect(link(t.root.appendingPathComponent(stored).path, t.root.appendingPathComponent("elsewhere.png").path) == 0)
        },
        Planted(name: "stored file that is a named pipe", path: stored, key: "file.special") { t in
            try FileManager.default.removeItem(at: t.root.appendingPathComponent(stored))
            #expect(mkfifo(t.root.appendingPathComponent(stored).path, 0o644) == 0)
        },
        Planted(name: "stored file that is a folder", path: stored, key: "file.folder") { t in
            try FileManager.default.removeItem(at: t.root.appendingPathComponent(stored))
            try FileManager.default.createDirectory(at: t.root.appendingPathComponent(stored), withIntermediateDirectories: false)
        },
        Planted(name: "language file that is a link", path: "\(folder)/vi.md", key: "file.symlink") { t in
            try FileManager.default.moveItem(at: t.root.appendingPathComponent("\(folder)/vi.md"), to: t.root.appendingPathComponent("vi.md"))
            try FileManager.default.createSymbolicLink(atPath: t.root.appendingPathComponent("\(folder)/vi.md").path, withDestinationPath: "../../../vi.md")
        },
        Planted(name: "item.yaml that is a link", path: "\(folder)/item.yaml", key: "file.symlink") { t in
            try FileManager.default.moveItem(at: t.root.appendingPathComponent("\(folder)/item.yaml"), to: t.root.appendingPathComponent("item.yaml"))
            try FileManager.default.createSymbolicLink(atPath: t.root.appendingPathComponent("\(folder)/item.yaml").path, withDestinationPath: "../../../item.yaml")
        },
        Planted(name: "item folder that is a link", path: folder, key: "item.folder_symlink") { t in
            try FileManager.default.moveItem(at: t.root.appendingPathComponent(folder), to: t.root.appendingPathComponent("outside"))
            try FileManager.default.createSymbolicLink(atPath: t.root.appendingPathComponent(folder).path, withDestinationPath: t.root.appendingPathComponent("outside").path)
        },
        Planted(name: "kind folder that is a link", path: "content/media", key: "item.folder_symlink") { t in
            try FileManager.default.moveItem(at: t.root.appendingPathComponent("content/media"), to: t.root.appendingPathComponent("media"))
            try FileManager.default.createSymbolicLink(atPath: t.root.appendingPathComponent("content/media").path, withDestinationPath: "../media")
        },
    ]

    @Test(arguments: planted)
    func linksAndSpecialFilesAreRefused(c: Planted) throws {
        let t = try TempRepo()
        try c.plant(t)
        let errors = try Self.errors(t)
        #expect(errors.contains { $0.message.key == c.key && $0.location.file == c.path && $0.message.args["path"] == c.path }, "\(Self.shown(errors))")
        // Nothing of it was read as an item.
        let loaded = (try t.repository).loadAll().first { $0.folder == Self.folder }
        #expect(loaded?.hasErrors ?? true)
    }

    // MARK: Addresses

    static let disguises = ["javascript:alert(document.domain)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", " javascript:alert(1)",
                            "javascript&#58;alert(1)", "&#x6A;avascript:alert(1)", "\u{200B}javascript:alert(1)", "vbscript:msgbox(1)",
                            "data:text/html,<script>alert(1)</script>", "//evil.example/x", "https://trusted.example@evil.example/", "https://example.org/ x"]

    @Test(arguments: ["video", "source"], disguises)
    func addressFieldsAcceptOnlyWebAndMail(field: String, value: String) throws {
        let t = try TempRepo()
        let yaml = "\(Self.folder)/item.yaml"
        // JSON's quoting is YAML's double-quoted style: the value reaches the reader exactly.
        let json = JSONEncoder()
        json.outputFormatting = .withoutEscapingSlashes
        let quoted = String(decoding: try json.encode(value), as: UTF8.self)
        try t.replace(yaml, "  credit:", "  \(field): \(quoted)\n  credit:")
        let line = t.read(yaml).split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("  \(field):") }! + 1
        let errors = try Self.errors(t)
        #expect(errors.contains { $0.message.key == "yaml.bad_address" && $0.location.file == yaml && $0.location.line == line && $0.message.args["field"] == "media.\(field)" },
                "\(Self.shown(errors))")
    }

    @Test func addressesAreKeptAsWritten() throws {
        let t = try TempRepo()
        let yaml = "\(Self.folder)/item.yaml"
        try t.replace(yaml, "  credit:", "  video: HTTPS://www.youtube.com/watch?v=abc\n  source: mailto:sovhttdl@langson.gov.vn\n  credit:")
        #expect(try Self.errors(t).isEmpty)
        let m = try #require(try t.repository.reader.read(kind: .media, id: "anh-mau-son").item?.details.media)
        #expect(m.video?.text == "HTTPS://www.youtube.com/watch?v=abc" && m.source?.text == "mailto:sovhttdl@langson.gov.vn")
        #expect(ItemWriter.itemYAML(try #require(try t.repository.reader.read(kind: .media, id: "anh-mau-son").item)).contains("  video: HTTPS://www.youtube.com/watch?v=abc\n"))
    }

    @Test func setRefusesAnAddressAtInput() throws {
        let t = try TempRepo()
        let repo = try t.repository
        var item = try #require(repo.reader.read(kind: .media, id: "anh-mau-son").item)
        let editor = FieldEditor(config: repo.config)
        for value in Self.disguises {
            #expect { try editor.apply("video", value, to: &item) } throws: { ($0 as? QuangBaError)?.message.key == "set.bad_value" }
        }
        #expect(item.details.media?.video == nil)
        try editor.apply("video", "https://www.youtube.com/watch?v=abc", to: &item)
        try editor.apply("source", "mailto:a@b.vn", to: &item)
        #expect(item.details.media?.video?.text == "https://www.youtube.com/watch?v=abc" && item.details.media?.source?.text == "mailto:a@b.vn")
        try editor.apply("video", "", to: &item)
        #expect(item.details.media?.video == nil)
    }
}

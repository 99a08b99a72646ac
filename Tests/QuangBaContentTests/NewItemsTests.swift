import Foundation
import QuangBaContent
import QuangBaCore
import Testing

/// Creating items through the library, as any front end would: the rules hold without the CLI.
@Suite struct NewItemsTests {
    /// A lookup that knows one checksum, as the index would after a sync.
    struct Known: StoredFileLookup {
        let sha256: String, id: String
        func itemWithFile(sha256: String) throws -> String? { sha256 == self.sha256 ? id : nil }
    }

    static let png = TempRepo.fixtures.appendingPathComponent("images/green-13x7.png").path

    @Test func aMediaItemIsMadeFromItsFileWithFactsReadFromTheBytes() throws {
        let t = try TempRepo()
        let repo = try t.repository
        let file = try StoredFile(reading: Self.png, kind: .media)
        var draft = MediaDraft(file: file, title: "Đồi chè Hữu Lũng", credit: "Sở VHTTDL", unit: repo.config.units.codes[0], author: "Hoàng Thu Trang")
        draft.alt = "Đồi chè xanh"
        draft.holder = "Sở Văn hóa, Thể thao và Du lịch Lạng Sơn"
        let id: ItemID
        do { id = try repo.addMedia(draft, lookup: Known(sha256: "none", id: "x")) } catch let e as QuangBaError {
            Issue.record("\(e.message) \(e.diagnostics.map { "\($0.message)" })")
            return
        }
        let yaml = t.read("content/media/\(id.rawValue)/item.yaml")
        // 13×7 pixels and the PNG type are facts of the fixture, not of the code.
        #expect(yaml.contains("width: 13") && yaml.contains("height: 7") && yaml.contains("image/png"), "\(yaml)")
        #expect(FileManager.default.fileExists(atPath: t.root.appendingPathComponent("content/media/\(id.rawValue)/green-13x7.png").path))
    }

    @Test func aFileAlreadyStoredIsRefusedNamingItsItem() throws {
        let t = try TempRepo()
        let repo = try t.repository
        let file = try StoredFile(reading: Self.png, kind: .media)
        let draft = MediaDraft(file: file, title: "Bản sao", credit: "Sở VHTTDL", unit: repo.config.units.codes[0], author: "Hoàng Thu Trang")
        let before = try FileManager.default.contentsOfDirectory(atPath: t.root.appendingPathComponent("content/media").path).sorted()
        do {
            _ = try repo.addMedia(draft, lookup: Known(sha256: file.facts.sha256, id: "doi-che"))
            Issue.record("a duplicate was added")
        } catch let e as QuangBaError {
            #expect(e.message.key == "media.duplicate" && e.message.args["id"] == "doi-che", "\(e.message)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: t.root.appendingPathComponent("content/media").path).sorted() == before)
    }

    @Test func noFrontEndCanMakeAMediaItemWithoutItsFileOrAPublicationWithoutItsDocument() throws {
        let t = try TempRepo()
        let repo = try t.repository
        let unit = repo.config.units.codes[0]
        for (kind, key) in [(ItemKind.media, "new.media_use_add"), (.publication, "new.publication_file")] {
            let draft = ItemDraft(kind: kind, title: "Không có tệp", language: repo.config.sourceLanguage, unit: unit, author: "Hoàng Thu Trang")
            #expect(throws: QuangBaError.self) { try repo.create(draft) }
            do { _ = try repo.create(draft) } catch let e as QuangBaError { #expect(e.message.key == key) }
        }
        var event = ItemDraft(kind: .event, title: "Lễ hội Lồng tồng", language: repo.config.sourceLanguage, unit: unit, author: "Hoàng Thu Trang")
        event.fields = [("start", "2027-02-10"), ("end", "2027-02-11")]
        let id = try repo.create(event)
        #expect(t.read("content/event/\(id.rawValue)/item.yaml").contains("start: 2027-02-10"))
    }
}

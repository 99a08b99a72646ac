import Foundation
import Testing
import QuangBaContent
import QuangBaCore

/// The licence of every item: the repository's default in quangba.yaml, an item's own in its
/// item.yaml (`quangba set ID licence …`), a media item's in its media block.
@Suite struct LicenceTests {
    @Test func theRepositoryDefaultIsReadAndABadOneIsNamed() throws {
        let t = try TempRepo()
        #expect(try t.repository.config.licence == .allRightsReserved)
        try t.write("quangba.yaml", t.read("quangba.yaml") + "licence: cc-by-4.0\n")
        #expect(try t.repository.config.licence == .ccBy)
        try t.replaceLine("quangba.yaml", startingWith: "licence:", with: "licence: https://creativecommons.org/licenses/by-sa/4.0/")
        #expect(try t.repository.config.licence == .ccBySa)
        try t.replaceLine("quangba.yaml", startingWith: "licence:", with: "licence: CC-BY")
        do {
            _ = try t.repository
            Issue.record("accepted an unknown licence")
        } catch let e as QuangBaError {
            let d = try #require(e.diagnostics.first { $0.message.key == "config.bad_licence" })
            #expect(d.location.file == "quangba.yaml" && d.location.line != nil)
            #expect(d.message.args["value"] == "CC-BY")
            for row in Licence.table { #expect(d.message.args["allowed"]?.contains(row.code) == true) }
        }
    }

    @Test func anItemCarriesItsOwnLicenceThroughSetWriteAndRead() throws {
        let t = try TempRepo()
        let repo = try t.repository
        let ed = FieldEditor(config: repo.config)
        var item = try #require(repo.reader.read(kind: .article, id: "dong-dang").item)
        #expect(item.licence == nil && item.licence(default: .ccBy) == .ccBy)
        #expect(ed.readBack("licence", of: item, language: LanguageCode("en")) == "all-rights-reserved (quangba.yaml)")
        try ed.apply("licence", "cc-by-4.0", to: &item)
        #expect(item.licence == .ccBy)
        let yaml = ItemWriter.itemYAML(item)
        #expect(yaml.contains("\nlicence: https://creativecommons.org/licenses/by/4.0/\n"))
        var d: [Diagnostic] = []
        let back = try #require(repo.reader.parseItem(yaml, id: item.id, kind: .article, file: "item.yaml", diagnostics: &d))
        #expect(d.isEmpty && back.licence == .ccBy && back.licence(default: .allRightsReserved) == .ccBy)
        try ed.apply("licence", "none", to: &item)
        #expect(item.licence == nil && !ItemWriter.itemYAML(item).contains("licence"))
        do { try ed.apply("licence", "MIT", to: &item); Issue.record("accepted MIT") } catch let e as QuangBaError {
            #expect(e.message.key == "set.bad_value" && e.message.args["expected"]?.contains("cc0-1.0") == true)
        }
        _ = repo.reader.parseItem(yaml.replacingOccurrences(of: "licence: https://creativecommons.org/licenses/by/4.0/", with: "licence: gpl"),
                                  id: item.id, kind: .article, file: "item.yaml", diagnostics: &d)
        #expect(d.contains { $0.message.key == "yaml.bad_value" && $0.message.args["field"] == "licence" })
    }

    /// A media item has one licence, in its media block: a second one beside it is refused, and
    /// `set licence` changes the media block's.
    @Test func aMediaItemKeepsItsLicenceInItsMediaBlock() throws {
        let t = try TempRepo()
        let repo = try t.repository
        var item = try #require(repo.reader.read(kind: .media, id: "anh-mau-son").item)
        try FieldEditor(config: repo.config).apply("licence", "cc0-1.0", to: &item)
        #expect(item.details.media?.licence == .cc0 && item.licence == nil && item.licence(default: .ccBy) == .cc0)
        var d: [Diagnostic] = []
        _ = repo.reader.parseItem(ItemWriter.itemYAML(item) + "licence: cc-by-4.0\n", id: item.id, kind: .media, file: "item.yaml", diagnostics: &d)
        #expect(d.contains { $0.message.key == "item.licence_of_media" && $0.location.line != nil })
    }
}

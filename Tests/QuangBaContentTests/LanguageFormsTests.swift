import Foundation
import Testing
import QuangBaContent
import QuangBaCore

/// Issue 16: credit lines and holders with a form per language, and a publication with a
/// document per language; old single-text, single-file records read as before.
@Suite struct LanguageFormsTests {
    static let en = LanguageCode("en"), vi = LanguageCode("vi"), ja = LanguageCode("ja")
    static let mediaYAML = "content/media/anh-mau-son/item.yaml"

    @Test func aCreditMapGivesEachLanguageItsFormAndTheSourceElsewhere() throws {
        let t = try TempRepo()
        try t.replace(Self.mediaYAML, "  credit: Dữ liệu thử\n", "  credit:\n    vi: Dữ liệu thử\n    en: Test data\n")
        let loaded = try t.repository.reader.read(kind: .media, id: "anh-mau-son")
        #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
        let item = try #require(loaded.item)
        #expect(item.details.media?.credit == "Dữ liệu thử")
        #expect(item.credit(in: Self.en)! == ("Test data", Self.en))
        #expect(item.credit(in: Self.ja)! == ("Dữ liệu thử", Self.vi))   // no Japanese form: the source's, marked as such
        #expect(item.credit(in: Self.vi)! == ("Dữ liệu thử", Self.vi))
        // Written back the same way, and read back equal.
        let yaml = ItemWriter.itemYAML(item)
        #expect(yaml.contains("  credit:\n    vi: Dữ liệu thử\n    en: Test data\n"))
        var d: [Diagnostic] = []
        #expect(try t.repository.reader.parseItem(yaml, id: item.id, kind: .media, file: "item.yaml", diagnostics: &d) == item && d.isEmpty)
    }

    @Test func aPlainCreditStillReadsAsTheSourceLanguages() throws {
        let t = try TempRepo()
        let item = try #require(try t.repository.reader.read(kind: .media, id: "anh-mau-son").item)
        #expect(item.details.media?.creditTranslations.isEmpty == true)
        #expect(item.credit(in: Self.en)! == ("Dữ liệu thử", Self.vi))
        #expect(ItemWriter.itemYAML(item).contains("  credit: Dữ liệu thử\n"))
    }

    @Test(arguments: [
        ("  credit:\n    en: Test data\n", "item.localized_missing_source"),
        ("  credit:\n    vi: Dữ liệu thử\n    fr: Données de test\n", "config.unknown_language"),
    ])
    func aCreditMapWithoutTheSourceOrWithAnUnknownLanguageIsRefused(credit: String, key: String) throws {
        let t = try TempRepo()
        try t.replace(Self.mediaYAML, "  credit: Dữ liệu thử\n", credit)
        let loaded = try t.repository.reader.read(kind: .media, id: "anh-mau-son")
        #expect(loaded.diagnostics.contains { $0.severity == .error && $0.message.key == key }, "\(loaded.diagnostics)")
    }

    @Test func aKnownHolderIsNamedInEachLanguageFromTheTable() throws {
        let t = try TempRepo()
        let config = try String(contentsOf: t.root.appendingPathComponent("quangba.yaml"), encoding: .utf8)
        try t.write("quangba.yaml", config + "\nholders:\n  ubnd-tinh: {vi: Ủy ban nhân dân tỉnh, en: Provincial People's Committee}\n")
        try t.replace(Self.mediaYAML, "  licence: https://creativecommons.org/licenses/by/4.0/\n", "  licence: all-rights-reserved\n  holder: ubnd-tinh\n")
        let repo = try t.repository
        let loaded = repo.reader.read(kind: .media, id: "anh-mau-son")
        #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
        let item = try #require(loaded.item)
        #expect(repo.config.holder(of: item, in: Self.en)! == ("Provincial People's Committee", Self.en))
        #expect(repo.config.holder(of: item, in: Self.ja)! == ("Ủy ban nhân dân tỉnh", Self.vi))
    }

    /// A publication folder in the fixture repository, with the one-page PDF of Tests/Fixtures/formats.
    func publication(_ t: TempRepo, files: String = "", extra: [String] = []) throws -> LoadedItem {
        let pdf = try Data(contentsOf: TempRepo.fixtures.appendingPathComponent("formats/one-page.pdf"))
        let folder = "content/publication/an-pham-thu"
        try t.write("\(folder)/an-pham-thu.pdf", Array(pdf))
        for name in extra { try t.write("\(folder)/\(name)", Array(pdf)) }
        let sha = SHA256.hex(Array(pdf))
        try t.write("\(folder)/vi.md", "---\ntitle: Ấn phẩm thử\n---\n\nThân bài.\n")
        try t.write("\(folder)/item.yaml", """
            kind: publication
            source_language: vi
            created: 2026-11-01T00:00:00Z
            updated: 2026-11-01T00:00:00Z
            author: Nông Văn Minh
            state: draft
            classification: public
            unit: so-vhttdl
            topics: [tourism]
            publication:
              file: an-pham-thu.pdf
              type: application/pdf
              sha256: \(sha)
              bytes: \(pdf.count)
              pages: 1

            """ + files.replacingOccurrences(of: "SHA", with: sha).replacingOccurrences(of: "BYTES", with: "\(pdf.count)"))
        return try t.repository.reader.read(kind: .publication, id: "an-pham-thu")
    }

    @Test func aSingleFilePublicationIsTheSourceLanguagesDocument() throws {
        let t = try TempRepo()
        let loaded = try publication(t)
        #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
        let p = try #require(loaded.item?.details.publication)
        #expect(p.files(source: Self.vi, order: [Self.vi, Self.en]).map(\.language) == [Self.vi])
    }

    @Test func eachLanguagesDocumentIsCheckedAndWrittenBack() throws {
        let t = try TempRepo()
        let files = "  files:\n    en:\n      file: publication-en.pdf\n      type: application/pdf\n      sha256: SHA\n      bytes: BYTES\n      pages: 1\n"
        let loaded = try publication(t, files: files, extra: ["publication-en.pdf"])
        #expect(!loaded.hasErrors && !loaded.diagnostics.contains { $0.message.key == "item.unexpected_file" }, "\(loaded.diagnostics)")
        let item = try #require(loaded.item)
        let p = try #require(item.details.publication)
        #expect(p.files(source: Self.vi, order: [Self.vi, Self.en]).map { "\($0.language):\($0.file.file)" } == ["vi:an-pham-thu.pdf", "en:publication-en.pdf"])
        var d: [Diagnostic] = []
        #expect(try t.repository.reader.parseItem(ItemWriter.itemYAML(item), id: item.id, kind: .publication, file: "item.yaml", diagnostics: &d) == item && d.isEmpty)

        // The English file missing, or not what the record says: refused as the single file is.
        try FileManager.default.removeItem(at: t.root.appendingPathComponent("content/publication/an-pham-thu/publication-en.pdf"))
        let missing = try t.repository.reader.read(kind: .publication, id: "an-pham-thu")
        #expect(missing.diagnostics.contains { $0.message.key == "media.file_missing" && $0.message.args["file"]?.hasSuffix("publication-en.pdf") == true })
        try t.write("content/publication/an-pham-thu/publication-en.pdf", Array("%PDF-1.4 not the recorded file".utf8))
        let changed = try t.repository.reader.read(kind: .publication, id: "an-pham-thu")
        #expect(changed.diagnostics.contains { $0.message.key == "media.sha_mismatch" && $0.message.args["file"] == "publication-en.pdf" })
    }

    @Test func aFilesEntryForTheSourceLanguageIsRefused() throws {
        let t = try TempRepo()
        let files = "  files:\n    vi:\n      file: an-pham-thu-2.pdf\n      type: application/pdf\n      sha256: SHA\n      bytes: BYTES\n"
        let loaded = try publication(t, files: files, extra: ["an-pham-thu-2.pdf"])
        #expect(loaded.diagnostics.contains { $0.severity == .error && $0.message.key == "publication.source_in_files" })
    }
}

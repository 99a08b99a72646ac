import Foundation
import Testing
import QuangBaCore
import QuangBaExport

/// Issue 16: the export carries each language's document of a publication and each language's
/// credit line, with its language, and stays valid against quangba-1.xsd.
@Suite(.serialized) struct LanguageFilesExportTests {
    @Test func aPublicationWithAFilePerLanguageExportsEachWithItsLanguageAndValidates() throws {
        let r = try SampleCopy()
        var options = XMLExport.Options()
        options.now = ExportTests.now
        let (file, _) = try r.export(options)
        let (ok, out) = try validate(file)
        #expect(ok, "\(out)")
        let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        let base = "https://langson.quangba.example/files/cam-nang-dau-tu-tinh-lang-son-2026/"
        // The source language's document first (as before), then the English one.
        let vi = try #require(text.range(of: "<file name=\"cam-nang-dau-tu-tinh-lang-son-2026.pdf\" type=\"application/pdf\" sha256=\"cfb73beabfe0dfb15dd20e8048db86553f20a5ea35273ea0f7c275a5030bf66a\" bytes=\"89022\" pages=\"7\" xml:lang=\"vi\">\(base)cam-nang-dau-tu-tinh-lang-son-2026.pdf</file>"))
        let en = try #require(text.range(of: "<file name=\"lang-son-investment-handbook-2026-en.pdf\" type=\"application/pdf\" sha256=\"9013d93749386ec3998e53abdfe853fb2e83a670435b6c5d348e47f7bc9b3911\" bytes=\"49589\" pages=\"3\" xml:lang=\"en\">\(base)lang-son-investment-handbook-2026-en.pdf</file>"))
        #expect(vi.upperBound < en.lowerBound)
        // Credit lines in each language, the source language's first.
        let viCredit = try #require(text.range(of: "<credit xml:lang=\"vi\">Dữ liệu mẫu QuangBa (minh họa)</credit>"))
        let enCredit = try #require(text.range(of: "<credit xml:lang=\"en\">QuangBa sample data (illustration)</credit>"))
        #expect(viCredit.upperBound < enCredit.lowerBound)
        #expect(text.contains("<credit xml:lang=\"ja\">QuangBaサンプルデータ（イラスト）</credit>"))
        // A known holder is written out by name, never as its code.
        #expect(text.contains("holder=\"Ủy ban nhân dân tỉnh Lạng Sơn\"") && !text.contains("ubnd-tinh-lang-son"))
    }

    @Test func theSchemaRefusesAFileWithAnUnknownAttribute() throws {
        let r = try SampleCopy()
        var options = XMLExport.Options()
        options.now = ExportTests.now
        let (file, _) = try r.export(options)
        let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        // The per-language file is described by the schema, not let through by a lax one.
        try Data(text.replacingOccurrences(of: "pages=\"3\" xml:lang=\"en\"", with: "pages=\"3\" language=\"en\"").utf8).write(to: file)
        #expect(try validate(file).ok == false)
    }
}

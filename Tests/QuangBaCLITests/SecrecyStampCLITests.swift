import Foundation
import Testing

/// Secrecy stamps in the forms editors write are refused wherever text enters (issue 13):
/// `set` values, hand-edited files (reported by `validate` with file and line), and the names of
/// files given to `media add` and `new publication --file`.
@Suite(.serialized) struct SecrecyStampCLITests {
    @Test func setRefusesAStampedValue() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        var r = try cli.run(["new", "article", "--title", "Chợ Kỳ Lừa", "--unit", "van-phong"])
        #expect(r.status == 0, "\(r.err)")
        let before = cli.file("content/article/cho-ky-lua/vi.md")
        for value in ["TỐI MẬT: kế hoạch đón tiếp đoàn", "Tài liệu T Ố I  M Ậ T", "\u{422}ỐI \u{41C}Ậ\u{422}", "ＭẬＴ - Số 12/KH-UBND"] {
            r = try cli.run(["set", "cho-ky-lua", "--lang", "vi", "summary=\(value)"])
            #expect(r.status == 1 && r.err.contains("summary carries a state-secret stamp"), "\(value): \(r.err)")
        }
        r = try cli.run(["set", "cho-ky-lua", "--lang", "vi", "body=Ghi chú\n\nTỐI M\u{200B}ẬT\n"], env: ["LANG": "vi_VN.UTF-8"])
        #expect(r.status == 1 && r.err.contains("body"), "\(r.err)")
        #expect(cli.file("content/article/cho-ky-lua/vi.md") == before)
        // Ordinary text with the same words is stored.
        r = try cli.run(["set", "cho-ky-lua", "--lang", "vi", "summary=MẬT ONG RỪNG và bí mật của ẩm thực xứ Lạng"])
        #expect(r.status == 0, "\(r.err)")
    }

    @Test func validateReportsAStampWithFileAndLine() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let path = "content/article/an-uong-xu-lang/vi.md"
        let text = cli.file(path)
        var lines = text.components(separatedBy: "\n")
        lines.insert("## TỐI MẬT – Phụ lục 2", at: 4)
        lines[1] = "title: \"Ăn uống xứ Lạng (\u{41C}Ậ\u{422})\""
        try lines.joined(separator: "\n").write(to: cli.root.appendingPathComponent(path), atomically: true, encoding: .utf8)
        let r = try cli.run(["validate"])
        #expect(r.status == 1)
        #expect(r.out.contains("\(path):2: error: title carries a state-secret stamp"), "\(r.out)")
        #expect(r.out.contains("\(path):5: error: body carries a state-secret stamp"), "\(r.out)")
        // The honey and the density on the next line are ordinary words.
        #expect(!r.out.contains("\(path):6:"), "\(r.out)")
    }

    @Test func storedFileNamesCarryNoStamp() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qb-stamp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let jpeg = dir.appendingPathComponent("TỐI MẬT.jpg"), pdf = dir.appendingPathComponent("ke-hoach_TOI-MAT.pdf")
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("Tests/Fixtures/images/red-blue-13x7.jpg"), to: jpeg)
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("Tests/Fixtures/formats/one-page.pdf"), to: pdf)

        var r = try cli.run(["media", "add", jpeg.path, "--title", "Ảnh cửa khẩu", "--credit", "Thử", "--unit", "van-phong"])
        #expect(r.status == 1 && r.err.contains("the file name “TỐI MẬT.jpg” carries a state-secret stamp"), "\(r.err)")
        r = try cli.run(["media", "add", jpeg.path, "--title", "Ảnh cửa khẩu", "--credit", "Thử", "--unit", "van-phong"], env: ["LANG": "vi_VN.UTF-8"])
        #expect(r.status == 1 && r.err.contains("tên tệp “TỐI MẬT.jpg” mang dấu chỉ độ mật"), "\(r.err)")
        r = try cli.run(["new", "publication", "--title", "Kế hoạch", "--unit", "van-phong", "--file", pdf.path])
        #expect(r.status == 1 && r.err.contains("ke-hoach_TOI-MAT.pdf"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: cli.root.appendingPathComponent("content/media/anh-cua-khau").path))
        #expect(!FileManager.default.fileExists(atPath: cli.root.appendingPathComponent("content/publication/ke-hoach").path))

        // A stored name written by hand in item.yaml.
        let item = cli.root.appendingPathComponent("content/media/anh-mau-son/item.yaml")
        try cli.file("content/media/anh-mau-son/item.yaml").replacingOccurrences(of: "file: anh-mau-son.png", with: "file: tuyet-mat.png")
            .write(to: item, atomically: true, encoding: .utf8)
        r = try cli.run(["validate"])
        #expect(r.out.contains("content/media/anh-mau-son/item.yaml:12: error: the file name “tuyet-mat.png” carries a state-secret stamp"), "\(r.out)")
    }
}

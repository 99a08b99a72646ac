import Foundation
import Testing

/// A translation that is not a translation is never approved, and `validate` says so: end to end
/// with the built executable on a copy of the fixture repository.
@Suite struct TranslationCheckCLITests {
    static let id = "an-toan-giao-thong-dip-le-hoi"
    static let folder = "content/article/\(id)"

    /// Whether the item is public in `lang`, as `show` (the publication gate) says.
    private func isPublic(_ cli: CLI, _ lang: String) throws -> Bool {
        let shown = try cli.json(try cli.run(["show", Self.id, "--format", "json"])) as! [String: Any]
        return (shown["translations"] as! [[String: Any]]).first { $0["lang"] as? String == lang }?["public"] as? Bool == true
    }

    @Test func aStartedTranslationCannotBeApproved() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        var r = try cli.run(["translate", Self.id, "--to", "ko", "--by", "Lê Hồng Nhung"])
        #expect(r.status == 0, "\(r.err)")
        let ko = cli.file("\(Self.folder)/ko.md")
        // Each field empty under the source text as a comment; no source text outside comments.
        #expect(ko.contains("# vi: An toàn giao thông dịp lễ hội\ntitle: \"\"\n# vi: Khuyến cáo an toàn cho du khách.\nsummary: \"\"\n"))
        #expect(ko.contains("# vi (body):\n# Dịp lễ hội mùa xuân"))
        #expect(ko.split(separator: "\n").filter { !$0.hasPrefix("#") }.allSatisfy { !$0.contains("Dịp lễ hội") && !$0.contains("An toàn") })

        // validate: a warning on the file, and the item stays valid and public in its other languages.
        r = try cli.run(["validate"])
        #expect(r.status == 0, "\(r.out)\(r.err)")
        #expect(r.out.contains("\(Self.folder)/ko.md:1: warning: not translated yet: title, body still empty"), "\(r.out)")
        #expect(try isPublic(cli, "en") && !isPublic(cli, "ko"))

        let audit = cli.file("audit/log.jsonl")
        r = try cli.run(["workflow", "approve", Self.id, "--lang", "ko", "--by", "Lý Thị Hạnh"])
        #expect(r.status == 1)
        #expect(r.err.contains("error: the ko version of \(Self.id) cannot be approved: it is not a translation yet"), "\(r.err)")
        #expect(r.err.contains("\(Self.folder)/ko.md: error: not translated yet: title, body still empty; write the ko text with `quangba edit \(Self.id) --lang ko`"), "\(r.err)")
        #expect(cli.file("\(Self.folder)/ko.md") == ko && cli.file("audit/log.jsonl") == audit)
        // The same refusal in Vietnamese.
        r = try cli.run(["workflow", "approve", Self.id, "--lang", "ko", "--by", "Lý Thị Hạnh"], env: ["QUANGBA_UI_LANG": "vi"])
        #expect(r.status == 1 && r.err.contains("không thể duyệt bản ko của \(Self.id): đây chưa phải là bản dịch") && r.err.contains("chưa dịch: title, body vẫn còn trống"), "\(r.err)")
    }

    @Test func vietnamesePastedIntoChineseIsRefusedAndReported() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        #expect(try cli.run(["translate", Self.id, "--to", "zh-Hans", "--by", "Hoàng Văn Lợi"]).status == 0)
        // The translator pasted the Vietnamese text, with a word changed.
        var r = try cli.run(["set", Self.id, "--lang", "zh-Hans", "title=An toàn giao thông mùa lễ hội", "summary=Khuyến cáo an toàn cho du khách.",
                             "body=Dịp lễ hội mùa xuân, lượng khách tới Lạng Sơn tăng mạnh. Du khách nên đi đúng làn đường."])
        #expect(r.status == 0, "\(r.err)")

        r = try cli.run(["validate"])
        #expect(r.status == 0)
        #expect(r.out.contains("\(Self.folder)/zh-Hans.md:2: warning: not translated yet: this text is Vietnamese"), "\(r.out)")
        r = try cli.run(["workflow", "approve", Self.id, "--lang", "zh-Hans", "--by", "Lý Thị Hạnh"])
        #expect(r.status == 1 && r.err.contains("cannot be approved") && r.err.contains("zh-Hans.md: error: not translated yet: this text is Vietnamese"), "\(r.err)")
        #expect(cli.file("\(Self.folder)/zh-Hans.md").contains("status: draft"))

        // Approved by hand: an error, and the whole item leaves the outputs until it is fixed.
        #expect(try isPublic(cli, "vi"))
        let text = cli.file("\(Self.folder)/zh-Hans.md").replacingOccurrences(of: "status: draft", with: "status: approved")
        try text.write(to: cli.root.appendingPathComponent("\(Self.folder)/zh-Hans.md"), atomically: true, encoding: .utf8)
        r = try cli.run(["validate"])
        #expect(r.status == 1)
        #expect(r.out.contains("\(Self.folder)/zh-Hans.md:2: error: not translated yet: this text is Vietnamese"), "\(r.out)")
        #expect(try !isPublic(cli, "vi"))
    }

    @Test func latinTextInKoreanIsRefused() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        #expect(try cli.run(["translate", Self.id, "--to", "ko", "--by", "Lê Hồng Nhung"]).status == 0)
        // The English version pasted into ko.md.
        #expect(try cli.run(["set", Self.id, "--lang", "ko", "title=Road safety during the festival season", "summary=Safety advice for visitors.",
                             "body=During the spring festivals, visitor numbers in Lạng Sơn rise sharply. Please keep to your lane."]).status == 0)
        let r = try cli.run(["workflow", "approve", Self.id, "--lang", "ko", "--by", "Lý Thị Hạnh"])
        #expect(r.status == 1)
        #expect(r.err.contains("ko.md: error: not translated yet: most letters are Latin (only 0% are Hangul, Han), but ko is written in Hangul, Han"), "\(r.err)")
    }

    @Test func aRealTranslationIsApprovedByAnotherPerson() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        #expect(try cli.run(["translate", Self.id, "--to", "ko", "--by", "Lê Hồng Nhung"]).status == 0)
        var r = try cli.run(["set", Self.id, "--lang", "ko", "title=축제 기간의 교통안전", "summary=방문객을 위한 안전 권고",
                             "body=봄 축제 기간에는 랑선을 찾는 방문객이 크게 늘어납니다. 차선을 지켜 주십시오."])
        #expect(r.status == 0, "\(r.err)")
        r = try cli.run(["validate"])
        #expect(r.status == 0 && !r.out.contains("ko.md"), "\(r.out)")
        r = try cli.run(["workflow", "approve", Self.id, "--lang", "ko", "--by", "Lê Hồng Nhung"])
        #expect(r.status == 1 && r.err.contains("translator"))  // not by the translator
        r = try cli.run(["workflow", "approve", Self.id, "--lang", "ko", "--by", "Lý Thị Hạnh"])
        #expect(r.status == 0, "\(r.err)")
        #expect(cli.file("\(Self.folder)/ko.md").contains("status: approved"))
        #expect(cli.file("audit/log.jsonl").contains("\"approve-translation:ko\""))
        #expect(try isPublic(cli, "ko"))
    }
}

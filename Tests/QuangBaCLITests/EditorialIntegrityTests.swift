import Foundation
import QuangBaTestSupport
import Testing

/// Issue 13 with the built executable: four eyes, edits after approval, state and audit
/// together (docs/content-format.md "Approval and the public version").
@Suite(.serialized) struct EditorialIntegrityTests {
    static let author = "Hoàng Thu Trang"

    /// A fixture copy with one new draft article by `author`, submitted by `submitter`.
    private func submittedArticle(submitter: String = "Vi Đức Thắng") throws -> (CLI, String) {
        let cli = try CLI(fixture: true)
        for folder in ["site-templates", "locales"] {
            try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent(folder), to: cli.root.appendingPathComponent(folder))
        }
        let new = try cli.run(["new", "article", "--title", "Phiên chợ Kỳ Lừa mùa xuân", "--unit", "so-vhttdl", "--by", Self.author])
        #expect(new.status == 0, "\(new.err)")
        let id = new.out.trimmingCharacters(in: .whitespacesAndNewlines)
        try cli.run(["set", id, "--lang", "vi", "summary=Chợ Kỳ Lừa họp đông nhất vào những ngày đầu xuân."])
        let submit = try cli.run(["workflow", "submit", id, "--by", submitter, "--declare-no-secrets"])
        #expect(submit.status == 0, "\(submit.err)")
        return (cli, id)
    }

    /// `submittedArticle`, approved and published by a second person.
    private func publishedArticle() throws -> (CLI, String) {
        let (cli, id) = try submittedArticle()
        #expect(try cli.run(["workflow", "approve", id, "--by", "Lê Văn Nam"]).status == 0)
        #expect(try cli.run(["workflow", "publish", id, "--by", "Lê Văn Nam"]).status == 0)
        return (cli, id)
    }

    /// An English version translated by Nguyễn Thị Mai and approved by Lê Văn Nam.
    private func approvedEnglish(_ cli: CLI, _ id: String, summary: String) throws {
        #expect(try cli.run(["translate", id, "--to", "en", "--by", "Nguyễn Thị Mai"]).status == 0)
        #expect(try cli.run(["set", id, "--lang", "en", "title=Kỳ Lừa market in spring", "summary=\(summary)", "--by", "Nguyễn Thị Mai"]).status == 0)
        #expect(try cli.run(["workflow", "approve", id, "--lang", "en", "--by", "Lê Văn Nam"]).status == 0)
    }

    private func state(_ cli: CLI, _ id: String, kind: String = "article") -> String {
        cli.file("content/\(kind)/\(id)/item.yaml").split(separator: "\n").first { $0.hasPrefix("state: ") }.map { String($0.dropFirst(7)) } ?? ""
    }

    private func audit(_ cli: CLI) -> [[String: String]] {
        cli.file("audit/log.jsonl").split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String] }
    }

    @Test func theAuthorAndTheSubmitterCannotApproveUnderAnySpelling() throws {
        let (cli, id) = try submittedArticle()
        defer { cli.cleanup() }
        let author = ["Hoàng Thu Trang", "Hoang Thu Trang", "hoàng thu trang", "HOÀNG THU TRANG", "  Hoàng   Thu\tTrang ",
                      "Hoa\u{300}ng Thu Trang", "Hoàng Thu Tra\u{200B}ng"]
        let submitter = ["Vi Đức Thắng", "vi duc thang", "VI ĐỨC THẮNG", "Vi Duc  Thang"]
        for name in author + submitter {
            let r = try cli.run(["workflow", "approve", id, "--by", name])
            #expect(r.status == 1, "\(name) approved: \(r.err)")
            // Refused for the right reason: as the author, or as who submitted it.
            let reason = author.contains(name) ? "the author (Hoàng Thu Trang) cannot approve their own item"
                                               : "Vi Đức Thắng submitted this item for review and cannot approve it too"
            #expect(r.err.contains(id) && r.err.contains(reason), "\(name): \(r.err)")
            #expect(state(cli, id) == "review")
        }
        let ok = try cli.run(["workflow", "approve", id, "--by", "Lê Văn Nam"])
        #expect(ok.status == 0, "\(ok.err)")
        #expect(state(cli, id) == "approved")
    }

    @Test func theTranslatorCannotApproveTheTranslation() throws {
        let (cli, id) = try submittedArticle()
        defer { cli.cleanup() }
        #expect(try cli.run(["workflow", "approve", id, "--by", "Lê Văn Nam"]).status == 0)
        #expect(try cli.run(["translate", id, "--to", "en", "--by", "Nguyễn Thị Mai"]).status == 0)
        let set = try cli.run(["set", id, "--lang", "en", "title=Kỳ Lừa market in spring",
                               "summary=Kỳ Lừa market is busiest in the first days of spring.", "--by", "Nguyễn Thị Mai"])
        #expect(set.status == 0, "\(set.err)")
        for name in ["Nguyễn Thị Mai", "nguyen thi mai", "NGUYỄN  THỊ MAI"] {
            let r = try cli.run(["workflow", "approve", id, "--lang", "en", "--by", name])
            #expect(r.status == 1 && r.err.contains("the translator cannot approve their own translation"), "\(name): \(r.err)")
        }
        #expect(cli.file("content/article/\(id)/en.md").contains("status: draft"))
        let ok = try cli.run(["workflow", "approve", id, "--lang", "en", "--by", "Lê Văn Nam"])
        #expect(ok.status == 0, "\(ok.err)")
        #expect(cli.file("content/article/\(id)/en.md").contains("status: approved"))
    }

    /// The author is never taken from git: without --by or a configured identity, and with no
    /// terminal to ask at, nothing is created.
    @Test func theAuthorIsNeverTakenFromGit() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let home = cli.root.appendingPathComponent(".home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        _ = try runTool("git", ["init", "-q", cli.root.path])
        _ = try runTool("git", ["-C", cli.root.path, "config", "user.name", "Hoàng Thu Trang"])
        let env = ["QUANGBA_USER": "", "HOME": home.path, "XDG_CONFIG_HOME": ""]
        let r = try cli.run(["new", "article", "--title", "Không tác giả", "--unit", "so-vhttdl"], env: env)
        #expect(r.status == 1)
        #expect(r.err.contains("QUANGBA_USER"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: cli.root.appendingPathComponent("content/article/khong-tac-gia").path))
        // The per-user setting names the person.
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".config/quangba"), withIntermediateDirectories: true)
        try "Lò Thị Hoa\n".write(to: home.appendingPathComponent(".config/quangba/user"), atomically: true, encoding: .utf8)
        let ok = try cli.run(["new", "article", "--title", "Không tác giả", "--unit", "so-vhttdl"], env: env)
        #expect(ok.status == 0, "\(ok.err)")
        #expect(cli.file("content/article/khong-tac-gia/item.yaml").contains("author: Lò Thị Hoa"))
    }

    /// An edit of a published item waits for a second person; the site and the export keep
    /// the approved text meanwhile, whether the edit came through quangba or by hand.
    @Test func anEditAfterApprovalStaysInvisibleUntilApproved() throws {
        let (cli, id) = try publishedArticle()
        defer { cli.cleanup() }
        let approved = "Chợ Kỳ Lừa họp đông nhất vào những ngày đầu xuân."
        let edited = "Chợ Kỳ Lừa nay họp cả ngày, có thêm khu ẩm thực đêm."

        func exported() throws -> String {
            let out = cli.root.appendingPathComponent("export.xml").path
            let r = try cli.run(["export", "xml", "--out", out])
            #expect(r.status == 0, "\(r.err)")
            return String(decoding: FileManager.default.contents(atPath: out) ?? Data(), as: UTF8.self)
        }
        func page() throws -> String {
            let r = try cli.run(["build"])
            #expect(r.status == 0, "\(r.err)")
            return cli.file("_site/vi/news/\(id)/index.html")
        }
        #expect(try exported().contains(approved))

        // Through quangba: recorded in the audit log, not public.
        let set = try cli.run(["set", id, "--lang", "vi", "summary=\(edited)", "--by", "Trần Bình"])
        #expect(set.status == 0, "\(set.err)")
        #expect(audit(cli).last?["action"] == "edit" && audit(cli).last?["by"] == "Trần Bình")
        var xml = try exported()
        #expect(xml.contains(approved) && !xml.contains(edited))
        var html = try page()
        #expect(html.contains(approved) && !html.contains(edited))
        let show = try cli.run(["show", id])
        #expect(show.out.contains("quangba workflow approve \(id)"), "\(show.out)")
        let diff = try cli.run(["diff", id, "--approved"])
        #expect(diff.out.contains("-" + approved) && diff.out.contains("+" + edited), "\(diff.out)")

        // The editor cannot approve her own change; someone else can, and then it is public.
        let own = try cli.run(["workflow", "approve", id, "--by", "tran binh"])
        #expect(own.status == 1 && own.err.contains("edited this item since its last approval and cannot approve it"), "\(own.err)")
        let ok = try cli.run(["workflow", "approve", id, "--by", "Lê Văn Nam"])
        #expect(ok.status == 0, "\(ok.err)")
        #expect(state(cli, id) == "published")
        xml = try exported()
        #expect(xml.contains(edited) && !xml.contains(approved))
        html = try page()
        #expect(html.contains(edited))

        // By hand, without quangba: still the approved text.
        let file = cli.root.appendingPathComponent("content/article/\(id)/vi.md")
        let handEdited = "Tin chưa kiểm chứng, viết tay không qua duyệt."
        try cli.file("content/article/\(id)/vi.md").replacingOccurrences(of: edited, with: handEdited).write(to: file, atomically: true, encoding: .utf8)
        xml = try exported()
        #expect(xml.contains(edited) && !xml.contains(handEdited))
        html = try page()
        #expect(html.contains(edited) && !html.contains(handEdited))

        // Rejecting the change puts the approved text back in the working file.
        let reject = try cli.run(["workflow", "reject", id, "--by", "Lê Văn Nam"])
        #expect(reject.status == 0, "\(reject.err)")
        #expect(cli.file("content/article/\(id)/vi.md").contains(edited))
        #expect(state(cli, id) == "published")
    }

    /// An approved translation edited afterwards: the public keeps the approved translation.
    @Test func anEditedTranslationKeepsItsApprovedVersionPublic() throws {
        let (cli, id) = try publishedArticle()
        defer { cli.cleanup() }
        try approvedEnglish(cli, id, summary: "The market is busiest in early spring.")
        #expect(try cli.run(["build"]).status == 0)
        #expect(cli.file("_site/en/news/\(id)/index.html").contains("busiest in early spring"))

        let edit = try cli.run(["set", id, "--lang", "en", "summary=An unchecked claim about the market.", "--by", "Nguyễn Thị Mai"])
        #expect(edit.status == 0, "\(edit.err)")
        #expect(audit(cli).last?["action"] == "edit-translation:en")
        #expect(try cli.run(["build"]).status == 0)
        let page = cli.file("_site/en/news/\(id)/index.html")
        #expect(page.contains("busiest in early spring") && !page.contains("unchecked claim"))
        #expect(try cli.run(["workflow", "approve", id, "--lang", "en", "--by", "nguyen thi mai"]).status == 1)
        #expect(try cli.run(["workflow", "approve", id, "--lang", "en", "--by", "Lê Văn Nam"]).status == 0)
        #expect(try cli.run(["build"]).status == 0)
        #expect(cli.file("_site/en/news/\(id)/index.html").contains("unchecked claim"))
    }

    /// A pending edit that is not a translation (Vietnamese pasted into en.md) takes nothing
    /// down: the public keeps the approved English, validate warns, approval refuses it.
    @Test func anUntranslatedEditWaitsWithoutHidingTheItem() throws {
        let (cli, id) = try publishedArticle()
        defer { cli.cleanup() }
        try approvedEnglish(cli, id, summary: "The market is busiest in the first days of spring.")
        let pasted = try cli.run(["set", id, "--lang", "en", "title=Phiên chợ Kỳ Lừa mùa xuân",
                                  "summary=Chợ Kỳ Lừa họp đông nhất vào những ngày đầu xuân, người dân các xã lân cận đều đến.",
                                  "--by", "Nguyễn Thị Mai"])
        #expect(pasted.status == 0, "\(pasted.err)")
        let v = try cli.run(["validate"])
        #expect(v.status == 0 && v.out.contains("en.md"), "\(v.out)")
        #expect(try cli.run(["build"]).status == 0)
        let page = cli.file("_site/en/news/\(id)/index.html")
        #expect(page.contains("busiest in the first days of spring") && !page.contains("người dân"))
        #expect(cli.file("_site/vi/news/\(id)/index.html").contains("Kỳ Lừa"))
        let refused = try cli.run(["workflow", "approve", id, "--lang", "en", "--by", "Lê Văn Nam"])
        #expect(refused.status == 1, "\(refused.err)")
    }

    /// An approved record without its approved source text is an error, not a way around
    /// approval: the working source text never stands in for it.
    @Test func aMissingApprovedSourceTextHidesTheItem() throws {
        let (cli, id) = try publishedArticle()
        defer { cli.cleanup() }
        #expect(try cli.run(["set", id, "--lang", "vi", "summary=Câu chưa được duyệt.", "--by", "Trần Bình"]).status == 0)
        try FileManager.default.removeItem(at: cli.root.appendingPathComponent("content/article/\(id)/vi.approved.md"))
        let v = try cli.run(["validate"])
        #expect(v.status == 1 && v.out.contains("vi.approved.md"), "\(v.out)")
        let out = cli.root.appendingPathComponent("export.xml").path
        #expect(try cli.run(["export", "xml", "--out", out]).status == 0)
        let xml = String(decoding: FileManager.default.contents(atPath: out) ?? Data(), as: UTF8.self)
        #expect(!xml.contains("Câu chưa được duyệt") && !xml.contains(id))
    }

    /// A restamp is a workflow action by a named person, in the audit log.
    @Test func restampIsAudited() throws {
        let (cli, id) = try submittedArticle()
        defer { cli.cleanup() }
        #expect(try cli.run(["translate", id, "--to", "en", "--by", "Nguyễn Thị Mai"]).status == 0)
        #expect(try cli.run(["set", id, "--lang", "vi", "summary=Câu tóm tắt đã sửa."]).status == 0)
        let r = try cli.run(["translate", id, "--to", "en", "--restamp", "--by", "Nguyễn Thị Mai", "--note", "checked"])
        #expect(r.status == 0, "\(r.err)")
        let last = audit(cli).last
        #expect(last?["action"] == "restamp-translation:en" && last?["by"] == "Nguyễn Thị Mai" && last?["note"] == "checked")
    }

    /// When the audit log cannot be written, the state does not change either, and nothing is left behind.
    @Test func anUnwritableAuditLogChangesNothing() throws {
        let (cli, id) = try submittedArticle()
        defer { cli.cleanup() }
        let log = cli.root.appendingPathComponent("audit/log.jsonl")
        let kept = cli.root.appendingPathComponent("audit/kept.jsonl")
        try FileManager.default.moveItem(at: log, to: kept)
        // A folder where the log should be: it cannot be appended to, even by root.
        try FileManager.default.createDirectory(at: log, withIntermediateDirectories: false)
        let before = cli.file("content/article/\(id)/item.yaml")
        let r = try cli.run(["workflow", "approve", id, "--by", "Lê Văn Nam"])
        #expect(r.status == 1)
        #expect(cli.file("content/article/\(id)/item.yaml") == before)
        let names = try FileManager.default.contentsOfDirectory(atPath: cli.root.appendingPathComponent("content/article/\(id)").path)
        #expect(names.sorted() == ["item.yaml", "vi.md"], "\(names)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.root.appendingPathComponent("audit").path).sorted() == ["kept.jsonl", "log.jsonl"])
        let n = try cli.run(["new", "article", "--title", "Bài không có nhật ký", "--unit", "so-vhttdl"])
        #expect(n.status == 1)
        #expect(!FileManager.default.fileExists(atPath: cli.root.appendingPathComponent("content/article/bai-khong-co-nhat-ky").path))
        #expect(try cli.run(["validate"]).out.isEmpty)
    }
}

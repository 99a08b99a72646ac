import Foundation
import QuangBaContent
import QuangBaCore
import Testing

/// Editing a file as text through the library: checks, saves, and nothing typed is lost.
@Suite struct FileEditTests {
    static let id = ItemID("dan-ca-then")!

    @Test func aSaveNeverOverwritesAChangeMadeMeanwhile() throws {
        let t = try TempRepo()
        let repo = try t.repository
        let edit = try FileEdit(repo, id: Self.id, language: LanguageCode("vi"))
        #expect(edit.path == "content/article/dan-ca-then/vi.md" && edit.original == t.read(edit.path))
        // Someone else saves the file while the editor is open.
        let theirs = edit.original + "\nMột đoạn do người khác thêm.\n"
        try t.write(edit.path, theirs)
        let mine = edit.original + "\nĐoạn của tôi.\n"
        #expect(edit.problems(in: mine).isEmpty)
        do {
            try edit.save(mine, by: "Hoàng Thu Trang")
            Issue.record("saved over a change made meanwhile")
        } catch let e as QuangBaError {
            #expect(e.message.key == "edit.conflict")
            let kept = try #require(e.message.args["path"])
            #expect((try? String(contentsOfFile: kept, encoding: .utf8)) == mine)
        }
        #expect(t.read(edit.path) == theirs)
    }

    @Test func aStateChangedByHandIsAProblemAndACleanEditIsSaved() throws {
        let t = try TempRepo()
        let repo = try t.repository
        let edit = try FileEdit(repo, id: Self.id, language: nil)
        let published = edit.original.replacingOccurrences(of: "state: draft", with: "state: published")
        #expect(published != edit.original)
        #expect(edit.problems(in: published).map(\.message.key).contains("set.state_via_workflow"))
        let translation = try FileEdit(repo, id: Self.id, language: LanguageCode("vi"))
        let text = translation.original + "\nHát then, đàn tính.\n"
        try translation.save(text, by: "Hoàng Thu Trang")
        #expect(t.read(translation.path).hasSuffix("Hát then, đàn tính.\n"))
    }
}

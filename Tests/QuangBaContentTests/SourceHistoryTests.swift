import Foundation
import Testing
@testable import QuangBaContent
import QuangBaCore

/// The source history kept in `.translated-from/` by Repository.save, and read back by
/// SourceHistory (with git as the fallback).
@Suite struct SourceHistoryTests {
    static let id = ItemID("an-toan-giao-thong-dip-le-hoi")!
    static let folder = "content/article/an-toan-giao-thong-dip-le-hoi"
    /// The fixture's en.md records this hash, which is the hash of the fixture's vi.md.
    static let enSourceHash = "sha256:fa75a82855c99d3d71ee1a84a674b8f619f0cf4a13462b660c86fefdee5ba3a6"
    static var snapshot: String { "\(folder)/.translated-from/\(enSourceHash.dropFirst(7)).md" }

    private func snapshots(_ t: TempRepo) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: t.root.appendingPathComponent("\(Self.folder)/.translated-from").path)) ?? []).sorted()
    }

    @Test func savingAStampedTranslationKeepsItsSource() throws {
        let t = try TempRepo()
        let repo = try t.repository
        let loaded = try repo.load(Self.id)
        let item = try #require(loaded.item)
        try repo.save(item, translations: [try #require(loaded.translation(LanguageCode("en")))])
        // The copy is the source file in its canonical form, so it hashes to its name.
        #expect(t.read(Self.snapshot) == t.read("\(Self.folder)/vi.md"))
        let v = try #require(try SourceHistory(repo).version(of: item, hash: Self.enSourceHash))
        #expect(v.origin == .snapshot(file: Self.snapshot))
        #expect(v.source == loaded.translation(LanguageCode("vi")))
    }

    /// Editing the source through save keeps the version the translation was made from, and a
    /// restamp (the translation now matches the new source) lets the old copy go.
    @Test func sourceEditKeepsTheOldVersionAndRestampPrunesIt() throws {
        let t = try TempRepo()
        let repo = try t.repository
        var loaded = try repo.load(Self.id)
        let item = try #require(loaded.item)
        var vi = try #require(loaded.translation(LanguageCode("vi")))
        let oldVI = vi
        vi.fields["title"] = "An toàn giao thông mùa lễ hội"
        try repo.save(item, translations: [vi])
        #expect(snapshots(t) == ["\(Self.enSourceHash.dropFirst(7)).md"])

        loaded = try repo.load(Self.id)
        let en = try #require(loaded.translation(LanguageCode("en")))
        let staleness = try SourceHistory(repo).staleness(of: en, source: vi, item: item)
        guard case .changed(let old, let fields) = staleness else { Issue.record("expected changed, got \(staleness)"); return }
        #expect(fields == ["title"])
        #expect(old.source == oldVI)

        var restamped = en
        restamped.sourceHash = vi.contentHash(kind: .article)
        try repo.save(item, translations: [restamped])
        // The old copy stays while the approved version of the translation (kept by this first
        // save of an approved translation, en.approved.md) was made from it; the new one is added.
        #expect(snapshots(t) == ["\(Self.enSourceHash.dropFirst(7)).md", "\(vi.contentHash(kind: .article).dropFirst(7)).md"].sorted())
        guard case .current = try SourceHistory(repo).staleness(of: restamped, source: vi, item: item) else { Issue.record("expected current"); return }
    }

    /// The folder is invisible to the reader (no "unexpected file" warning, no extra language).
    @Test func readersIgnoreTheFolder() throws {
        let t = try TempRepo()
        let repo = try t.repository
        let loaded = try repo.load(Self.id)
        try repo.save(try #require(loaded.item), translations: loaded.translations)
        #expect(!snapshots(t).isEmpty)
        let again = try repo.load(Self.id)
        #expect(again.diagnostics.isEmpty)
        #expect(again.translations.map(\.language.rawValue) == ["vi", "en"])
        let history = Validator.validate(repo).filter { ($0.location.file ?? "").contains(".translated-from") }
        #expect(history.isEmpty)
    }

    /// A copy whose text does not hash to its name is never used, and validate says so.
    @Test func aDamagedCopyIsIgnoredWithAWarning() throws {
        let t = try TempRepo()
        let repo = try t.repository
        let item = try #require(try repo.load(Self.id).item)
        try t.write(Self.snapshot, "---\ntitle: Sửa tay\n---\n\nKhác.\n")
        try t.write("\(Self.folder)/.translated-from/notes.txt", "x")
        #expect(try SourceHistory(repo).version(of: item, hash: Self.enSourceHash) == nil)
        let warnings = Validator.validate(repo).filter { ($0.location.file ?? "").contains(".translated-from") }
        #expect(warnings.map(\.message.key) == ["history.bad_snapshot", "history.unexpected_file"])
        #expect(warnings.allSatisfy { $0.severity == .warning })
        let first = warnings.first.flatMap(\.location.file)
        #expect(first == Self.snapshot)
    }

    /// Translations stamped before source history existed: the old source is found in git.
    @Test func gitHistoryIsTheFallback() throws {
        let t = try TempRepo()
        let repo = try t.repository
        func git(_ args: String...) throws {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["git", "-C", t.root.path, "-c", "user.name=Test", "-c", "user.email=test@example.org"] + args
            p.standardOutput = FileHandle.nullDevice; p.standardError = FileHandle.nullDevice
            try p.run(); p.waitUntilExit()
            #expect(p.terminationStatus == 0, "git \(args)")
        }
        try git("init", "-q")
        try git("add", "-A")
        try git("commit", "-q", "-m", "first")
        // A hand edit of the source, committed: no copy was kept.
        try t.replace("\(Self.folder)/vi.md", "Du khách nên đi đúng làn đường.", "Du khách nên đi đúng làn đường và đội mũ bảo hiểm.")
        try git("commit", "-q", "-am", "source corrected")
        let loaded = try repo.load(Self.id)
        let item = try #require(loaded.item)
        let staleness = try SourceHistory(repo).staleness(of: try #require(loaded.translation(LanguageCode("en"))),
                                                          source: try #require(loaded.translation(LanguageCode("vi"))), item: item)
        guard case .changed(let old, let fields) = staleness else { Issue.record("expected changed, got \(staleness)"); return }
        #expect(fields == ["body"])
        guard case .git(let commit) = old.origin else { Issue.record("expected git, got \(old.origin)"); return }
        #expect(commit.count == 40)
        #expect(old.source.body.hasSuffix("Du khách nên đi đúng làn đường."))
    }

    @Test func withoutGitOrCopyTheHistoryIsNotFound() throws {
        let t = try TempRepo()
        let repo = try t.repository
        try t.replace("\(Self.folder)/vi.md", "làn đường.", "làn đường của mình.")
        let loaded = try repo.load(Self.id)
        let staleness = try SourceHistory(repo).staleness(of: try #require(loaded.translation(LanguageCode("en"))),
                                                          source: try #require(loaded.translation(LanguageCode("vi"))), item: try #require(loaded.item))
        guard case .historyNotFound = staleness else { Issue.record("expected historyNotFound, got \(staleness)"); return }
    }
}

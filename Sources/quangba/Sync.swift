public import ArgumentParser
import Foundation
import QuangBaContent
import QuangBaCore
import QuangBaStore

struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Share your changes and receive your colleagues': commit, pull, push.",
        discussion: """
        Commits what is not yet committed, brings in the changes of the shared repository (git fetch and merge)
        and sends yours (git push). The audit log and records merge by themselves; changes to different items
        merge cleanly. When the same file was changed on both sides, nothing is merged and nothing is lost:
        the message names the item, the file and who changed it on each side. Then choose, per item:
        `quangba sync --keep mine ITEM` keeps your version, `--keep theirs ITEM` takes the other one; the
        version not kept stays in the history.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Settle a conflict of the items named: keep your version (mine) or the shared repository's (theirs).", valueName: "mine|theirs"))
    var keep: GitSync.Side?
    @Argument(help: "With --keep: the item ids (or file paths) to settle.") var items: [String] = []
    @Option(help: ArgumentHelp("Who is acting (default: QUANGBA_USER or ~/.config/quangba/user; asked at a terminal).", valueName: "name")) var by: String?

    func validate() throws {
        if keep != nil, items.isEmpty { throw ValidationError("--keep needs the item ids to settle, for example: quangba sync --keep mine cho-ky-lua") }
        if keep == nil, !items.isEmpty { throw ValidationError("item ids are given only with --keep mine|theirs") }
    }

    func run() throws {
        try execute(global) {
            let repo = try global.repository()
            let person = try Editing.person(by)
            let lang = Editing.repositoryLanguage(repo)
            let sync = GitSync(root: repo.root, person: person,
                               pendingMessage: Editing.commitText(lang, "commit.pending", ["by": person]),
                               mergeMessage: Editing.commitText(lang, "commit.merge", ["by": person]))
            let report = try sync.run(keep: keep.map { ($0, items) })
            for (path, side) in report.kept {
                Console.err(Console.text(side == .mine ? "sync.kept_mine" : "sync.kept_theirs", ["path": path]))
            }
            // The pulled content reaches the index now, not at the next command's look at content/.
            if FileManager.default.fileExists(atPath: repo.root.appendingPathComponent(".quangba/index.sqlite").path) {
                _ = try? Index(repository: repo).sync()
            }
            Console.out(Console.text("sync.done", ["remote": report.remote, "pulled": "\(report.pulled)", "pushed": "\(report.pushed)"]))
        }
    }
}

extension GitSync.Side: ExpressibleByArgument {}

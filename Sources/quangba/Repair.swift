import ArgumentParser
import QuangBaContent
import QuangBaCore

struct Repair: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Finish or undo changes that a killed command left half-done, and remove its leftover files.",
        discussion: """
        A change whose audit entry was written is finished; one whose entry was not is undone. Then the hidden
        files a killed command left in content/ (staged files, temporary files, unfinished new items) are
        deleted. Every other command ignores them; `quangba validate` lists them.
        """
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try execute(global) {
            let repo = try global.repository()
            let (finished, removed) = try Editing.locked(repo) { try repo.repair() }
            for path in removed { Console.out(path) }
            Console.err(Console.text("repair.done", ["finished": "\(finished)", "removed": "\(removed.count)"]))
        }
    }
}

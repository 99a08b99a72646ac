public import ArgumentParser
import Foundation
import QuangBaContent
import QuangBaCore
import QuangBaStore

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Repository folder (default: the nearest folder upward that holds quangba.yaml).", valueName: "dir"))
    var root: String?

    @Option(name: .customLong("ui-lang"), help: ArgumentHelp("Language of messages and prompts: vi or en (default: from LANG).", valueName: "lang"))
    var uiLang: String?

    func repository() throws -> Repository {
        let start = URL(fileURLWithPath: root ?? FileManager.default.currentDirectoryPath)
        if root != nil {
            return try Repository(root: start)
        }
        guard let found = Repository.locate(from: start) else {
            throw QuangBaError(Message("repo.not_found", ["path": start.path]))
        }
        return try Repository(root: found)
    }

    /// The index, brought up to date with content/ first.
    func syncedIndex(_ repo: Repository) throws -> Index {
        let index = try Index(repository: repo)
        try index.sync()
        return index
    }
}

/// Runs a command body: sets the message language and turns QuangBa errors into a clear
/// message on standard error and exit status 1.
func execute(_ global: GlobalOptions, _ body: () throws -> Void) throws {
    Console.configure(uiLanguage: global.uiLang)
    do {
        try body()
    } catch let e as QuangBaError {
        Console.report(e)
        throw ExitCode(1)
    } catch let e as CocoaError {
        Console.err(Console.text("severity.error") + ": " + Console.text("io.failed", ["reason": e.localizedDescription]))
        throw ExitCode(1)
    } catch let e as ExitCode {
        throw e
    } catch {
        // Anything else comes from below the content layer (the index database, the system).
        Console.err(Console.text("severity.error") + ": " + Console.text("io.unexpected", ["reason": "\(error)"]))
        throw ExitCode(1)
    }
}

/// Parses an item id argument with a message that says what an id looks like.
func parseID(_ s: String) throws -> ItemID {
    guard let id = ItemID(s) else { throw QuangBaError(Message("item.bad_id", ["id": s])) }
    return id
}

extension ItemKind: ExpressibleByArgument {}
extension ItemState: ExpressibleByArgument {}
extension WorkflowAction: ExpressibleByArgument {}
extension ListQuery.Sort: ExpressibleByArgument {}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

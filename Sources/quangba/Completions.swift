import ArgumentParser
import Foundation
import QuangBaContent
import QuangBaCore

/// Shell completion of what a repository holds: item ids, unit and topic codes, languages.
/// The shell asks the tool (`quangba ---completion …`) each time, so the lists are the
/// repository's as they are now; the repository is found as the commands find it (`--root`
/// on the line, else the nearest folder upward holding quangba.yaml).
enum Completions {
    static let ids = CompletionKind.custom { args, _, prefix in
        guard let repo = repository(args) else { return [] }
        return repo.itemFolders().items.map(\.1).filter { $0.hasPrefix(prefix) }.sorted()
    }

    static let units = CompletionKind.custom { args, _, prefix in codes(args, prefix) { $0.units.codes } }
    static let topics = CompletionKind.custom { args, _, prefix in codes(args, prefix) { $0.topics.codes } }
    static let languages = CompletionKind.custom { args, _, prefix in codes(args, prefix) { $0.languageCodes.map(\.rawValue) } }

    private static func codes(_ args: [String], _ prefix: String, _ list: (RepositoryConfig) -> [String]) -> [String] {
        guard let repo = repository(args) else { return [] }
        return list(repo.config).filter { $0.hasPrefix(prefix) }
    }

    private static func repository(_ args: [String]) -> Repository? {
        if let i = args.firstIndex(of: "--root"), i + 1 < args.count {
            return try? Repository(root: URL(fileURLWithPath: args[i + 1]))
        }
        if let given = args.first(where: { $0.hasPrefix("--root=") }) {
            return try? Repository(root: URL(fileURLWithPath: String(given.dropFirst("--root=".count))))
        }
        return Repository.locate(from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).flatMap { try? Repository(root: $0) }
    }
}

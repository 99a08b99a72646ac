import Foundation
import QuangBaContent
import QuangBaCore

/// Shared pieces of the commands that write: the lock, and who is acting.
enum Editing {
    /// Holds the repository's write lock for the duration of `body`, telling the user when it waits.
    /// QUANGBA_LOCK_TIMEOUT (seconds, default 10) sets how long to wait for another writer.
    static func locked<R>(_ repo: Repository, _ body: () throws -> R) throws -> R {
        let timeout = ProcessInfo.processInfo.environment["QUANGBA_LOCK_TIMEOUT"].flatMap(Double.init) ?? 10
        let lock = try RepositoryLock(root: repo.root, timeout: timeout, onWait: { Console.err(Console.text("repo.waiting")) })
        defer { withExtendedLifetime(lock) {} }
        return try body()
    }

    /// `--by`, else QUANGBA_USER, else git's user.name, else the login name.
    static func person(_ by: String?) -> String {
        if let by, !by.trimmingCharacters(in: .whitespaces).isEmpty { return by }
        let env = ProcessInfo.processInfo.environment
        if let u = env["QUANGBA_USER"], !u.isEmpty { return u }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "config", "user.name"]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        if (try? p.run()) != nil {
            p.waitUntilExit()
            let name = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if p.terminationStatus == 0, !name.isEmpty { return name }
        }
        return env["USER"] ?? "unknown"
    }

    /// A `--lang` value, which must be a configured language.
    static func language(_ lang: String, _ repo: Repository) throws -> LanguageCode {
        let code = LanguageCode(lang)
        guard repo.config.isConfigured(code) else { throw unknownLanguage(lang, repo.config.languageCodes) }
        return code
    }

    static func languageArgument(_ lang: String?, _ repo: Repository, default fallback: LanguageCode) throws -> LanguageCode {
        try lang.map { try language($0, repo) } ?? fallback
    }
}

func unknownLanguage(_ lang: String, _ known: [LanguageCode]) -> QuangBaError {
    QuangBaError(Message("cli.unknown_language", ["lang": lang, "known": known.map(\.rawValue).joined(separator: ", ")]))
}

import Foundation
import QuangBaContent
import QuangBaCore
import QuangBaStore

/// Shared pieces of the commands that write: the lock, and who is acting.
enum Editing {
    /// Holds the repository's write lock for the duration of `body`, telling the user when it waits.
    /// QUANGBA_LOCK_TIMEOUT (seconds, default 10) sets how long to wait for another writer.
    static func locked<R>(_ repo: Repository, _ body: () throws -> R) throws -> R {
        let timeout = ProcessInfo.processInfo.environment["QUANGBA_LOCK_TIMEOUT"].flatMap(Double.init) ?? 10
        let lock = try RepositoryLock(root: repo.root, timeout: timeout, onWait: { Console.err(Console.text("repo.waiting")) })
        defer { withExtendedLifetime(lock) {} }
        // A change a killed command left half-done is finished or undone before anything else.
        try repo.recover()
        let result = try body()
        // The change reaches the index, and so harvesters (`quangba serve` reads it) and the
        // record ledger's datestamps, at once rather than at the server's next look at content/.
        // Done holding the lock, so no other command's change slips in between. A failure here
        // loses nothing: the next sync, of any command or of the server, takes the change in.
        if FileManager.default.fileExists(atPath: repo.root.appendingPathComponent(".quangba/index.sqlite").path) {
            _ = try? Index(repository: repo).sync()
        }
        return result
    }

    /// Who is acting: `--by`, else the configured identity (`Identity`), else asked at a
    /// terminal; an error naming the ways to say it otherwise. Never taken from git.
    static func person(_ by: String?) throws -> String {
        if let by, let p = Person(by) { return p.name }
        if let configured = Identity.configured() { return configured }
        if Prompt.isInteractive, let answer = try? Prompt().ask(Console.text("identity.ask"), option: "--by", check: { a in
            guard let p = Person(a) else { throw QuangBaError(Message("identity.invalid")) }
            return p.name
        }) { return answer }
        throw QuangBaError(Message("identity.required", ["file": Identity.settingsFile()?.path ?? "~/.config/quangba/user"]))
    }

    /// Who is editing: needed (and asked for like `person`) only when the edit touches approved
    /// text, which the audit log must then record: an approved or published item, or with
    /// `language` an approved translation.
    static func editor(_ by: String?, _ loaded: LoadedItem, language: LanguageCode?) throws -> String? {
        if let by, let p = Person(by) { return p.name }
        guard let item = loaded.item else { return nil }
        let approved = language.map { $0 != item.sourceLanguage && loaded.translation($0)?.status == .approved } ?? false
        guard approved || [.approved, .published].contains(item.state) else { return Identity.configured() }
        return try person(nil)
    }

    /// A `--lang` value, which must be a configured language.
    static func language(_ lang: String, _ repo: Repository) throws -> LanguageCode {
        guard let code = repo.config.language(matching: lang) else { throw unknownLanguage(lang, repo.config.languageCodes) }
        return code
    }

    static func languageArgument(_ lang: String?, _ repo: Repository, default fallback: LanguageCode) throws -> LanguageCode {
        try lang.map { try language($0, repo) } ?? fallback
    }
}

func unknownLanguage(_ lang: String, _ known: [LanguageCode]) -> QuangBaError {
    QuangBaError(Message("cli.unknown_language", ["lang": lang, "known": known.map(\.rawValue).joined(separator: ", ")]))
}

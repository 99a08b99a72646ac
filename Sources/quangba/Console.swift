import Foundation
import QuangBaContent
import QuangBaCore

/// Everything the tool prints goes through here: messages from the string files in
/// `Messages/<lang>.yaml`, in Vietnamese when the user's locale is Vietnamese.
enum Console {
    nonisolated(unsafe) static var language = "en"
    nonisolated(unsafe) private static var catalogs: [String: [String: String]] = [:]

    /// `--ui-lang`, then QUANGBA_UI_LANG, LC_ALL, LC_MESSAGES, LANG.
    static func configure(uiLanguage: String?) {
        let env = ProcessInfo.processInfo.environment
        let candidates = [uiLanguage, env["QUANGBA_UI_LANG"], env["LC_ALL"], env["LC_MESSAGES"], env["LANG"]]
        let chosen = candidates.compactMap { $0 }.first { !$0.isEmpty } ?? "en"
        language = chosen.lowercased().hasPrefix("vi") ? "vi" : "en"
    }

    /// The messages of `lang`, read as the site's UI strings are (`StringTable`); the files
    /// ship with the tool and a test checks them, so a problem in one cannot reach an editor.
    static func catalog(_ lang: String) -> [String: String] {
        if let c = catalogs[lang] { return c }
        var c: [String: String] = [:]
        if let url = Bundle.module.url(forResource: lang, withExtension: "yaml", subdirectory: "Messages"),
           let text = try? String(contentsOf: url, encoding: .utf8) {
            c = StringTable.parse(text, file: "Messages/\(lang).yaml").strings
        }
        catalogs[lang] = c
        return c
    }

    /// The help texts of `lang` (`Messages/help-<lang>.yaml`, read by `HelpScreen`); English
    /// help is in the command declarations themselves.
    static func helpCatalog(_ lang: String) -> [String: String] { catalog("help-" + lang) }

    /// The message in the user's language, English when a translation is missing.
    static func text(_ m: Message) -> String {
        Message.fill(catalog(language)[m.key] ?? catalog("en")[m.key] ?? m.key, m.args)
    }

    static func text(_ key: String, _ args: [String: String] = [:]) -> String { text(Message(key, args)) }

    static func out(_ s: String) { FileHandle.standardOutput.write(Data((s + "\n").utf8)) }
    static func err(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }

    /// `path:line: error: message`, the form editors and CI annotations understand.
    static func line(_ d: Diagnostic) -> String {
        var loc = ""
        if let f = d.location.file { loc = f + (d.location.line.map { ":\($0)" } ?? "") + ": " }
        if let i = d.location.item, loc.isEmpty || !loc.contains("/\(i)/") { loc += "\(i): " }
        return loc + text(d.severity == .error ? "severity.error" : "severity.warning") + ": " + text(d.message)
    }

    /// Set under `--format json`: errors are a JSON object on standard output, for scripts.
    nonisolated(unsafe) static var jsonErrors = false

    static func report(_ e: QuangBaError) {
        if jsonErrors {
            var o: [String: Any] = ["code": e.message.key, "message": text(e.message)]
            if let f = e.location.file { o["file"] = f }
            if let l = e.location.line { o["line"] = l }
            if let i = e.location.item { o["item"] = i.rawValue }
            if !e.diagnostics.isEmpty { o["diagnostics"] = e.diagnostics.map(JSONOutput.diagnostic) }
            out(JSONOutput.string(["error": o]))
            return
        }
        var head = ""
        if let f = e.location.file { head = f + (e.location.line.map { ":\($0)" } ?? "") + ": " }
        else if let i = e.location.item { head = "\(i): " }
        err(head + text("severity.error") + ": " + text(e.message))
        for d in e.diagnostics { err("  " + line(d)) }
    }

    static var stdinIsTerminal: Bool { isatty(0) == 1 }
    static var stdoutIsTerminal: Bool { isatty(1) == 1 }

    enum Style: String { case bold = "1", red = "31", green = "32", cyan = "36" }

    /// Text for standard output in a terminal colour: only when it is a terminal (never in
    /// files, pipes or CI logs) and NO_COLOR is not set.
    static func styled(_ s: String, _ style: Style) -> String {
        guard stdoutIsTerminal, ProcessInfo.processInfo.environment["NO_COLOR"] == nil else { return s }
        return "\u{1B}[\(style.rawValue)m\(s)\u{1B}[0m"
    }
}

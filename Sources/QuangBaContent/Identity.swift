public import Foundation
import QuangBaCore

/// Who is using quangba, when a command does not say (`--by`): the QUANGBA_USER environment
/// variable, else the first line of the per-user file `$XDG_CONFIG_HOME/quangba/user`
/// (`~/.config/quangba/user`). Never git's user.name: a name the editor did not give cannot
/// stand for her in the four-eyes rule. Nil when neither says; a terminal then asks.
public enum Identity {
    public static func configured(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let u = environment["QUANGBA_USER"], let p = Person(u) { return p.name }
        guard let url = settingsFile(environment), let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first.flatMap { Person(String($0)) }?.name
    }

    public static func settingsFile(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let x = environment["XDG_CONFIG_HOME"], !x.isEmpty { return URL(fileURLWithPath: x).appendingPathComponent("quangba/user") }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(".config/quangba/user")
    }
}

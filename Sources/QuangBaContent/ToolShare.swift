public import Foundation
import QuangBaCore

/// Where the tool finds its own files for `quangba init`: the site templates, the UI strings
/// (`locales/`) and the sample repository. In order: the QUANGBA_SHARE environment variable,
/// then `share/quangba` beside the executable's folder (`<prefix>/bin/quangba` →
/// `<prefix>/share/quangba`, an installed copy), then the package this tool was built from
/// (its root is the sample repository). The first folder that holds `site-templates/` and
/// `locales/` wins; a QUANGBA_SHARE that does not is an error, not skipped, so a typo is seen.
public enum ToolShare {
    public static let variable = "QUANGBA_SHARE"

    /// The folder, or an error naming every place looked at.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment,
                              executable: URL = ToolShare.executable) throws -> URL {
        if let set = environment[variable], !set.isEmpty {
            let url = URL(fileURLWithPath: set)
            guard holdsShare(url) else { throw QuangBaError(Message("init.share_invalid", ["path": url.path, "variable": variable])) }
            return url
        }
        let candidates = [executable.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("share/quangba"), packageRoot]
        if let found = candidates.first(where: holdsShare) { return found }
        throw QuangBaError(Message("init.share_missing", ["places": candidates.map(\.path).joined(separator: ", "), "variable": variable]))
    }

    /// The running executable, its symbolic links followed (`/usr/local/bin/quangba` may be a link
    /// into an installation's own bin folder); argv[0] only when the system does not say.
    public static var executable: URL {
        (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).resolvingSymlinksInPath()
    }

    /// The package root known when the tool was compiled (Sources/QuangBaContent/ToolShare.swift → ../..).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func holdsShare(_ url: URL) -> Bool {
        var isDir: ObjCBool = false
        return ["site-templates", "locales"].allSatisfy {
            FileManager.default.fileExists(atPath: url.appendingPathComponent($0).path, isDirectory: &isDir) && isDir.boolValue
        }
    }
}

/// A message an editor may see: a key into the CLI's string files (`Messages/<lang>.yaml`) and
/// named arguments. Modules below the CLI never hold user-visible prose, so every message can be
/// shown in Vietnamese or English.
public struct Message: Hashable, Sendable, CustomStringConvertible {
    public let key: String
    public let args: [String: String]
    public init(_ key: String, _ args: [String: String] = [:]) { self.key = key; self.args = args }
    /// A stable, untranslated rendering for logs and tests: `key(name=value, …)`.
    public var description: String {
        args.isEmpty ? key : key + "(" + args.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + ")"
    }

    /// `template` with each `{name}` replaced by `args[name]`, in one pass: a value is never
    /// read again, so a title or path holding `{id}` is shown as it is. A placeholder with no
    /// value, and a lone brace, stay as written. The one formatter of the CLI's messages and
    /// the site's UI strings.
    public static func fill(_ template: String, _ args: [String: String]) -> String {
        guard template.contains("{") else { return template }
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}"), let value = args[String(rest[rest.index(after: open)..<close])] else {
                out.append("{")
                rest = rest[rest.index(after: open)...]
                continue
            }
            out += value
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}

/// Where a problem is: a file relative to the repository root, a line when known, or an item.
public struct Location: Hashable, Sendable {
    public var file: String?
    public var line: Int?
    public var item: ItemID?
    public init(file: String? = nil, line: Int? = nil, item: ItemID? = nil) { self.file = file; self.line = line; self.item = item }
}

/// One finding of validation.
public struct Diagnostic: Hashable, Sendable {
    public enum Severity: String, Sendable { case error, warning }
    public var severity: Severity
    public var location: Location
    public var message: Message
    public init(_ severity: Severity = .error, _ location: Location, _ message: Message) {
        self.severity = severity; self.location = location; self.message = message
    }
}

/// The error every QuangBa module throws for bad data or a refused operation. Programmer
/// misuse is a precondition failure instead.
public struct QuangBaError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: Message
    public var location: Location
    /// Further findings, e.g. every validation problem that made a write refuse.
    public var diagnostics: [Diagnostic]
    public init(_ message: Message, at location: Location = Location(), diagnostics: [Diagnostic] = []) {
        self.message = message; self.location = location; self.diagnostics = diagnostics
    }
    public var description: String {
        var s = ""
        if let f = location.file { s += f + (location.line.map { ":\($0)" } ?? "") + ": " }
        else if let i = location.item { s += "\(i): " }
        return s + message.description
    }
}

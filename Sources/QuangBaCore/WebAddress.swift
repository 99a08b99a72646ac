/// An address that content may link to: an absolute `http:` or `https:` URL, or a `mailto:`
/// address. Only `init?(_:)` makes one and it refuses everything else, so no field of an item
/// can carry `javascript:`, `data:` or `vbscript:` in any disguise (letter case, spaces or
/// control characters around or inside the scheme, entities, percent-encoding) into an `href`,
/// the XML export or OAI-PMH.
///
/// The rule is strict rather than lenient: no leading or trailing space, no white space, control
/// or invisible formatting character anywhere, no character RFC 3986 excludes (``<>"\^`{|}``), no
/// broken percent-escape, no user name before the host (`https://trusted@evil`), and no
/// address without a scheme, including protocol-relative ones (`//host/path`): an export is
/// read far from the site, where a relative address means nothing. Letters beyond ASCII are
/// allowed (IRIs such as `https://vi.wikipedia.org/wiki/Lạng_Sơn`).
public struct WebAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address as written.
    public let text: String
    public var description: String { text }

    /// The forms accepted, for messages.
    public static let acceptedForms = "https://…, http://…, mailto:…"

    public init?(_ text: String) {
        guard Self.isValid(text) else { return nil }
        self.text = text
    }

    private static func isValid(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty, scalars.allSatisfy(allowed) else { return false }
        for (i, s) in scalars.enumerated() where s == "%" {
            guard i + 2 < scalars.count, scalars[i + 1].properties.isASCIIHexDigit, scalars[i + 2].properties.isASCIIHexDigit else { return false }
        }
        guard let colon = scalars.firstIndex(of: ":") else { return false }
        let scheme = String(String.UnicodeScalarView(scalars[..<colon])).lowercased()
        let rest = Array(scalars[(colon + 1)...])
        switch scheme {
        case "http", "https": return isWebRest(rest)
        case "mailto": return isMailRest(rest)
        default: return false
        }
    }

    private static func allowed(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return s.value > 0x20 && s.value < 0x7F && !"<>\"\\^`{|}".unicodeScalars.contains(s) }
        let p = s.properties
        return !(p.isWhitespace || p.generalCategory == .control || p.generalCategory == .format
                 || p.generalCategory == .lineSeparator || p.generalCategory == .paragraphSeparator
                 || p.generalCategory == .unassigned || p.generalCategory == .privateUse || p.generalCategory == .surrogate)
    }

    /// `//host[:port]` then an optional path, query or fragment.
    private static func isWebRest(_ rest: [Unicode.Scalar]) -> Bool {
        guard rest.count > 2, rest[0] == "/", rest[1] == "/" else { return false }
        let authority = rest[2...].prefix { !"/?#".unicodeScalars.contains($0) }
        var host = authority[...]
        if let c = authority.lastIndex(of: ":"), authority.first != "[" || authority[..<c].last == "]" {
            let port = authority[(c + 1)...]
            guard port.allSatisfy({ $0.isASCII && $0.properties.numericType == .decimal }),
                  port.isEmpty || port.count <= 5 && Int(String(String.UnicodeScalarView(port)))! <= 65535 else { return false }
            host = authority[..<c]
        }
        guard !host.isEmpty else { return false }
        if host.first == "[" {  // an IPv6 literal
            return host.last == "]" && host.count > 2 && host.dropFirst().dropLast().allSatisfy { $0.properties.isASCIIHexDigit || $0 == ":" || $0 == "." }
        }
        return host.first != "." && host.first != "-" && host.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType == .decimal || "-._".unicodeScalars.contains($0) }
    }

    /// `name@domain`, optionally followed by `?subject=…` and such.
    private static func isMailRest(_ rest: [Unicode.Scalar]) -> Bool {
        let address = rest.prefix { $0 != "?" }
        guard let at = address.lastIndex(of: "@") else { return false }
        let local = address[..<at], domain = address[(at + 1)...]
        return !local.isEmpty && !domain.isEmpty && local.first != "/" && !domain.contains("/")
    }
}

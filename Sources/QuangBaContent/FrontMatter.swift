/// Splits a `<lang>.md` file into its YAML front matter and Markdown body.
struct FrontMatter {
    var yaml: String
    /// Line number of the first YAML line in the file (2: right after the opening `---`).
    var yamlFirstLine: Int
    var body: String

    enum Problem: Error { case missing, unterminated }

    static func split(_ text: String) throws(Problem) -> FrontMatter {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard let first = lines.first, first.trimmingTrailingCR == "---" else { throw .missing }
        lines = lines.dropFirst()
        var yaml: [Substring] = []
        while let l = lines.first, l.trimmingTrailingCR != "---" {
            yaml.append(l)
            lines = lines.dropFirst()
        }
        guard !lines.isEmpty else { throw .unterminated }
        lines = lines.dropFirst()
        // One blank line conventionally separates front matter and body.
        if let l = lines.first, l.trimmingTrailingCR.isEmpty { lines = lines.dropFirst() }
        var body = lines.joined(separator: "\n")
        while body.hasSuffix("\n") { body.removeLast() }
        return FrontMatter(yaml: yaml.joined(separator: "\n"), yamlFirstLine: 2, body: body)
    }

    /// Line in the file where the body starts, for messages about body lines.
    static func bodyFirstLine(_ text: String) -> Int {
        var n = 0, closing = 0
        for (i, l) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where l.trimmingTrailingCR == "---" {
            n += 1
            if n == 2 { closing = i + 1; break }
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return closing < lines.count && lines[closing].trimmingTrailingCR.isEmpty ? closing + 2 : closing + 1
    }
}

extension Substring {
    var trimmingTrailingCR: Substring { hasSuffix("\r") ? dropLast() : self }
}

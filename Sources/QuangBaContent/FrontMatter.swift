/// Splits a `<lang>.md` file into its YAML front matter and Markdown body.
struct FrontMatter {
    var yaml: String
    /// Line number of the first YAML line in the file (2: right after the opening `---`).
    var yamlFirstLine: Int
    var body: String

    enum Problem: Error { case missing, unterminated }

    static func split(_ text: String) throws(Problem) -> FrontMatter {
        // Only the front matter is cut into lines; the body is taken whole.
        let u = text.utf8
        var lineStart = u.startIndex
        var lineNumber = 0
        var yamlStart: String.Index?
        while lineStart != u.endIndex {
            let lineEnd = u[lineStart...].firstIndex(of: 0x0A) ?? u.endIndex
            let line = Substring(text[lineStart..<lineEnd]).trimmingTrailingCR
            lineNumber += 1
            let next = lineEnd == u.endIndex ? lineEnd : u.index(after: lineEnd)
            if lineNumber == 1 {
                guard line == "---" else { throw .missing }
                yamlStart = next
            } else if line == "---", let start = yamlStart {
                var bodyStart = next
                // One blank line conventionally separates front matter and body.
                if let nl = u[bodyStart...].firstIndex(of: 0x0A), Substring(text[bodyStart..<nl]).trimmingTrailingCR.isEmpty { bodyStart = u.index(after: nl) }
                var body = String(text[bodyStart...])
                while let last = body.last, last.isNewline { body.removeLast() }
                var yaml = String(text[start..<lineStart])
                if yaml.hasSuffix("\n") { yaml.removeLast() }
                return FrontMatter(yaml: yaml, yamlFirstLine: 2, body: body)
            }
            lineStart = next
        }
        throw lineNumber == 0 ? .missing : .unterminated
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

/// Line-by-line differences between two texts, for showing what changed in a source since a
/// translation was made: Myers' O((N+M)·D) shortest edit script, grouped into unified-diff hunks.
public enum LineDiff {
    public enum Op: String, Hashable, Sendable { case equal, delete, insert }

    public struct Line: Hashable, Sendable {
        public var op: Op
        public var text: String
        public init(_ op: Op, _ text: String) { self.op = op; self.text = text }
        /// The line as a unified diff writes it: ` `, `-` or `+`, then the text.
        public var unified: String { (op == .equal ? " " : op == .delete ? "-" : "+") + text }
    }

    /// One `@@ -oldStart,oldCount +newStart,newCount @@` block. Starts are 1-based; an empty
    /// side gives the line before the hunk (0 at the top), as `diff -u` does.
    public struct Hunk: Hashable, Sendable {
        public var oldStart: Int, oldCount: Int, newStart: Int, newCount: Int
        public var lines: [Line]
        public var header: String { "@@ -\(Self.range(oldStart, oldCount)) +\(Self.range(newStart, newCount)) @@" }
        static func range(_ start: Int, _ count: Int) -> String { count == 1 ? "\(start)" : "\(start),\(count)" }
    }

    /// The lines of a text; an empty text has none (not one empty line).
    public static func split(_ text: String) -> [String] {
        text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The changes between two texts as hunks with `context` unchanged lines around each change;
    /// changes closer than twice the context share a hunk. No hunks when the texts are equal.
    public static func hunks(_ old: String, _ new: String, context: Int = 3) -> [Hunk] {
        hunks(script(split(old), split(new)), context: context)
    }

    /// A shortest edit script turning `a` into `b`: every line of both, in order, marked kept,
    /// deleted or inserted. Deletions come before insertions within a change.
    public static func script(_ a: [String], _ b: [String]) -> [Line] {
        let trace = forwardTrace(a, b)
        var out: [Line] = []
        var x = a.count, y = b.count
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let prevK = goesDown(v, d: d, k: k) ? k + 1 : k - 1
            let prevX = d == 0 ? 0 : v[prevK + d], prevY = prevX - prevK
            while x > prevX, y > prevY { out.append(Line(.equal, a[x - 1])); x -= 1; y -= 1 }
            guard d > 0 else { break }
            if x == prevX { out.append(Line(.insert, b[y - 1])); y -= 1 } else { out.append(Line(.delete, a[x - 1])); x -= 1 }
        }
        return out.reversed()
    }

    /// Myers' forward search. `trace[d]` is the furthest x on each diagonal k (stored at k + d)
    /// reached with d - 1 edits, kept for the walk back; only the 2d + 1 live diagonals are stored.
    private static func forwardTrace(_ a: [String], _ b: [String]) -> [[Int]] {
        let n = a.count, m = b.count, maxD = n + m
        var v = [Int](repeating: 0, count: 2 * maxD + 3)
        let off = maxD + 1
        var trace: [[Int]] = []
        for d in 0...maxD {
            trace.append(Array(v[(off - d)...(off + d)]))
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && v[off + k - 1] < v[off + k + 1])) ? v[off + k + 1] : v[off + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] { x += 1; y += 1 }
                v[off + k] = x
                if x >= n, y >= m { return trace }
            }
        }
        return trace
    }

    /// Whether diagonal k was reached by a step down (an insertion) from diagonal k + 1.
    private static func goesDown(_ v: [Int], d: Int, k: Int) -> Bool {
        k == -d || (k != d && v[k - 1 + d] < v[k + 1 + d])
    }

    /// Groups an edit script into hunks with `context` lines around each change.
    public static func hunks(_ script: [Line], context: Int) -> [Hunk] {
        let changed = script.indices.filter { script[$0].op != .equal }
        guard let first = changed.first else { return [] }
        // Ranges of script positions, merged when the unchanged gap between changes is small.
        var ranges: [(Int, Int)] = [(first, first)]
        for i in changed.dropFirst() {
            if i - ranges[ranges.count - 1].1 - 1 <= 2 * context { ranges[ranges.count - 1].1 = i } else { ranges.append((i, i)) }
        }
        // Lines of each side consumed before each script position.
        var oldBefore = [0], newBefore = [0]
        for l in script {
            oldBefore.append(oldBefore.last! + (l.op == .insert ? 0 : 1))
            newBefore.append(newBefore.last! + (l.op == .delete ? 0 : 1))
        }
        return ranges.map { lo, hi in
            let start = max(0, lo - context), end = min(script.count, hi + context + 1)
            let oldCount = oldBefore[end] - oldBefore[start], newCount = newBefore[end] - newBefore[start]
            return Hunk(oldStart: oldBefore[start] + (oldCount > 0 ? 1 : 0), oldCount: oldCount,
                        newStart: newBefore[start] + (newCount > 0 ? 1 : 0), newCount: newCount,
                        lines: Array(script[start..<end]))
        }
    }
}

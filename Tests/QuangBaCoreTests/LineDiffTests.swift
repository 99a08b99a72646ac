import Testing
@testable import QuangBaCore

@Suite struct LineDiffTests {
    private func ops(_ a: String, _ b: String) -> String {
        LineDiff.script(a.map(String.init), b.map(String.init)).map(\.unified).joined(separator: " ")
    }

    /// The example of Myers' paper (ABCABBA → CBABAC, D = 5), worked by hand: deletions are
    /// taken before insertions, so the walk is -A -B C +B A B -B A +C.
    @Test func myersPaperExample() {
        #expect(ops("ABCABBA", "CBABAC") == "-A -B  C +B  A  B -B  A +C")
    }

    @Test func smallCases() {
        #expect(ops("", "") == "")
        #expect(ops("abc", "abc") == " a  b  c")
        #expect(ops("", "xy") == "+x +y")
        #expect(ops("xy", "") == "-x -y")
        #expect(ops("abc", "axc") == " a -b +x  c")
        #expect(ops("abc", "abcd") == " a  b  c +d")
        #expect(ops("abc", "bc") == "-a  b  c")
    }

    /// The script is a shortest one: its kept lines are a longest common subsequence, and
    /// replaying it gives both texts back.
    @Test func scriptReplaysBothSides() {
        let a = ["one", "two", "three", "four", "five", "two"], b = ["zero", "one", "three", "four", "two", "five"]
        let s = LineDiff.script(a, b)
        #expect(s.filter { $0.op != .insert }.map(\.text) == a)
        #expect(s.filter { $0.op != .delete }.map(\.text) == b)
        #expect(s.filter { $0.op == .equal }.count == 4)  // one three four five (or … two): LCS length 4
    }

    @Test func oneChangeInTheMiddle() {
        let h = LineDiff.hunks("a\nb\nc", "a\nx\nc")
        #expect(h.map(\.header) == ["@@ -1,3 +1,3 @@"])
        #expect(h[0].lines.map(\.unified) == [" a", "-b", "+x", " c"])
    }

    /// Twenty lines 1…20; line 2 and line 18 changed. Three lines of context make two hunks:
    /// lines 1–5 (only one line exists before line 2) and lines 15–20 (two after line 18).
    @Test func distantChangesMakeTwoHunks() {
        let old = (1...20).map(String.init)
        var new = old
        new[1] = "two"; new[17] = "eighteen"
        let h = LineDiff.hunks(old.joined(separator: "\n"), new.joined(separator: "\n"))
        #expect(h.map(\.header) == ["@@ -1,5 +1,5 @@", "@@ -15,6 +15,6 @@"])
        #expect(h[1].lines.map(\.unified) == [" 15", " 16", " 17", "-18", "+eighteen", " 19", " 20"])
    }

    /// Changes at lines 2 and 9 leave six unchanged lines between them (3–8): twice the
    /// context, so one hunk (lines 1–12). At lines 2 and 10 the gap is seven: two hunks.
    @Test func closeChangesShareAHunk() {
        let old = (1...20).map(String.init)
        var near = old, far = old
        near[1] = "x"; near[8] = "y"
        far[1] = "x"; far[9] = "y"
        #expect(LineDiff.hunks(old.joined(separator: "\n"), near.joined(separator: "\n")).map(\.header) == ["@@ -1,12 +1,12 @@"])
        #expect(LineDiff.hunks(old.joined(separator: "\n"), far.joined(separator: "\n")).map(\.header) == ["@@ -1,5 +1,5 @@", "@@ -7,7 +7,7 @@"])
    }

    /// As `diff -u`: an empty side starts at the line before the hunk.
    @Test func emptySides() {
        #expect(LineDiff.hunks("", "a\nb").map(\.header) == ["@@ -0,0 +1,2 @@"])
        #expect(LineDiff.hunks("a", "").map(\.header) == ["@@ -1 +0,0 @@"])
        #expect(LineDiff.hunks("a\nb\nc\nd\ne", "a\nb\nc\nd\ne\nf").map(\.header) == ["@@ -3,3 +3,4 @@"])
        #expect(LineDiff.hunks("same", "same").isEmpty)
    }

    @Test func changedFieldsInCanonicalOrder() {
        let old = Translation(language: LanguageCode("vi"), fields: ["title": "Ảnh", "alt": "Núi", "caption": "Chú thích"], body: "Một")
        var new = old
        new.fields["alt"] = "Núi Mẫu Sơn"; new.fields["title"] = "Ảnh mới"; new.fields["caption"] = nil; new.fields["summary"] = ""
        #expect(new.changedFields(since: old, kind: .media) == ["title", "caption", "alt"])  // an absent summary equals an empty one
        new.body = "Hai"
        #expect(new.changedFields(since: old, kind: .media) == ["title", "caption", "alt", "body"])
        #expect(old.changedFields(since: old, kind: .media) == [])
    }
}

import Foundation
import Testing

/// The questions of `new` and `media add`, answered as an editor answers them: in a real
/// terminal (tmux), with wrong answers among the right ones.
@Suite(.serialized) struct PromptCLITests {
    /// A program in a tmux pane of its own server, typed at and read like a screen.
    final class Terminal {
        let socket = "qb-\(UUID().uuidString.prefix(8))"
        let shot = FileManager.default.temporaryDirectory.appendingPathComponent("qb-screen-\(UUID().uuidString).txt")
        init(_ command: String, in dir: URL, env: [String: String]) throws {
            let exports = env.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
            try tmux(["new-session", "-d", "-x", "220", "-y", "80", "-s", "t", "cd \(Self.quote(dir.path)) && env \(exports) \(command); echo \"EXIT:$?\"; sleep 120"])
        }
        deinit {
            try? tmux(["kill-server"])
            try? FileManager.default.removeItem(at: shot)
        }

        /// Runs tmux with no pipe to read to its end and no descriptor but the standard ones:
        /// the server it may start lives on, and must hold nothing of this process or of
        /// the other tests running beside it (their pipes would then never end).
        func tmux(_ args: [String], into file: URL? = nil) throws {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/bash")
            let line = (["tmux", "-L", socket, "-f", "/dev/null"] + args).map(Self.quote).joined(separator: " ")
            p.arguments = ["-c", #"for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; exec "$@""#, "tmux",
                           "/bin/bash", "-c", line + " </dev/null >" + Self.quote(file?.path ?? "/dev/null") + " 2>/dev/null"]
            p.standardInput = FileHandle.nullDevice
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
        }

        var screen: String {
            guard (try? tmux(["capture-pane", "-p", "-J", "-S", "-200", "-t", "t"], into: shot)) != nil else { return "" }
            return (try? String(contentsOf: shot, encoding: .utf8)) ?? ""
        }

        /// Waits until the screen shows `text` `times` times (the same question asked again).
        func waitFor(_ text: String, times: Int = 1, seconds: Double = 60) -> Bool {
            let end = Date().addingTimeInterval(seconds)
            while Date() < end {
                if screen.components(separatedBy: text).count - 1 >= times { return true }
                Thread.sleep(forTimeInterval: 0.1)
            }
            return false
        }

        func type(_ line: String) throws { try tmux(["send-keys", "-t", "t", "-l", line]); try tmux(["send-keys", "-t", "t", "Enter"]) }
        func endOfInput() throws { try tmux(["send-keys", "-t", "t", "C-d"]) }

        static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
    }

    static let env = ["LANG": "vi_VN.UTF-8", "QUANGBA_USER": "Hoàng Thu Trang", "TERM": "xterm-256color", "NO_COLOR": "1"]

    @Test func wrongAnswersAreAskedAgainAndNoneIsLost() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let t = try Terminal(CLI.binary.path + " new project", in: cli.root, env: Self.env)
        #expect(t.waitFor("Tiêu đề:"))
        try t.type("Mở rộng khu logistics Đồng Đăng")
        #expect(t.waitFor("Đơn vị quản lý (unit)"))
        // The list shows codes with their Vietnamese names.
        #expect(t.screen.contains("van-phong — Văn phòng UBND tỉnh"))
        try t.type("khong-co")
        #expect(t.waitFor("Lựa chọn của bạn", times: 2), "\(t.screen)")
        #expect(t.screen.contains("khong-co"))
        // A name typed without diacritics is the unit.
        try t.type("van phong ubnd tinh")
        #expect(t.waitFor("Lĩnh vực (sector)"))
        try t.type("9")
        #expect(t.waitFor("Lựa chọn của bạn", times: 4), "\(t.screen)")
        try t.type("1")
        #expect(t.waitFor("Huyện hoặc thành phố (locality)"))
        try t.type("Dong Dang")
        #expect(t.waitFor("Hình thức đầu tư (form)"))
        try t.type("khong biet")
        #expect(t.waitFor("Lựa chọn của bạn", times: 7), "\(t.screen)")
        try t.type("domestic")
        #expect(t.waitFor("Tình trạng dự án (status)"))
        try t.type("calling")
        #expect(t.waitFor("Đơn vị đầu mối"))
        try t.type("2")
        #expect(t.waitFor("EXIT:0"), "\(t.screen)")
        let folder = try #require(try FileManager.default.contentsOfDirectory(atPath: cli.root.appendingPathComponent("content/project").path)
            .first { $0.hasPrefix("mo-rong-khu-logistics") })
        let yaml = cli.file("content/project/\(folder)/item.yaml")
        for expected in ["unit: van-phong", "sector: logistics", "locality: dong-dang", "form: domestic", "status: calling", "contact_unit: so-vhttdl"] {
            #expect(yaml.contains(expected), "\(expected) in \(yaml)")
        }
    }

    @Test func stoppingHalfwayKeepsTheAnswers() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let t = try Terminal(CLI.binary.path + " new project", in: cli.root, env: Self.env)
        #expect(t.waitFor("Tiêu đề:"))
        try t.type("Cảng cạn Đồng Đăng")
        #expect(t.waitFor("Đơn vị quản lý (unit)"))
        try t.type("1")
        #expect(t.waitFor("Lĩnh vực (sector)"))
        try t.endOfInput()
        #expect(t.waitFor("EXIT:1"), "\(t.screen)")
        #expect(t.screen.contains("--title 'Cảng cạn Đồng Đăng' --unit van-phong"), "\(t.screen)")
        let rescue = cli.root.appendingPathComponent(".quangba/rescue")
        let kept = try #require(try FileManager.default.contentsOfDirectory(atPath: rescue.path).first { $0.hasPrefix("answers-") })
        let line = try String(contentsOf: rescue.appendingPathComponent(kept), encoding: .utf8)
        #expect(line.contains("quangba new project --title 'Cảng cạn Đồng Đăng' --unit van-phong"))
        // Given again with the rest, it makes the item without a question.
        let r = try cli.run(["new", "project", "--title", "Cảng cạn Đồng Đăng", "--unit", "van-phong", "sector=logistics", "locality=dong-dang",
                             "form=domestic", "status=calling", "contact_unit=van-phong"])
        #expect(r.status == 0, "\(r.err)")
    }

    /// A wrong value given on the command line is refused before any question, about the value
    /// alone (no item exists yet to name), with the valid ones.
    @Test func aWrongValueOnTheLineIsRefusedFirst() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let r = try cli.run(["new", "article", "--title", "Thử", "--unit", "khong-co"], env: ["LANG": "vi_VN.UTF-8"])
        #expect(r.status == 1)
        #expect(r.err.hasPrefix("lỗi: unit: “khong-co”"), "\(r.err)")
        #expect(r.err.contains("so-vhttdl (Sở Văn hóa, Thể thao và Du lịch"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.root.appendingPathComponent("content/article").path).count == 5)
    }

    /// `media add` asks for the licence (and, for all rights reserved, the holder) instead of failing.
    @Test func mediaAddAsksForTheLicence() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        // A real 1×1 PNG.
        let png = cli.root.appendingPathComponent("cho-ky-lua.png")
        try Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")!.write(to: png)
        let t = try Terminal(CLI.binary.path + " media add cho-ky-lua.png", in: cli.root, env: Self.env)
        #expect(t.waitFor("Tiêu đề [cho-ky-lua]:"), "\(t.screen)")
        try t.type("Chợ Kỳ Lừa buổi sáng")
        #expect(t.waitFor("Đơn vị quản lý (unit)"))
        try t.type("so-vhttdl")
        #expect(t.waitFor("Ghi công"))
        try t.type("")
        #expect(t.waitFor("câu này cần có câu trả lời"), "\(t.screen)")
        try t.type("Trung tâm Thông tin Xúc tiến Du lịch")
        #expect(t.waitFor("Giấy phép sử dụng (licence)"))
        #expect(t.screen.contains("all-rights-reserved — giữ toàn quyền tác giả"))
        try t.type("8")
        #expect(t.waitFor("Chủ sở hữu quyền (holder)"), "\(t.screen)")
        try t.type("UBND tỉnh Lạng Sơn")
        #expect(t.waitFor("Văn bản thay thế"))
        try t.type("Người dân mua bán rau quả ở chợ Kỳ Lừa")
        #expect(t.waitFor("EXIT:0"), "\(t.screen)")
        let yaml = cli.file("content/media/cho-ky-lua-buoi-sang/item.yaml")
        #expect(yaml.contains("all-rights-reserved"), "\(yaml)")
        #expect(yaml.contains("UBND tỉnh Lạng Sơn"))
    }
}

import Foundation
import Testing

/// Typed values end to end: what an editor types with `quangba set` is stored exactly as meant
/// or refused with the accepted forms, the item named and its file untouched. The expected
/// values are worked out by hand (2.900 tỷ = 2 900 × 10^9), never copied from the tool.
@Suite struct TypedValuesCLITests {
    enum Outcome {
        /// A line item.yaml must then hold.
        case stored(String)
        /// A text the refusal must show (one of the accepted forms, with what it reads as).
        case refused(String)
    }

    static let moneyForms = "2.900 tỷ đồng = 2 900 000 000 000 VND"
    static let timeForms = "2026-05-01T08:30:00+07:00 = 2026-05-01T01:30:00Z"
    static let dayForms = "01/05/2026 = 2026-05-01"

    static let table: [(field: String, input: String, outcome: Outcome)] = [
        ("capital", "2900000000000 VND", .stored("  capital: {amount: 2900000000000, currency: VND}")),
        ("capital", "2.900.000.000.000 VND", .stored("  capital: {amount: 2900000000000, currency: VND}")),
        ("capital", "2 900 000 000 000 VND", .stored("  capital: {amount: 2900000000000, currency: VND}")),
        ("capital", "2.900 tỷ đồng", .stored("  capital: {amount: 2900000000000, currency: VND}")),
        ("capital", "2,9 nghìn tỷ đồng", .stored("  capital: {amount: 2900000000000, currency: VND}")),
        ("capital", "VND 2.9 trillion", .stored("  capital: {amount: 2900000000000, currency: VND}")),
        ("capital", "120 triệu USD", .stored("  capital: {amount: 120000000, currency: USD}")),
        ("capital", "1,5 triệu USD", .stored("  capital: {amount: 1500000, currency: USD}")),
        ("capital", "USD 1.5 million", .stored("  capital: {amount: 1500000, currency: USD}")),
        ("capital", "1,200,000 USD", .stored("  capital: {amount: 1200000, currency: USD}")),
        ("capital", "USD 1,200 million", .stored("  capital: {amount: 1200000000, currency: USD}")),
        ("capital", "US$ 25,000,000", .stored("  capital: {amount: 25000000, currency: USD}")),
        ("capital", "500 tỉ ₫", .stored("  capital: {amount: 500000000000, currency: VND}")),
        ("capital", "1.200,5 tỷ đồng", .stored("  capital: {amount: 1200500000000, currency: VND}")),
        ("capital", "1,23456789 triệu USD", .stored("  capital: {amount: 1234567.89, currency: USD}")),
        ("capital", "2.5 USD", .refused(moneyForms)),
        ("capital", "12,5 USD", .refused(moneyForms)),
        ("capital", "1,200.50 USD", .refused(moneyForms)),
        ("capital", "1.200,50 VND", .refused(moneyForms)),
        ("capital", "2.900 VND", .refused(moneyForms)),
        ("capital", "1,200 USD", .refused(moneyForms)),
        ("capital", "2.5 triệu USD", .refused("2 500 000 USD")),
        ("capital", "2,900 tỷ đồng", .refused("2 900 000 000 000 VND")),
        ("capital", "2,9 nghìn tỷ", .refused(moneyForms)),
        ("capital", "12 EUR", .refused(moneyForms)),
        ("capital", "1e300 VND", .refused(moneyForms)),
        ("capital", "0 VND", .refused(moneyForms)),
        ("capital", "1.000.000 tỷ đồng", .refused(moneyForms)),
        ("capital", "1,20,000 USD", .refused(moneyForms)),
        ("area_ha", "46,5", .stored("  area_ha: 46.5")),
        ("area_ha", "120.25", .stored("  area_ha: 120.25")),
        ("area_ha", "1 234,5", .stored("  area_ha: 1234.5")),
        ("area_ha", "0,125", .stored("  area_ha: 0.125")),
        ("area_ha", "1,2340", .stored("  area_ha: 1.234")),
        ("area_ha", "1.234", .refused("1,2340")),
        ("area_ha", "1,234", .refused("1234")),
        ("area_ha", "46,55555", .refused("46,5")),
        ("area_ha", "1e3", .refused("46,5")),
        ("embargo", "2026-05-01T08:30:00+07:00", .stored("embargo: 2026-05-01T01:30:00Z")),
        ("embargo", "2026-05-01T08:30+07:00", .stored("embargo: 2026-05-01T01:30:00Z")),
        ("embargo", "2026-05-01T00:30:00+07:00", .stored("embargo: 2026-04-30T17:30:00Z")),
        ("embargo", "2026-05-01T02:00:00Z", .stored("embargo: 2026-05-01T02:00:00Z")),
        ("embargo", "2026-05-02", .stored("embargo: 2026-05-02T00:00:00Z")),
        ("embargo", "10/06/2026", .stored("embargo: 2026-06-10T00:00:00Z")),
        ("embargo", "2026-05-01 08:30", .refused("+07:00")),
        ("embargo", "31/02/2026", .refused("31/02")),
        ("embargo", "2200-01-01", .refused("1800–2199")),
        ("decision_date", "10/06/2025", .stored("    date: 2025-06-10")),
        ("decision_date", "11-06-2025", .stored("    date: 2025-06-11")),
        ("decision_date", "12.06.2025", .stored("    date: 2025-06-12")),
        ("decision_date", "ngày 13 tháng 6 năm 2025", .stored("    date: 2025-06-13")),
        ("decision_date", "2025-06-14", .stored("    date: 2025-06-14")),
        ("decision_date", "31/02/2026", .refused("31/02")),
        ("decision_date", "2025-06-10T08:00:00Z", .refused(dayForms)),
        ("locality", "Đồng Đăng", .stored("    locality: dong-dang")),
        ("form", "FDI", .stored("  form: fdi")),
        ("form", "Joint Venture", .stored("  form: joint-venture")),
        ("sector", "LOGISTICS", .stored("  sector: logistics")),
        ("contact_unit", "sở văn hoá, thể thao và du lịch", .stored("  contact_unit: so-vhttdl")),
    ]

    /// A new draft project to set values on.
    static func draftProject(_ cli: CLI) throws -> String {
        let r = try cli.run(["new", "project", "--title", "Dự án kiểm tra giá trị", "--unit", "van-phong", "sector=logistics", "locality=dong-dang",
                             "form=domestic", "status=calling", "contact_unit=van-phong", "decision=Quyết định 1/QĐ-UBND"])
        #expect(r.status == 0, "\(r.err)")
        return r.out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func setStoresExactlyOrRefuses() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let id = try Self.draftProject(cli)
        let path = "content/project/\(id)/item.yaml"
        #expect(Self.table.count >= 40)
        for (field, input, outcome) in Self.table {
            let before = cli.file(path)
            let r = try cli.run(["set", id, "\(field)=\(input)"])
            switch outcome {
            case .stored(let line):
                #expect(r.status == 0, "\(field)=\(input): \(r.err)")
                let lines = cli.file(path).split(separator: "\n").map(String.init)
                #expect(lines.contains(line), "\(field)=\(input) stored as \(lines.filter { $0.contains(line.split(separator: ":")[0].trimmingCharacters(in: .whitespaces)) })")
            case .refused(let shown):
                #expect(r.status != 0, "\(field)=\(input) accepted")
                #expect(r.err.contains(id), "\(field)=\(input): \(r.err)")
                #expect(r.err.contains(shown), "\(field)=\(input): \(r.err)")
                #expect(cli.file(path) == before, "\(field)=\(input) changed the file")
            }
        }
    }

    @Test func setReadsTheStoredValueBack() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let id = try Self.draftProject(cli)
        var r = try cli.run(["set", id, "capital=VND 2.9 trillion"], env: ["QUANGBA_UI_LANG": "vi"])
        #expect(r.status == 0)
        #expect(r.err.contains("capital: 2 900 000 000 000 VND (2.900 tỷ đồng)"), "\(r.err)")
        r = try cli.run(["set", id, "capital=2.900 tỷ đồng", "embargo=2026-05-01T08:30+07:00", "locality=Đồng Đăng"], env: ["QUANGBA_UI_LANG": "en"])
        #expect(r.err.contains("capital: 2 900 000 000 000 VND (VND 2.9 trillion)"), "\(r.err)")
        #expect(r.err.contains("embargo: 2026-05-01T01:30:00Z"))
        #expect(r.err.contains("locality: dong-dang (Đồng Đăng)"))
    }

    /// A hand-written item.yaml may hold what `set` accepts; `edit` stores the canonical form.
    @Test func itemYAMLReadsTheSameFormsAndEditStoresTheCanonicalOnes() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let id = try Self.draftProject(cli)
        let path = "content/project/\(id)/item.yaml"
        #expect(try cli.run(["set", id, "capital=1200000000000 VND", "area_ha=46.5"]).status == 0)
        let script = cli.root.appendingPathComponent("typed-editor.sh")
        try """
            #!/bin/sh
            sed -i -e 's/^  area_ha: .*/  area_ha: "46,5"/' -e 's/^  capital: .*/  capital: 2.900 tỷ đồng/' \
              -e 's/^    locality: .*/    locality: Đồng Đăng/' -e 's/^  form: .*/  form: FDI/' "$1"
            printf 'embargo: 2026-05-01T08:30:00+07:00\\n' >> "$1"
            """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let r = try cli.run(["edit", id], env: ["EDITOR": script.path])
        #expect(r.status == 0, "\(r.err)")
        let lines = cli.file(path).split(separator: "\n").map(String.init)
        for line in ["  area_ha: 46.5", "  capital: {amount: 2900000000000, currency: VND}", "    locality: dong-dang", "  form: fdi",
                     "embargo: 2026-05-01T01:30:00Z"] {
            #expect(lines.contains(line), "\(line) in \(lines)")
        }

        // validate reads a hand-written file through the same parsers: accepted forms pass,
        // ambiguous ones are refused at their line.
        let fixture = "content/project/du-an-logistics-dong-dang/item.yaml"
        let original = cli.file(fixture)
        try original.replacingOccurrences(of: "area_ha: 46.5", with: "area_ha: \"46,5\"")
            .replacingOccurrences(of: "capital: {amount: 1200000000000, currency: VND}", with: "capital: 1.200 tỷ đồng")
            .write(to: cli.root.appendingPathComponent(fixture), atomically: true, encoding: .utf8)
        var v = try cli.run(["validate"])
        #expect(v.status == 0, "\(v.err)")
        try original.replacingOccurrences(of: "area_ha: 46.5", with: "area_ha: 1,234")
            .replacingOccurrences(of: "capital: {amount: 1200000000000, currency: VND}", with: "capital: 1.200 VND")
            .write(to: cli.root.appendingPathComponent(fixture), atomically: true, encoding: .utf8)
        v = try cli.run(["validate"])
        #expect(v.status != 0)
        let report = (v.out + v.err).split(separator: "\n")
        #expect(report.contains { $0.contains("\(fixture):15:") && $0.contains("1,2340") }, "\(report)")
        #expect(report.contains { $0.contains("\(fixture):16:") && $0.contains(Self.moneyForms) }, "\(report)")
    }
}

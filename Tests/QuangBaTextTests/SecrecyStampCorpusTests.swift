import Foundation
@testable import QuangBaText
import Testing

/// The stamp forms editors really write, and ordinary text that must pass (issue 13). Each
/// stamp goes through `lines(in:)`, so through the byte test in front of the full check too.
@Suite struct SecrecyStampCorpusTests {
    static let stamps: [String] = [
        // A line of its own, in any case, with or without diacritics.
        "MẬT", "TỐI MẬT", "TUYỆT MẬT", "mật", "Mật", "tối mật", "Tuyệt mật", "MAT", "TOI MAT", "tuyet mat",
        // Markup: headings, emphasis, quotes, lists, tables.
        "**MẬT**", "# TỐI MẬT", "## TỐI MẬT – Phụ lục 2", "### Tuyệt mật", "> Mật", "- TỐI MẬT", "*Tối mật*",
        "__TUYỆT MẬT__", "1. TỐI MẬT", "| MẬT |",
        // With a colon or a dash and more words.
        "TỐI MẬT: kế hoạch đón tiếp đoàn", "Tối mật: kế hoạch đón tiếp đoàn", "TUYỆT MẬT - Phương án bảo vệ đoàn cấp cao",
        "Tuyệt mật — phương án bảo vệ", "Kế hoạch đón tiếp đoàn – TỐI MẬT", "TỐI MẬT – KHÔNG PHỔ BIẾN", "Phụ lục 3: MẬT",
        // Within a sentence, in capitals.
        "Tài liệu TỐI MẬT", "Tài liệu MẬT gửi các sở, ngành", "Văn bản này là MẬT", "Tài liệu TOI MAT ve doan khach",
        "TUYET MAT: phuong an bao ve", "Báo cáo (TUYỆT MẬT) gửi Tỉnh ủy",
        // Before or after a document number.
        "MẬT - Số 12/KH-UBND", "Số 12/KH-UBND - MẬT", "Số: 45/BC-SNgV (MẬT)", "Kế hoạch số 7/KH-UBND, MẬT",
        "MAT - Số 12/KH-UBND", "12/KH-UBND-MẬT",
        // The label of the administrative header.
        "Độ mật: Tối mật", "ĐỘ MẬT: MẬT", "Độ mật: Mật", "Số: 12/KH-UBND; Độ mật: Tuyệt mật; Độ khẩn: Hỏa tốc",
        "Độ mật: tối mật - Độ khẩn: khẩn", "Do mat: Toi mat",
        // Bracketed markings.
        "[TUYỆT MẬT]", "[Mật] Báo cáo tình hình đoàn vào", "Tài liệu (MẬT) gửi các sở", "(tối mật) Danh sách khách mời",
        "«MẬT»", "“TỐI MẬT”", "【MẬT】", "<MẬT>", "[mật]",
        // Letters spaced one by one.
        "T Ố I  M Ậ T", "M Ậ T", "T U Y Ệ T  M Ậ T", "T Ố I M Ậ T", "M.Ậ.T", "T-Ố-I M-Ậ-T", "m ậ t", "TỐIMẬT", "TUYỆTMẬT",
        // Invisible characters inside the words.
        "TỐI M\u{200B}ẬT", "M\u{200B}Ậ\u{200B}T", "M\u{00AD}ẬT", "\u{FEFF}MẬT", "TỐI\u{200D} MẬT", "M\u{2060}ẬT - Số 3/KH",
        "TỐI M\u{034F}ẬT", "M\u{FE0F}ẬT",
        // Full-width, look-alike and mathematical letters.
        "ＴỐＩ　ＭẬＴ", "ＭẬＴ", "ＴＵＹỆＴ ＭẬＴ", "\u{422}ỐI \u{41C}Ậ\u{422}", "\u{41C}Ậ\u{422}", "\u{39C}Ậ\u{3A4}",
        "TỐ\u{406} MẬT", "\u{41C}\u{410}\u{323}\u{302}\u{422}", "\u{1D40C}\u{1D400}\u{323}\u{302}\u{1D413}",
        "\u{422} Ố \u{406}  \u{41C} Ậ \u{422}", "\u{1D1B}ỐI \u{1D0D}Ậ\u{1D1B}",
        // Decomposed and odd spacing.
        "MA\u{0323}\u{0302}T", "MÂ\u{0323}T", "TUYỆT\u{3000}MẬT", "TỐI MẬT\t", "  TỐI   MẬT  ", "TỐI\u{00A0}MẬT", "2MẬT", "MẬT2",
        // Upper-case paragraphs.
        "BÁO CÁO TÌNH HÌNH ĐÓN TIẾP ĐOÀN. TỐI MẬT. KẾ HOẠCH CHI TIẾT KÈM THEO.",
        "KẾ HOẠCH TUYỆT MẬT VỀ VIỆC BẢO VỆ ĐOÀN", "UBND TỈNH LẠNG SƠN – MẬT – SỐ 12/KH-UBND",
        "CÔNG VĂN SỐ 45/SNGV (MẬT) V/V ĐÓN ĐOÀN",
        // Long lines, where the byte test looks for a capital, a colon or a bracket.
        "Ủy ban nhân dân tỉnh Lạng Sơn gửi các sở, ban, ngành kế hoạch đón tiếp đoàn khách quốc tế; độ mật: tối mật; độ khẩn: khẩn",
        "Ủy ban nhân dân tỉnh Lạng Sơn gửi các sở, ban, ngành kế hoạch đón tiếp đoàn khách quốc tế năm 2025 (tối mật)", "ĐỘ MẬT: TỐI MẬT. ĐỘ KHẨN: HỎA TỐC", "TÀI LIỆU TỐI MẬT GỬI CÁC SỞ",
    ]

    static let ordinary: [String] = [
        // Honey, bile, density, closeness, secret in the ordinary sense.
        "mật ong", "Mật ong rừng Mẫu Sơn có vị ngọt thanh.", "MẬT ONG RỪNG", "# MẬT ONG RỪNG TÂY BẮC",
        "## Mật ong bạc hà Đồng Văn", "HƯƠNG VỊ MẬT ONG", "ĐẶC SẢN LẠNG SƠN: MẬT ONG, HỒNG VÔ HẠT, NA CHI LĂNG",
        "Mật ong: đặc sản vùng cao", "Ong lấy mật từ hoa bạc hà", "Người dân nuôi ong lấy mật trên núi đá",
        "mật thiết", "Quan hệ hữu nghị gắn bó mật thiết giữa hai tỉnh biên giới", "QUAN HỆ MẬT THIẾT GIỮA LẠNG SƠN VÀ QUẢNG TÂY",
        "mật độ dân số", "Mật độ dân số: 96 người/km²", "MẬT ĐỘ DÂN SỐ VÀ PHÂN BỐ DÂN CƯ", "Mật độ giao thông tăng vào dịp lễ hội",
        "Cửa khẩu Hữu Nghị – MẬT ĐỘ XE QUA LẠI CAO", "bí mật của ẩm thực", "Bí mật của ẩm thực xứ Lạng nằm ở lá mắc mật.",
        "BÍ MẬT CỦA ẨM THỰC XỨ LẠNG", "Khám phá BÍ MẬT hang Tam Thanh", "Bí mật", "Quy chế bảo vệ bí mật nhà nước",
        "QUY CHẾ BẢO VỆ BÍ MẬT NHÀ NƯỚC", "Không đăng tải tài liệu mật, tối mật, tuyệt mật lên cổng thông tin",
        "Chuyện về những tài liệu tối mật thời chiến", "Lá mắc mật dùng để nướng vịt", "VỊT QUAY LÁ MẮC MẬT",
        "Chính sách bảo mật thông tin khách hàng", "BẢO MẬT THÔNG TIN", "Mật khẩu Wi-Fi được ghi ở quầy lễ tân",
        "Túi mật và gan", "Hệ thống đường mật", "Bánh chưng đen ăn kèm mật mía", "Buổi gặp mặt thân mật với kiều bào",
        "Mật ngọt chết ruồi", "Vịt quay lá mắc mật là món ăn nổi tiếng của xứ Lạng, được nhiều du khách trong và ngoài nước yêu thích khi đến thăm.", "Hương vị: ngọt như mật", "Độ mật", "ĐỘ MẬT", "Mật (Honey) Festival",
        // Words that fold to the same letters.
        "Mát xa chân bằng thảo dược", "Mát-xa", "Thời tiết mát mẻ quanh năm", "Hang Gió – nơi mát mẻ nhất mùa hè",
        "Tối mát, ngày nắng nhẹ", "TỐI MÁT", "Mắt", "Mặt trời mọc trên đỉnh Mẫu Sơn", "MẶT TRỜI MỌC", "Mất điện",
        "Tôi mất ví ở chợ", "Mát", "Mạt", "Một", "Mẫu Sơn", "Tối nay có chợ đêm Kỳ Lừa", "BUỔI TỐI Ở PHỐ CỔ",
        "Tuyệt vời!", "TUYỆT VỜI", "Mùa hoa mận", "Chè Shan tuyết Mẫu Sơn", "ma túy", "Phòng, chống ma túy tại khu vực biên giới",
        // Administrative text.
        "Ngày 12/6, UBND tỉnh ban hành Kế hoạch số 12/KH-UBND về phát triển du lịch", "Số: 12/KH-UBND",
        "Độ khẩn: Hỏa tốc", "Ban Quản lý Khu kinh tế (BQL KKT)", "Khu kinh tế cửa khẩu Đồng Đăng – Lạng Sơn",
        "Điện thoại: 0205 3812 345", "Bảng giá (VND): 150.000 ₫", "Tổng diện tích: 46,5 ha", "Chương trình MAT của WHO",
        // Tourism prose.
        "Chợ Đông Kinh mở cửa từ 6 giờ sáng", "Du khách có thể thưởng thức phở chua, khâu nhục và vịt quay",
        "Đền Mẫu Đồng Đăng", "Ải Chi Lăng", "Động Tam Thanh", "PHỐ ĐI BỘ KỲ LỪA", "Bảo tàng tỉnh mở cửa buổi tối",
        "Tiếng Anh: mat (tấm thảm)", "Thảm (mat) tre",
        // English, Chinese, Japanese, Korean.
        "Matt", "Matt Damon visited Ha Long Bay.", "Bring a yoga MAT for the morning session.", "MAT stands for Mountain Adventure Tours.",
        "The mat is woven from bamboo.", "Information on the format of automatic matter", "Investment incentives for the logistics centre",
        "TOTAL AREA: 46.5 HA", "MATERIALS AND METHODS", "Mat Cave Tour", "Matthew, Mathilde and Mattias", "MATT'S BAR",
        "谅山蜂蜜是特产", "蜂蜜（はちみつ）は特産品です", "꿀은 랑선의 특산물입니다", "面积：46.5㎡",
    ]

    /// Stamp forms that, written in capitals inside an upper-case paragraph, read as ordinary
    /// words: "TÀI LIỆU MẬT GỬI" is "HẦM MẬT", "HOA MẬT" to the rules; punctuation must set a lone
    /// "MẬT" apart in running capitals (SecrecyStamp's rule 3).
    static let notInCapitals: Set<String> = ["Tài liệu MẬT gửi các sở, ngành", "Văn bản này là MẬT"]

    static func embedded(_ form: String) -> String {
        "UBND TỈNH LẠNG SƠN. \(form.uppercased()). KẾ HOẠCH ĐÓN TIẾP ĐOÀN KHÁCH QUỐC TẾ NĂM 2025."
    }

    @Test func corpusIsLargeEnough() {
        // Distinct by their characters: Swift's == takes "MA\u{323}\u{302}T" for "MẬT".
        #expect(Set(Self.stamps.map { $0.unicodeScalars.map(\.value) }).count == Self.stamps.count && Self.stamps.count >= 80)
        #expect(Set(Self.ordinary.map { $0.unicodeScalars.map(\.value) }).count == Self.ordinary.count && Self.ordinary.count >= 80)
    }

    @Test(arguments: stamps)
    func stampIsCaught(text: String) {
        #expect(SecrecyStamp.lines(in: "Tiêu đề\n" + text + "\nnội dung") == [2])
    }

    @Test(arguments: stamps.filter { !notInCapitals.contains($0) })
    func stampIsCaughtInAnUpperCaseParagraph(text: String) {
        #expect(SecrecyStamp.lines(in: Self.embedded(text)) == [1], "\(Self.embedded(text))")
    }

    @Test(arguments: ordinary)
    func ordinaryTextPasses(text: String) {
        #expect(SecrecyStamp.lines(in: text).isEmpty)
        #expect(SecrecyStamp.lines(in: text.uppercased() == text ? text : "Lạng Sơn\n" + text).isEmpty)
    }

    /// The table for the note: printed by `swift test --filter confusionTable`.
    @Test func confusionTable() {
        let caught = Self.stamps.filter { !SecrecyStamp.lines(in: $0).isEmpty }.count
        let paragraphs = Self.stamps.filter { !Self.notInCapitals.contains($0) }
        let caughtInCapitals = paragraphs.filter { !SecrecyStamp.lines(in: Self.embedded($0)).isEmpty }.count
        let refused = Self.ordinary.filter { !SecrecyStamp.lines(in: $0).isEmpty }
        print("""
            secrecy stamps          caught  missed
              own line              \(caught)      \(Self.stamps.count - caught)
              upper-case paragraph  \(caughtInCapitals)      \(paragraphs.count - caughtInCapitals)
            ordinary text           passed  refused
                                    \(Self.ordinary.count - refused.count)     \(refused.count)
            """)
        #expect(caught == Self.stamps.count && caughtInCapitals == paragraphs.count && refused.isEmpty, "\(refused)")
    }

    /// Every invisible character (Unicode's default ignorables) inside the stamp is removed;
    /// every space between spaced letters is one.
    @Test func invisibleAndSpacingCharacters() {
        var missed: [String] = []
        for v in UInt32(0x80)...0x10FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            let p = s.properties
            if p.isDefaultIgnorableCodePoint, p.generalCategory != .unassigned {
                for text in ["TỐI M\(s)ẬT", "M\(s)ẬT - Số 3/KH"] where SecrecyStamp.lines(in: text) != [1] { missed.append(text.debugDescription) }
            }
            if p.isWhitespace, v != 0x85, v != 0x2028, v != 0x2029 {
                let text = "M\(s)Ậ\(s)T"
                if SecrecyStamp.lines(in: text) != [1] { missed.append(text.debugDescription) }
            }
        }
        #expect(missed.isEmpty, "\(missed)")
    }

    /// The byte test's look-alike ranges hold every character that normalization turns into an
    /// m, a or t: checked against ICU for every assigned code point. Latin letters with
    /// diacritics on an ASCII letter ("á", "ṁ") are left out: their marks are not the stamp's.
    @Test func lookalikeRangesHoldEveryLetterICUTurnsIntoMAT() {
        var outside: [String] = []
        for v in UInt32(0x80)...0x10FFFF {
            guard let s = Unicode.Scalar(v), !SecrecyStamp.isLookalike(v) else { continue }
            let category = s.properties.generalCategory
            if [.unassigned, .privateUse, .surrogate, .control].contains(category) { continue }
            let nfd = String(s).decomposedStringWithCanonicalMapping.unicodeScalars
            if nfd.count > 1, nfd.first!.isASCII { continue }
            let folded = Normalization.fold(SecrecyStamp.normalizedThroughICU(String(s)))
            if folded.contains(where: { "mat".contains($0) }) { outside.append(String(format: "U+%04X", v)) }
        }
        #expect(outside.isEmpty, "\(outside)")
    }

    /// The characters `normalized` passes without ICU are the ones ICU leaves as they are.
    @Test func stableCharactersAreLeftAsTheyAreByICU() {
        for v in UInt32(0x80)...0xFFFF where SecrecyStamp.isStable(v) {
            let s = String(Unicode.Scalar(v)!)
            #expect(Array(SecrecyStamp.normalizedThroughICU(s).unicodeScalars) == Array(s.unicodeScalars), "U+\(String(v, radix: 16))")
        }
    }

    @Test(arguments: ["TỐI MẬT.pdf", "toi-mat.pdf", "Ke hoach TOI MAT.docx", "MẬT.jpg", "\u{422}ỐI \u{41C}Ậ\u{422}.pdf",
                      "tuyet_mat_phu_luc.pdf", "tai-lieu-toi-mat.pdf", "Ke-hoach-TOI-MAT.pdf", "[MẬT] bao-cao.pdf", "MẬT - Số 12.pdf"])
    func stampedFileNames(name: String) {
        #expect(SecrecyStamp.isStamped(fileName: name))
    }

    @Test(arguments: ["mat.jpg", "MAT.png", "mat-ong.jpg", "bi-mat-am-thuc.jpg", "Mát xa.jpg", "format.pdf", "Matt.png",
                      "MẬT ONG RỪNG.jpg", "toi.jpg", "do-mat.jpg", "thong-tin.pdf"])
    func ordinaryFileNames(name: String) {
        #expect(!SecrecyStamp.isStamped(fileName: name))
    }
}

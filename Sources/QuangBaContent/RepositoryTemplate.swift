/// The quangba.yaml written by `quangba init`: valid as it stands, with the default languages
/// and one unit and topic to start from.
enum RepositoryTemplate {
    static func config(provinceName: String) -> String {
        let name = ItemWriterScalar.quote(provinceName)
        return """
        # QuangBa repository configuration. See docs/content-format.md.
        province:
          vi: {name: \(name), description: ""}
        base_url: https://example.gov.vn/
        admin_email: ""

        languages:
          - {code: vi, name: Tiếng Việt, source: true}
          - {code: en, name: English}
          - {code: zh-Hans, name: 简体中文}
          - {code: ja, name: 日本語}
          - {code: ko, name: 한국어}

        units:
          van-phong: {vi: Văn phòng UBND tỉnh, en: Office of the Provincial People's Committee}

        topics:
          land-people: {vi: Đất và người, en: Land and people}
          tourism: {vi: Du lịch, en: Tourism}
          investment: {vi: Môi trường đầu tư, en: Investment environment}

        channels:
          portal: {vi: Cổng thông tin điện tử tỉnh, en: Provincial web portal}

        sectors: {}
        localities: {}
        zones: {}

        missing_translation: omit

        """
    }
}

enum ItemWriterScalar {
    static func quote(_ s: String) -> String { YAMLEmitter.scalar(s) }
}

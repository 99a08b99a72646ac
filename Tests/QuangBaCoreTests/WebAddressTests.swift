import Testing
@testable import QuangBaCore

/// Addresses from content: only absolute http(s) and mailto, whatever the disguise.
@Suite struct WebAddressTests {
    @Test(arguments: [
        "https://example.org", "http://example.org/", "HTTPS://Example.org/a/b?c=d&e=f#g", "hTtP://example.org:8080/x",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://vi.wikipedia.org/wiki/Lạng_Sơn", "https://xn--lng-sn-5ta.vn/%C3%A0",
        "https://[2001:db8::1]:443/", "https://[::1]/", "mailto:sovhttdl@langson.gov.vn", "MAILTO:a@b.vn?subject=Xin%20ch%C3%A0o",
        "https://example.org/(1)", "https://127.0.0.1/",
    ])
    func accepted(_ text: String) {
        #expect(WebAddress(text)?.text == text)
    }

    @Test(arguments: [
        // javascript: in every disguise
        "javascript:alert(document.domain)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "java\nscript:alert(1)",
        " javascript:alert(1)", "\u{0}javascript:alert(1)", "javascript&#58;alert(1)", "&#x6A;avascript:alert(1)",
        "&#106;avascript:alert(1)", "%6Aavascript:alert(1)", "javascript\u{FF1A}alert(1)", "\u{200B}javascript:alert(1)",
        "java\u{AD}script:alert(1)", "javascript://%0aalert(1)", "jav&#x09;ascript:alert(1)",
        // other schemes and forms
        "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>", "data:text/html;base64,PHNjcmlwdD4=", "file:///etc/passwd",
        "ftp://example.org/", "//evil.example/x", "/relative/path", "example.org", "", " ", "https:", "https:/example.org",
        "https://", "https:///evil", "https:evil.example", "https://trusted.example@evil.example/", "https://a b.example/",
        "https://example.org/a b", "https://example.org ", " https://example.org", "https://example.org\n", "https://example.org/\u{7F}",
        "https://example.org/\u{85}", "https://example.org/\u{202E}gpj.exe", "https://example.org/\"onmouseover=alert(1)",
        "https://example.org/<script>", "https://example.org\\@evil.example", "https://example.org/%zz", "https://example.org/%4",
        "https://example.org:99999/", "https://example.org:8o/", "https://-x.example/", "https://.example/", "mailto:", "mailto:nobody",
        "mailto:@example.org", "mailto:a@", "mailto://evil.example/@x", "https://[::1/", "https://exa`mple.org/",
    ])
    func refused(_ text: String) {
        #expect(WebAddress(text) == nil)
    }
}

import Foundation
import QuangBaContent
import QuangBaCore

/// The portal's logo and icon (`portal.logo`, `portal.icon` in quangba.yaml), checked before
/// anything is built, and the icon files browsers ask for at the site's root.
struct PortalAssets: Sendable {
    struct Image: Sendable {
        let path: String
        let width: Int
        let height: Int
    }

    var logo: Image?
    var icon: Image?
    /// `favicon.ico`: the icon's PNG in an ICO container (browsers ask for it at the root).
    var favicon: [UInt8]?
    /// `apple-touch-icon.png`: the icon as it is.
    var touchIcon: [UInt8]?

    init(config: PortalConfig, templates: Templates) throws {
        if let name = config.logo { logo = try Self.logo(name, templates) }
        if let name = config.icon {
            let bytes = try Self.asset(name, "portal.icon", templates)
            guard PNGFile.isPNG(bytes), let d = ImageHeader.dimensions(bytes), d.width == d.height, d.width >= 180, d.width <= 1024 else {
                throw QuangBaError(Message("site.icon_format", ["path": "site-templates/assets/" + name]), at: Location(file: "site-templates/assets/" + name))
            }
            icon = Image(path: SitePaths.touchIcon, width: d.width, height: d.height)
            favicon = PNGFile.ico(bytes, size: d.width)
            touchIcon = bytes
        }
    }

    private static func logo(_ name: String, _ templates: Templates) throws -> Image {
        let bytes = try asset(name, "portal.logo", templates)
        let file = "site-templates/assets/" + name
        if name.lowercased().hasSuffix(".svg") {
            if let problem = SafeSVG.problem(bytes) {
                throw QuangBaError(Message("site.logo_unsafe", ["path": file, "problem": problem]), at: Location(file: file))
            }
            let size = SafeSVG.size(bytes) ?? (64, 64)
            return Image(path: SitePaths.asset(name), width: size.0, height: size.1)
        }
        guard name.lowercased().hasSuffix(".png"), PNGFile.isPNG(bytes), let d = ImageHeader.dimensions(bytes) else {
            throw QuangBaError(Message("site.logo_format", ["path": file]), at: Location(file: file))
        }
        return Image(path: SitePaths.asset(name), width: d.width, height: d.height)
    }

    private static func asset(_ name: String, _ field: String, _ templates: Templates) throws -> [UInt8] {
        guard let bytes = templates.asset(name) else {
            throw QuangBaError(Message("site.portal_asset_missing", ["field": field, "name": name]), at: Location(file: RepositoryConfig.fileName))
        }
        return bytes
    }
}

enum PNGFile {
    static func isPNG(_ b: [UInt8]) -> Bool { b.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) }

    /// An ICO file holding one PNG image (allowed since Windows Vista; every current browser
    /// reads it). Sizes of 256 and more are written as 0, as the format says.
    static func ico(_ png: [UInt8], size: Int) -> [UInt8] {
        func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func le32(_ v: Int) -> [UInt8] { le16(v & 0xFFFF) + le16(v >> 16) }
        let side = UInt8(size >= 256 ? 0 : size)
        return le16(0) + le16(1) + le16(1)                        // reserved, type icon, one image
            + [side, side, 0, 0] + le16(1) + le16(32)             // width, height, no palette, planes, bits
            + le32(png.count) + le32(6 + 16)                      // size, offset of the image
            + png
    }
}

/// An SVG logo is served from the site's own origin, where a script in it would run: only
/// drawing is allowed. The check is by elements and attributes named anywhere in the text, so
/// it refuses some harmless files rather than let an active one through.
enum SafeSVG {
    private static let forbidden = ["<script", "<foreignobject", "<iframe", "<embed", "<object", "<!doctype", "<!entity",
                                    "javascript:", "data:", "@import", "<use", "<a ", "<a>", "<animate", "<set", "<handler", "<image"]

    /// Why the file may not be published, or nil.
    static func problem(_ bytes: [UInt8]) -> String? {
        guard let text = String(validating: bytes, as: UTF8.self) else { return "not UTF-8" }
        let lower = text.lowercased()
        guard lower.contains("<svg") else { return "no <svg> element" }
        for word in forbidden where lower.contains(word) { return word }
        // Event handlers (onload=, onclick=, …) and links to anything (href, xlink:href).
        var previous: Character = " "
        var i = lower.startIndex
        while i < lower.endIndex {
            let rest = lower[i...]
            if previous.isWhitespace, rest.hasPrefix("on"), let eq = rest.firstIndex(of: "=") {
                let name = rest[rest.index(i, offsetBy: 2)..<eq].trimmingSuffix(while: { $0.isWhitespace })
                if !name.isEmpty, name.allSatisfy({ $0.isLetter }) { return "on" + name + "=" }
            }
            if rest.hasPrefix("href") { return "href" }
            previous = lower[i]
            i = lower.index(after: i)
        }
        return nil
    }

    /// `width` and `height` of the root element, when given in pixels.
    static func size(_ bytes: [UInt8]) -> (Int, Int)? {
        guard let text = String(validating: bytes, as: UTF8.self), let svg = text.range(of: "<svg") else { return nil }
        let tag = text[svg.lowerBound...].prefix { $0 != ">" }
        func number(_ name: String) -> Int? {
            guard let r = tag.range(of: " " + name + "=\"") else { return nil }
            return Int(tag[r.upperBound...].prefix { $0.isNumber })
        }
        guard let w = number("width"), let h = number("height"), w > 0, h > 0 else { return nil }
        return (w, h)
    }
}

extension Substring {
    fileprivate func trimmingSuffix(while drop: (Character) -> Bool) -> Substring {
        var s = self
        while let last = s.last, drop(last) { s = s.dropLast() }
        return s
    }
}

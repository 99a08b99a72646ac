import CLibXML2
import Foundation

/// A document read whole by libxml2 and copied into Swift values, for files that come back
/// from outside (XLIFF from translators): no network, no external entities, no DTD loading,
/// and the first parse error with its line.
struct XMLTree {
    struct ParseError { var line: Int?; var message: String }

    indirect enum Node: Sendable {
        case text(String)
        case element(Element)
    }

    /// Immutable once the tree is built, so it may be read from several threads.
    final class Element: @unchecked Sendable {
        let name: String
        let namespace: String?
        let line: Int
        let attributes: [String: String]
        var nodes: [Node] = []

        init(name: String, namespace: String?, line: Int, attributes: [String: String]) {
            self.name = name; self.namespace = namespace; self.line = line; self.attributes = attributes
        }

        subscript(attribute: String) -> String? { attributes[attribute] }

        var elements: [Element] { nodes.compactMap { if case .element(let e) = $0 { e } else { nil } } }

        /// Child elements of this name in the same namespace.
        func children(_ name: String) -> [Element] { elements.filter { $0.name == name && $0.namespace == namespace } }

        func child(_ name: String) -> Element? { children(name).first }

        /// Elements of this name in the same namespace anywhere below (units may sit in groups).
        func descendants(_ name: String) -> [Element] {
            elements.flatMap { e in (e.name == name && e.namespace == namespace ? [e] : []) + e.descendants(name) }
        }

        /// No text but white space, and no elements.
        var isEmptyContent: Bool {
            nodes.allSatisfy { if case .text(let t) = $0 { t.allSatisfy(\.isWhitespace) } else { false } }
        }

        /// The XLIFF Metadata module's `<mda:meta type="…">` values in the QuangBa group.
        var metadata: [String: String] {
            var out: [String: String] = [:]
            for md in elements where md.name == "metadata" && md.namespace == XLIFF.metadataNamespace {
                for group in md.elements where group.name == "metaGroup" && group["category"] == XLIFF.metaCategory {
                    for meta in group.elements where meta.name == "meta" {
                        if let type = meta["type"] { out[type] = meta.text }
                    }
                }
            }
            return out
        }

        var text: String {
            nodes.map { n in
                switch n {
                case .text(let t): t
                case .element(let e): e.text
                }
            }.joined()
        }
    }

    let root: Element
    let parseError: ParseError?

    /// nil only when libxml2 cannot start a parser at all.
    init?(_ bytes: [UInt8], file: String) {
        guard let ctxt = xmlNewParserCtxt() else { return nil }
        defer { xmlFreeParserCtxt(ctxt) }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let doc = bytes.withUnsafeBufferPointer { b in
            b.baseAddress.map { p in
                p.withMemoryRebound(to: CChar.self, capacity: b.count) { xmlCtxtReadMemory(ctxt, $0, Int32(b.count), file, "UTF-8", options) }
            } ?? nil
        }
        guard let doc, let top = xmlDocGetRootElement(doc) else {
            if let doc { xmlFreeDoc(doc) }
            let e = xmlCtxtGetLastError(ctxt)
            let message = e?.pointee.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "the file is empty"
            parseError = ParseError(line: e.map { Int($0.pointee.line) }, message: message)
            root = Element(name: "", namespace: nil, line: 1, attributes: [:])
            return
        }
        defer { xmlFreeDoc(doc) }
        // XLIFF has no DTD; one in a file from outside could only be used to expand entities.
        if let dtd = doc.pointee.intSubset {
            parseError = ParseError(line: Int(xmlGetLineNo(UnsafeMutableRawPointer(dtd).assumingMemoryBound(to: xmlNode.self))), message: "a DOCTYPE is not allowed here")
            root = Element(name: "", namespace: nil, line: 1, attributes: [:])
            return
        }
        parseError = nil
        root = Self.copy(top)
    }

    private static func copy(_ node: xmlNodePtr) -> Element {
        var attributes: [String: String] = [:]
        var a = node.pointee.properties
        while let attr = a {
            let name = String(cString: attr.pointee.name)
            let prefix = attr.pointee.ns.flatMap { $0.pointee.prefix.map { String(cString: $0) } }
            if let v = xmlNodeGetContent(UnsafeMutableRawPointer(attr).assumingMemoryBound(to: xmlNode.self)) {
                attributes[prefix.map { "\($0):\(name)" } ?? name] = String(cString: v)
                free(v)  // xmlFree is free unless xmlMemSetup changed it
            }
            a = attr.pointee.next
        }
        let e = Element(name: String(cString: node.pointee.name), namespace: node.pointee.ns.map { String(cString: $0.pointee.href) },
                        line: Int(xmlGetLineNo(node)), attributes: attributes)
        var child = node.pointee.children
        while let c = child {
            switch c.pointee.type {
            case XML_ELEMENT_NODE: e.nodes.append(.element(copy(c)))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let v = xmlNodeGetContent(c) { e.nodes.append(.text(String(cString: v))); free(v) }
            default: break
            }
            child = c.pointee.next
        }
        return e
    }
}

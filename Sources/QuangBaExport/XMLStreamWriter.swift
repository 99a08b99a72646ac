import CLibXML2
import Foundation
import QuangBaCore
import QuangBaText

/// Streaming XML through libxml2's xmlTextWriter: elements and attributes are written as they
/// come and flushed to the sink in chunks, so a document of any size takes constant memory.
/// libxml2 escapes markup characters; before that, every string is made XML 1.0-safe here
/// (characters XML forbids become U+FFFD), so no input can make the document invalid.
public final class XMLStreamWriter {
    /// Receives the document's bytes in order; returns false to stop (the write then fails).
    public typealias Sink = (UnsafeRawBufferPointer) -> Bool

    private final class Output {
        let sink: Sink
        var failed = false
        init(_ sink: @escaping Sink) { self.sink = sink }
    }

    private let output: Output
    private let writer: xmlTextWriterPtr
    private var retained: Unmanaged<Output>

    public init(indent: Bool = true, sink: @escaping Sink) throws {
        output = Output(sink)
        retained = Unmanaged.passRetained(output)
        let write: xmlOutputWriteCallback = { context, buffer, length in
            guard let context, let buffer else { return -1 }
            let out = Unmanaged<Output>.fromOpaque(context).takeUnretainedValue()
            if out.failed || !out.sink(UnsafeRawBufferPointer(start: buffer, count: Int(length))) {
                out.failed = true
                return -1
            }
            return length
        }
        guard let buffer = xmlOutputBufferCreateIO(write, nil, retained.toOpaque(), nil),
              let w = xmlNewTextWriter(buffer) else {
            retained.release()
            throw QuangBaError(Message("export.writer_failed"))
        }
        writer = w
        if indent {
            xmlTextWriterSetIndent(writer, 1)
            xmlTextWriterSetIndentString(writer, "  ")
        }
    }

    deinit {
        xmlFreeTextWriter(writer)
        retained.release()
    }

    private func check(_ result: Int32) throws {
        if result < 0 || output.failed { throw QuangBaError(Message("export.write_failed")) }
    }

    public func startDocument() throws { try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil)) }

    public func endDocument() throws {
        try check(xmlTextWriterEndDocument(writer))
        try check(xmlTextWriterFlush(writer))
    }

    public func start(_ name: String) throws { try check(xmlTextWriterStartElement(writer, name)) }

    public func end() throws { try check(xmlTextWriterEndElement(writer)) }

    public func attribute(_ name: String, _ value: String) throws {
        try check(xmlTextWriterWriteAttribute(writer, name, Self.xmlSafe(value)))
    }

    public func text(_ value: String) throws { try check(xmlTextWriterWriteString(writer, Self.xmlSafe(value))) }

    /// `<name attr="…">text</name>`.
    public func element(_ name: String, _ value: String, attributes: [(String, String)] = []) throws {
        try start(name)
        for (k, v) in attributes { try attribute(k, v) }
        try text(value)
        try end()
    }

    /// An element with attributes only.
    public func empty(_ name: String, attributes: [(String, String)]) throws {
        try start(name)
        for (k, v) in attributes { try attribute(k, v) }
        try end()
    }

    /// Well-formed markup made by another writer, inserted as it is.
    public func raw(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        let result = bytes.withUnsafeBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: xmlChar.self, capacity: b.count) { xmlTextWriterWriteRawLen(writer, $0, Int32(b.count)) }
        }
        try check(result)
    }

    /// Hands what is buffered to the sink.
    public func flush() throws { try check(xmlTextWriterFlush(writer)) }

    /// The string with every character XML 1.0 does not allow replaced by U+FFFD (the NUL and
    /// other C0 controls but tab, line feed and carriage return; U+FFFE and U+FFFF). Swift
    /// strings hold no lone surrogates: bad input was already repaired when it was decoded.
    public static func xmlSafe(_ s: String) -> String {
        guard !TextCheck.isXMLSafe(s) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars { out.append(TextCheck.isXMLAllowed(u.value) ? u : "\u{FFFD}") }
        return String(out)
    }
}

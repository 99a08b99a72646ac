import CLibXML2
import Foundation
import QuangBaCore
import QuangBaText

/// Streaming XML through libxml2's xmlTextWriter: elements and attributes are written as they
/// come and flushed to the sink in chunks, so a document of any size takes constant memory.
/// Text and attribute values are escaped by `XMLText` (the escaper every XML output shares,
/// which also makes them XML 1.0-safe) and handed to libxml2 as they are to be written.
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
        try check(xmlTextWriterStartAttribute(writer, name))
        try escaped(value, attribute: true)
        try check(xmlTextWriterEndAttribute(writer))
    }

    public func text(_ value: String) throws { try escaped(value, attribute: false) }

    /// What xmlTextWriterWriteString does with its own escaper: the escaped bytes written raw
    /// (an empty text too, which closes the start tag: `<a></a>`, as before).
    private func escaped(_ value: String, attribute: Bool) throws {
        scratch.removeAll(keepingCapacity: true)
        XMLText.append(value, to: &scratch, attribute: attribute)
        scratch.append(0)
        let result = scratch.withUnsafeBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: xmlChar.self, capacity: b.count) { xmlTextWriterWriteRawLen(writer, $0, Int32(b.count - 1)) }
        }
        try check(result)
    }

    /// The escaped value on its way to libxml2, one buffer for all.
    private var scratch: [UInt8] = []

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

    /// A whole document made in memory (a sitemap, an XLIFF file, an OAI-PMH record): the XML
    /// declaration, what `body` writes, and a final line end.
    public static func document(indent: Bool = false, _ body: (XMLStreamWriter) throws -> Void) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try withoutActuallyEscaping({ (chunk: UnsafeRawBufferPointer) -> Bool in bytes.append(contentsOf: chunk); return true }) { sink in
            let w = try XMLStreamWriter(indent: indent, sink: sink)
            try w.startDocument()
            try body(w)
            try w.endDocument()
        }
        return bytes
    }

    /// Hands what is buffered to the sink.
    public func flush() throws { try check(xmlTextWriterFlush(writer)) }
}

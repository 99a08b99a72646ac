import Foundation
public import QuangBaCore

extension Repository {
    /// Saves several items as one change: every file of every item is checked before any is
    /// written, and if writing fails part-way, the files already replaced get their old text
    /// back (or are removed if they are new). For imports that must be all or nothing.
    /// Each item's files change together with its audit entries (`ContentChange`).
    public func saveAll(_ changes: [(item: Item, translations: [Translation], audit: [AuditEntry])]) throws {
        var problems: [Diagnostic] = []
        var planned: [[(path: String, text: String)]] = []
        for c in changes {
            do { planned.append(try checkedFiles(c.item, translations: c.translations)) } catch let e as QuangBaError {
                problems += e.diagnostics.isEmpty ? [Diagnostic(.error, e.location, e.message)] : e.diagnostics
            }
        }
        guard problems.isEmpty else { throw QuangBaError(Message("item.refused"), diagnostics: problems) }
        var previous: [(url: URL, data: Data?)] = []
        do {
            for (c, files) in zip(changes, planned) {
                for f in files {
                    let url = root.appendingPathComponent(f.path)
                    previous.append((url, FileManager.default.contents(atPath: url.path)))
                }
                try write(c.item, translations: c.translations, files: files, audit: c.audit)
            }
        } catch {
            for p in previous.reversed() {
                if let data = p.data { try? AtomicFile.write([UInt8](data), to: p.url) } else { try? FileManager.default.removeItem(at: p.url) }
            }
            throw error
        }
    }
}

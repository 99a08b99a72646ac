import Foundation
import QuangBaCore
import QuangBaStore

extension SiteBuild {
    /// What `quangba check` says of the output folder as a whole: every way it differs from
    /// what `run` would leave there now. Files no build of this repository produces, files
    /// missing, files changed since the last complete build (compared with what the build makes,
    /// byte for byte), files the repository has changed since. Writes nothing. Empty for a
    /// folder that is not a site (no manifest file).
    public func audit() throws -> [SiteCheck.Problem] {
        guard FileManager.default.fileExists(atPath: site + "/" + SiteManifest.fileName) else { return [] }
        let synced = try index.sync(deferSearch: true, keepParsed: true)
        let inputs = try readInputs()
        let scan = OutputScan.scan(site)
        let (content, plan) = try self.plan(inputs, synced.parsed)
        let renderer = PageRenderer(templates: inputs.templates, strings: inputs.strings, content: content, baseURL: inputs.baseURL, portal: inputs.portal)
        let folder = FolderHandle(site)
        var problems: [SiteCheck.Problem] = []
        func problem(_ path: String, _ key: String) { problems.append(SiteCheck.Problem(file: path, line: nil, message: Message(key))) }

        let planned = Set(plan.map(\.path))
        for path in scan.trustedPaths + Array(scan.untrusted) where !planned.contains(path) {
            let regular = FileSignature.of(path, in: folder.fd)?.1 == .file
            problem(path, regular ? "check.unexpected_file" : "check.not_regular")
        }
        let untrustedPlanned = plan.filter { scan.untrusted.contains($0.path) }
        let differs = parallelMap(untrustedPlanned.count) { i in
            let o = untrustedPlanned[i]
            guard let bytes = try? readFile(at: folder.fd, o.path, rule: .content).get() else { return true }
            switch o.source {
            case .file: return SHA256.hex(bytes) != o.input
            case .bytes(let expected): return bytes != expected
            // A page that cannot be made (libxml2 out of memory) cannot be vouched for either.
            case .page(let page): return (try? renderer.render(page)).map { bytes != $0 } ?? true
            }
        }
        for (i, o) in untrustedPlanned.enumerated() where differs[i] {
            problem(o.path, FileSignature.of(o.path, in: folder.fd)?.1 == .file ? "check.changed_file" : "check.not_regular")
        }
        for o in plan where !scan.untrusted.contains(o.path) {
            if let t = scan.trusted(o.path) {
                if t.input != o.input { problem(o.path, "check.out_of_date") }
            } else {
                problem(o.path, "check.missing_file")
            }
        }
        return problems.sorted { $0.file < $1.file }
    }
}

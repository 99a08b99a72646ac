import Foundation

/// Works through batches on the calling thread while the next ones are prepared on the other
/// cores: `fetch` gives the next batch (nil at the end) and runs on the caller, as does
/// `consume`; `prepare` runs in the background, one batch after another, up to `lookahead`
/// batches ahead of the one being consumed. With a single batch in preparation, a core sat
/// idle whenever consuming a batch took longer than preparing the next. Bounded batches keep
/// memory flat.
public func pipelined<Batch: Sendable, Prepared: Sendable>(lookahead: Int = 2, fetch: () throws -> Batch?,
                                                          prepare: @escaping @Sendable (Batch) -> Prepared,
                                                          consume: (Prepared) throws -> Void) throws {
    let queue = DispatchQueue(label: "pipelined", qos: .userInitiated)
    var pending: [Pending<Prepared>] = []
    var exhausted = false
    // The background work never outlives the caller's state, whatever is thrown.
    defer { for p in pending { p.wait() } }
    func submit() throws {
        guard !exhausted else { return }
        guard let batch = try fetch() else { exhausted = true; return }
        pending.append(Pending(on: queue) { prepare(batch) })
    }
    while pending.count < lookahead, !exhausted { try submit() }
    while !pending.isEmpty {
        let next = pending.removeFirst().value
        try submit()
        try consume(next)
    }
}

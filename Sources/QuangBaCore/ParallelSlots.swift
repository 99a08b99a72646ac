import Foundation

/// Maps `0..<count` on all cores, keeping the input order.
///
/// `DispatchQueue.concurrentPerform` runs serially when called from a serial queue (the main
/// thread, GRDB's writer queue), so the work is started from a global concurrent queue.
public func parallelMap<T>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    let slots = ParallelSlots<T>(count: count)
    DispatchQueue.global(qos: .userInitiated).sync {
        DispatchQueue.concurrentPerform(iterations: count) { i in slots[i] = body(i) }
    }
    return slots.values
}

/// Like `parallelMap`, with one piece of per-worker state (a tokenizer, a buffer) created by
/// `makeState` on each worker and reused for that worker's share of the indexes.
public func parallelMap<T, State>(_ count: Int, makeState: @Sendable () -> State, _ body: @Sendable (inout State, Int) -> T) -> [T] {
    let workers = max(1, min(count, ProcessInfo.processInfo.activeProcessorCount))
    let slots = ParallelSlots<T>(count: count)
    DispatchQueue.global(qos: .userInitiated).sync {
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var state = makeState()
            var i = w
            while i < count {
                slots[i] = body(&state, i)
                i += workers
            }
        }
    }
    return slots.values
}

/// Works through batches on the calling thread while the next batch is prepared on the other
/// cores: `fetch` gives the next batch (nil at the end) and runs on the caller, as does
/// `consume`; `prepare` runs in the background. Bounded batches keep memory flat.
public func pipelined<Batch: Sendable, Prepared: Sendable>(fetch: () throws -> Batch?, prepare: @escaping @Sendable (Batch) -> Prepared,
                                                          consume: (Prepared) throws -> Void) throws {
    guard let first = try fetch() else { return }
    var current = prepare(first)
    while true {
        let next = try fetch()
        let group = DispatchGroup()
        let upcoming = ParallelSlots<Prepared>(count: 1)
        if let next { DispatchQueue.global(qos: .userInitiated).async(group: group) { upcoming[0] = prepare(next) } }
        do { try consume(current) } catch {
            group.wait()  // the background work never outlives the caller's state
            throw error
        }
        group.wait()
        guard next != nil, let prepared = upcoming[0] else { return }
        current = prepared
    }
}

/// Fixed-size result storage filled from parallel workers, one slot per index. Each slot is
/// written by one worker only and read after the workers are done (`concurrentPerform` or a
/// `DispatchGroup` wait orders them), so slots need no lock; a lock per slot made the workers
/// of a 50,000-file check wait on each other.
public final class ParallelSlots<T>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<T?>
    public init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }
    deinit {
        storage.deinitialize()
        storage.deallocate()
    }
    public subscript(i: Int) -> T? {
        get { storage[i] }
        set { storage[i] = newValue }
    }
    public var values: [T] { storage.compactMap { $0 } }
}

/// A value behind a lock, for state that parallel work shares (caches, registries).
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    public init(_ value: Value) { self.value = value }
    public func with<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock(); defer { lock.unlock() }
        return try body(&value)
    }
}

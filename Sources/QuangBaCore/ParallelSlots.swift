public import Foundation

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

/// Maps `0..<count` on `threads` threads of its own, keeping the input order: for work that
/// mostly waits for the disk (reading files the page cache no longer holds). Dispatch's
/// concurrent work runs about one thread per core and does not reliably add threads while they
/// wait, so a core sat idle during reads; threads that wait cost little.
public func blockingMap<T>(_ count: Int, threads: Int = 8, _ body: @escaping @Sendable (Int) -> T) -> [T] {
    blockingMap(count, threads: threads, makeState: { () }) { _, i in body(i) }
}

/// `blockingMap` with one piece of per-thread state (a tokenizer), and a nice value for its
/// threads: work that feeds a single busier thread (the index's writer) is given the cores
/// that thread leaves free, instead of taking a share of its core (Linux keeps nice values per
/// thread; the threads end with the map).
public func blockingMap<T, State>(_ count: Int, threads: Int, nice: Int32 = 0, makeState: @escaping @Sendable () -> State,
                                  _ body: @escaping @Sendable (inout State, Int) -> T) -> [T] {
    let slots = ParallelSlots<T>(count: count)
    let threads = max(1, min(threads, count))
    // Indexes are taken a few at a time: one lock per index showed at 50,000 short ones.
    let chunk = max(1, count / (threads * 16))
    let next = Locked(0)
    let done = DispatchGroup()
    for _ in 0..<threads {
        done.enter()
        let thread = Thread {
            if nice != 0 { _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, nice) }
            var state = makeState()
            while true {
                let start = next.with { n -> Int in defer { n += chunk }; return n }
                guard start < count else { break }
                for i in start..<min(start + chunk, count) { slots[i] = body(&state, i) }
            }
            done.leave()
        }
        thread.start()
    }
    done.wait()
    return slots.values
}

/// Work started now on another thread (on `queue`, in its order when it is serial), whose
/// result is waited for later (`value`).
public final class Pending<T>: @unchecked Sendable {
    private let done = DispatchGroup()
    private var result: T?

    public init(on queue: DispatchQueue = .global(qos: .userInitiated), _ work: @escaping @Sendable () -> T) {
        done.enter()
        queue.async {
            self.result = work()
            self.done.leave()
        }
    }

    /// Waits for the work to finish.
    public func wait() { done.wait() }

    /// Waits for the work to finish; its result.
    public var value: T {
        done.wait()
        return result!
    }
}

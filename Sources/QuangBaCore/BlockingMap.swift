import Foundation

/// Maps `0..<count` on `threads` threads of its own, keeping the input order: for work that
/// mostly waits for the disk (reading files the page cache no longer holds). Dispatch's
/// concurrent work runs about one thread per core and does not reliably add threads while they
/// wait, so a core sat idle during reads; threads that wait cost little.
public func blockingMap<T>(_ count: Int, threads: Int = 8, _ body: @escaping @Sendable (Int) -> T) -> [T] {
    blockingMap(count, threads: threads, makeState: { () }) { _, i in body(i) }
}

/// `blockingMap` with one piece of per-thread state (a tokenizer), and a nice value for its
/// threads: work that feeds a single busier thread (the index's writer) is given the cores
/// that thread leaves free, instead of taking a share of its core (the threads, and their nice
/// value, end with the map).
public func blockingMap<T, State>(_ count: Int, threads: Int, nice: Int32 = 0, makeState: @escaping @Sendable () -> State,
                                  _ body: @escaping @Sendable (inout State, Int) -> T) -> [T] {
    let slots = ParallelSlots<T>(count: count)
    let threads = max(1, min(threads, count))
    // Indexes are taken a few at a time: a lock per index showed when there are many short ones.
    let chunk = max(1, count / (threads * 16))
    let next = Locked(0)
    let done = DispatchGroup()
    for _ in 0..<threads {
        done.enter()
        let thread = Thread {
            if nice != 0 { Platform.lowerCurrentThreadPriority(toNice: nice) }
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

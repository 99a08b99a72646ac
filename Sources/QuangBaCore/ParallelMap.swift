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

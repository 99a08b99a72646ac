/// Fixed-size result storage filled from parallel workers, one slot per index. Each slot is
/// written by one worker only and read after the workers are done (`concurrentPerform` or a
/// `DispatchGroup` wait orders them), so slots need no lock (a lock per slot made the workers
/// wait on each other).
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

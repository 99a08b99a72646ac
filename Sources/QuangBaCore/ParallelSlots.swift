import Foundation

/// Fixed-size result storage that `DispatchQueue.concurrentPerform` workers fill, one slot
/// per index, so parallel reads keep their input order.
public final class ParallelSlots<T>: @unchecked Sendable {
    private var storage: [T?]
    private let lock = NSLock()
    public init(count: Int) { storage = Array(repeating: nil, count: count) }
    public subscript(i: Int) -> T? {
        get { lock.lock(); defer { lock.unlock() }; return storage[i] }
        set { lock.lock(); storage[i] = newValue; lock.unlock() }
    }
    public var values: [T] { storage.compactMap { $0 } }
}

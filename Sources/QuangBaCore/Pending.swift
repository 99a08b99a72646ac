public import Foundation

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

import Foundation

/// With QUANGBA_TIMING=1, each step's wall time goes to standard error (for benchmarks).
public struct StepTimer {
    public let enabled = ProcessInfo.processInfo.environment["QUANGBA_TIMING"] == "1"
    var last = Date()

    public init() {}
    public mutating func lap(_ step: String) {
        guard enabled else { return }
        let now = Date()
        let padded = step.padding(toLength: 26, withPad: " ", startingAt: 0)
        FileHandle.standardError.write(Data(("  " + padded + String(format: "%7.3f s\n", now.timeIntervalSince(last))).utf8))
        last = now
    }
}

import Foundation
import Testing
@testable import QuangBaCore

@Suite struct ConcurrencyTests {
    @Test func mapsKeepTheInputOrder() {
        for count in [0, 1, 7, 256, 10_000] {
            let expected = (0..<count).map { $0 * 3 }
            #expect(parallelMap(count) { $0 * 3 } == expected)
            #expect(parallelMap(count, makeState: { 3 }) { k, i in i * k } == expected)
            for threads in [1, 3, 8] {
                #expect(blockingMap(count, threads: threads) { $0 * 3 } == expected, "count \(count), threads \(threads)")
            }
        }
    }

    /// Batches are consumed in order, each once, and preparation runs ahead by at most
    /// `lookahead` batches.
    @Test func pipelineConsumesInOrderAndLooksAheadBoundedly() throws {
        for lookahead in [1, 2, 4] {
            let prepared = Locked<[Int]>([])
            var next = 0
            var consumed: [Int] = []
            try pipelined(lookahead: lookahead, fetch: { () -> Int? in
                defer { next += 1 }
                return next < 20 ? next : nil
            }, prepare: { n -> Int in
                prepared.with { $0.append(n) }
                return n * 10
            }) { value in
                let ahead = prepared.with { $0.count } - consumed.count - 1
                #expect(ahead <= lookahead)
                consumed.append(value)
            }
            #expect(consumed == (0..<20).map { $0 * 10 })
        }
    }

    /// An error in `consume` stops the pipeline, after the work already started has finished.
    @Test func pipelineStopsAtTheFirstError() {
        struct Stop: Error {}
        let running = Locked(0)
        var consumed = 0
        #expect(throws: Stop.self) {
            try pipelined(fetch: { () -> Int? in 1 }, prepare: { n -> Int in
                running.with { $0 += 1 }
                Thread.sleep(forTimeInterval: 0.01)
                running.with { $0 -= 1 }
                return n
            }) { _ in
                consumed += 1
                if consumed == 3 { throw Stop() }
            }
        }
        #expect(consumed == 3)
        #expect(running.with { $0 } == 0)
    }

    @Test func pendingWorkGivesItsResult() {
        let p = Pending { (1...100).reduce(0, +) }
        #expect(p.value == 5050)
        #expect(p.value == 5050)
    }

    @Test func readsWholeFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qb-bytes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for size in [0, 1, 4096, 65_537, 1_000_003] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
            let file = dir.appendingPathComponent("f\(size)")
            try Data(bytes).write(to: file)
            #expect(try readFile(file.path).get() == bytes, "size \(size)")
        }
    }
}

import Foundation
import Hummingbird
import Logging
import QuangBaStore
import ServiceLifecycle

/// Brings the index up to date with content/ every `seconds`, so that files edited by hand (or
/// brought by a `git pull`) reach the harvesters without a restart; what `quangba` commands
/// change is synced by the commands themselves. A service of the server's group: it stops
/// when the server shuts down gracefully (SIGTERM, Ctrl-C), between two looks, never in the
/// middle of one. A look that fails is logged and the next one tries again.
struct ContentSync: Service {
    let index: Index
    let seconds: Double
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(seconds)) }
            } catch {
                return  // shutting down, or cancelled
            }
            guard !Task.isShuttingDownGracefully else { return }
            do {
                // The look walks content/: off Swift's cooperative threads, at utility priority,
                // so requests never wait behind it. What it changes gets a new ledger stamp.
                let report = try await QuangBaServer.offloaded(qos: .utility) { try index.sync() }
                if report.added + report.updated + report.removed > 0 {
                    logger.info("content/ changed: \(report.added) added, \(report.updated) updated, \(report.removed) removed")
                }
            } catch {
                logger.error("content/ could not be synced, the index stays as it was: \(error)")
            }
        }
    }
}

import ArgumentParser
import Foundation
import QuangBaCore

@main
struct QuangBa: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "quangba",
        abstract: "The province's multilingual promotional-image data system: add, translate, review and publish content.",
        version: version,
        subcommands: [Init.self, New.self, SetField.self, Edit.self, Translate.self, Media.self, List.self, Show.self,
                      Search.self, Status.self, Diff.self, WorkflowCommand.self, Validate.self, Repair.self, IndexCommand.self, Watch.self, Build.self, Check.self, Export.self, Xliff.self, Serve.self]
    )

    static func main() async {
        limitMallocArenas()
        await main(nil)
    }

    /// glibc gives each new thread its own malloc arena (up to 8 per core), and each arena
    /// keeps what its threads freed: the index's reading threads added ~35 MB to a
    /// 2,000-item fill. Four are plenty for this tool's threads. (`mallopt` is not in Swift's
    /// Glibc module; M_ARENA_MAX is -8 in malloc.h.)
    private static func limitMallocArenas() {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        _ = mallopt(-8, 4)
    }
}

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
                      Search.self, Status.self, Diff.self, WorkflowCommand.self, Validate.self, Repair.self, IndexCommand.self, Watch.self, Build.self, Check.self, Export.self, Xliff.self, Serve.self, Sync.self]
    )

    static func main() async {
        // Four arenas are plenty for this tool's threads (Platform.limitMallocArenas).
        Platform.limitMallocArenas(to: 4)
        await main(nil)
    }
}

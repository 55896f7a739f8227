import ArgumentParser

/// The `crosstrace` command-line tool.
@main
struct CrossTrace: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crosstrace",
        abstract: "Traceability of cross-border e-commerce export products on a permissioned blockchain.",
        subcommands: [
            VersionCommand.self,
            CodeCommand.self,
            CompletenessCommand.self,
            SchemaCommand.self,
            KeysCommand.self,
            SignCommand.self,
            VerifyCommand.self,
            HashCommand.self,
            CryptoBenchCommand.self,
            SimCommand.self,
            InitCommand.self,
            NodeCommand.self,
            UpCommand.self,
            VerifyProofCommand.self,
            VerifyTraceCommand.self,
            TxCommand.self,
            BlockCommand.self,
            StatusCommand.self,
            OrgCommand.self,
            ApiKeyCommand.self,
            DemoCommand.self,
        ]
    )
}

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the version.")
    func run() { print("crosstrace 0.1.0") }
}

import ArgumentParser
import Foundation
import TraceContracts

/// `crosstrace demo …`: the demo scenario (issue 6 item 7; docs/demo.md).
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "The demo scenario: verified participants of every category and products traced under each mode.",
        subcommands: [DemoPlanCommand.self])
}

/// `crosstrace demo plan --network DIR [--seed N]`: prints the plan's participants,
/// products with their Digital Link paths, and the transactions of each step.
struct DemoPlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print the demo plan for a network made by `crosstrace init` (participants, products, steps).")

    @Option(help: "The network directory `crosstrace init` wrote.") var network: String
    @Option(help: "Seed of the demo's keys and nonces.") var seed: UInt64 = 1

    func run() throws {
        let plan: DemoPlan
        do {
            plan = try DemoPlan.load(network: network, seed: seed, now: Int64(Date().timeIntervalSince1970 * 1000))
        } catch {
            throw ValidationError("\(error)")
        }
        print("chain \(plan.chain) participants=\(plan.participants.count) steps=\(plan.steps.count) transactions=\(plan.transactionCount)")
        for participant in plan.participants {
            print("participant \(participant.handle) \(participant.subtype.category.rawValue)/\(participant.subtype.rawValue) "
                + "\(participant.country) \(participant.id) \"\(participant.name)\"")
        }
        for product in plan.products {
            print("product \(product.mode.rawValue) \(product.digitalLinkPath) \"\(product.description)\"")
        }
        for (index, step) in plan.steps.enumerated() {
            let actions = step.map { "\($0.contract).\($0.action)" }
            let counts = Dictionary(actions.map { ($0, 1) }, uniquingKeysWith: +).sorted { $0.key < $1.key }
            print("step \(index + 1) transactions=\(step.count) " + counts.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        }
    }
}

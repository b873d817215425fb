/// Validates stat dependencies and orders callbacks so that every consumer of a stat
/// runs after all its producers (docs/Architecture.md section 3).
///
/// The rule: a stable topological order. Callbacks keep their registration order
/// unless a consumer was registered before a producer of what it reads; then the
/// consumer moves just after its last producer, and the move is logged. A stat no one
/// produces is an error listing the known stats (with a suggestion); a cycle is an error.
enum StatOrdering {
    static func order(_ callbacks: [any Callback], logger: Logger) throws -> [any Callback] {
        let produced = callbacks.map { Set($0.producedStats) }
        let consumed = callbacks.map { $0.consumedStats }
        var producers: [String: [Int]] = [:]
        for (index, stats) in produced.enumerated() { for stat in stats { producers[stat, default: []].append(index) } }
        let known = Array(producers.keys)

        var predecessors = Array(repeating: Set<Int>(), count: callbacks.count)
        for (index, stats) in consumed.enumerated() {
            for stat in stats {
                guard let sources = producers[stat] else {
                    throw TrainerError.unknownStat(consumer: callbacks[index].name, stat: stat, known: known,
                                                   suggestion: NameSuggestion.closest(to: stat, in: known))
                }
                for source in sources where source != index { predecessors[index].insert(source) }
            }
        }

        var placed = Array(repeating: false, count: callbacks.count)
        var order: [Int] = []
        while order.count < callbacks.count {
            guard let next = callbacks.indices.first(where: { !placed[$0] && predecessors[$0].allSatisfy { placed[$0] } }) else {
                let cycle = callbacks.indices.filter { !placed[$0] }.map { callbacks[$0].name }
                throw TrainerError.statCycle(callbacks: cycle)
            }
            placed[next] = true
            order.append(next)
        }
        if order != Array(callbacks.indices) {
            for index in order where predecessors[index].contains(where: { $0 > index }) {
                let after = predecessors[index].filter { $0 > index }.sorted().map { callbacks[$0].name }.joined(separator: ", ")
                logger.info("Callback order: \(callbacks[index].name) moved after \(after), which produce the stats it reads")
            }
        }
        return order.map { callbacks[$0] }
    }
}

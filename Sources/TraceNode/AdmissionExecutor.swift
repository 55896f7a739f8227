import Dispatch

/// Where peer admission runs: a task executor on its own serial
/// queue, so a handshake's certificate check never waits for Swift's
/// cooperative pool. On two cores that pool has two threads, and work that
/// blocks one — an HTTP query's synchronous SQLite read, a busy test
/// process — held handshakes until the peer's handshake timeout closed them
/// (a refusal then read as "EOF during handshake").
final class AdmissionExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = AdmissionExecutor()

    private let queue = DispatchQueue(label: "crosstrace.peer-admission", qos: .userInitiated)
    private static let queueKey = DispatchSpecificKey<Bool>()

    private init() { queue.setSpecific(key: Self.queueKey, value: true) }

    /// Whether the caller runs on the admission queue.
    static var isCurrent: Bool { DispatchQueue.getSpecific(key: queueKey) == true }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    /// Runs `body` on the admission queue and hands its result to `completion`.
    static func run<T: Sendable>(_ body: @escaping @Sendable () async -> T,
                                 completion: @escaping @Sendable (T) -> Void) {
        Task(executorPreference: shared) { completion(await body()) }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs an async git operation to completion from synchronous code (the command line, or a
/// key handler in the editor's loop) and returns its result.
///
/// The calling thread runs the operation's jobs itself (it is the task's executor), so this
/// never waits for a free thread of the shared pool: on a 2-core machine that pool has two
/// threads, and two callers blocked on pool threads would otherwise wait for ever.
public func runBlocking<T: Sendable>(_ operation: @escaping @Sendable () async throws(GitError) -> T) throws(GitError) -> T {
    let executor = CallerExecutor<T>()
    Task(executorPreference: executor) {
        do throws(GitError) {
            executor.finish(.success(try await operation()))
        } catch {
            executor.finish(.failure(error))
        }
    }
    return try executor.run().get()
}

/// A task executor whose jobs run on the thread that calls `run()`, until the operation
/// hands over its result with `finish(_:)`; one mutex and condition guard both.
private final class CallerExecutor<T: Sendable>: TaskExecutor, @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    private var condition = pthread_cond_t()
    private var jobs: [UnownedJob] = []
    private var result: Result<T, GitError>?

    init() {
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&condition, nil)
    }

    deinit {
        pthread_cond_destroy(&condition)
        pthread_mutex_destroy(&mutex)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        pthread_mutex_lock(&mutex)
        jobs.append(unowned)
        pthread_cond_signal(&condition)
        pthread_mutex_unlock(&mutex)
    }

    func finish(_ value: Result<T, GitError>) {
        pthread_mutex_lock(&mutex)
        result = value
        pthread_cond_signal(&condition)
        pthread_mutex_unlock(&mutex)
    }

    /// Runs jobs as they come until the result is in and no job is left; returns it.
    func run() -> Result<T, GitError> {
        while true {
            pthread_mutex_lock(&mutex)
            while jobs.isEmpty && result == nil { pthread_cond_wait(&condition, &mutex) }
            let batch = jobs
            jobs.removeAll()
            let done = batch.isEmpty ? result : nil
            pthread_mutex_unlock(&mutex)
            if let done { return done }
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
        }
    }
}

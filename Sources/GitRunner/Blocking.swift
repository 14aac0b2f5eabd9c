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
    let box = ResultBox<T>()
    let executor = CallerExecutor()
    Task(executorPreference: executor) {
        let result: Result<T, GitError>
        do throws(GitError) {
            result = .success(try await operation())
        } catch {
            result = .failure(error)
        }
        box.put(result)
        executor.finish()
    }
    executor.run()
    return try box.take().get()
}

/// A task executor whose jobs run on the thread that calls `run()`, until `finish()`.
private final class CallerExecutor: TaskExecutor, @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    private var condition = pthread_cond_t()
    private var jobs: [UnownedJob] = []
    private var finished = false

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

    func finish() {
        pthread_mutex_lock(&mutex)
        finished = true
        pthread_cond_signal(&condition)
        pthread_mutex_unlock(&mutex)
    }

    /// Runs jobs as they come until the operation has finished and no job is left.
    func run() {
        while true {
            pthread_mutex_lock(&mutex)
            while jobs.isEmpty && !finished { pthread_cond_wait(&condition, &mutex) }
            let batch = jobs
            jobs.removeAll()
            let done = finished && batch.isEmpty
            pthread_mutex_unlock(&mutex)
            if done { return }
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
        }
    }
}

/// A one-shot hand-over between the task and the waiting thread, guarded by a mutex and a
/// condition variable (no Dispatch or Foundation needed).
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    private var condition = pthread_cond_t()
    private var value: Result<T, GitError>?

    init() {
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&condition, nil)
    }

    deinit {
        pthread_cond_destroy(&condition)
        pthread_mutex_destroy(&mutex)
    }

    func put(_ result: Result<T, GitError>) {
        pthread_mutex_lock(&mutex)
        value = result
        pthread_cond_signal(&condition)
        pthread_mutex_unlock(&mutex)
    }

    func take() -> Result<T, GitError> {
        pthread_mutex_lock(&mutex)
        while value == nil { pthread_cond_wait(&condition, &mutex) }
        let result = value!
        pthread_mutex_unlock(&mutex)
        return result
    }
}

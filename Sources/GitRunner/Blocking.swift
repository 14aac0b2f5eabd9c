#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs an async git operation to completion from synchronous code (the command line, or a
/// key handler in the editor's loop) and returns its result. Blocks the calling thread, so
/// never call it from inside a task: await the operation there instead.
public func runBlocking<T: Sendable>(_ operation: @escaping @Sendable () async throws(GitError) -> T) throws(GitError) -> T {
    let box = ResultBox<T>()
    Task.detached {
        do throws(GitError) {
            box.put(.success(try await operation()))
        } catch {
            box.put(.failure(error))
        }
    }
    return try box.take().get()
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

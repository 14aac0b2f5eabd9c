import Foundation

/// Carries a non-Sendable value to the thread that runs it; the caller waits, so the two
/// never touch it at once.
struct Handed<T>: @unchecked Sendable { let value: T }

/// Runs `body` on a thread of its own while the test awaits it. Code that blocks (git via
/// `runBlocking`, as the editor's loop does on the main thread) must not block one of the
/// test pool's threads: on a 2-core machine there are only two, and tests running beside
/// it would wait for ever.
func onOwnThread<T>(_ body: @escaping () -> T) async -> T {
    let work = Handed(value: body)
    let result = await withCheckedContinuation { (done: CheckedContinuation<Handed<T>, Never>) in
        let thread = Thread { done.resume(returning: Handed(value: work.value())) }
        thread.start()
    }
    return result.value
}

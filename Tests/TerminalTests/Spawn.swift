import Foundation

/// Starts `argv` (found on PATH) through bash, as a terminal under test must start: no
/// signal blocked (whatever the test runner's threads block), stdin from /dev/null, stdout
/// and stderr to `log`, every inherited descriptor above 2 closed so that it holds no
/// test's pipe open (`Process` would wait for the end of one of its own) except `passing`,
/// which becomes its fd 3. Returns the pid, not reaped.
func spawnClean(_ argv: [String], environment: [String: String], directory: String = "/",
                log: String = "/dev/null", passing fd: Int32? = nil) throws -> pid_t {
    let script = #"limit=$1; cd "$2" || exit 127; shift 2; "#
        + #"for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ "$fd" -gt "$limit" ] && eval "exec $fd>&-"; done 2>/dev/null; "#
        + #"exec "$@""#
    let args = ["bash", "-c", script, "bash", fd == nil ? "2" : "3", directory] + argv
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    if let fd { posix_spawn_file_actions_adddup2(&actions, fd, 3) }
    var attr = posix_spawnattr_t()
    posix_spawnattr_init(&attr)
    defer { posix_spawnattr_destroy(&attr) }
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attr, &none)
    posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK))
    let cArgs = args.map { strdup($0) } + [nil]
    let cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (cArgs + cEnv).forEach { free($0) } }
    var pid: pid_t = 0
    let rc = posix_spawnp(&pid, "bash", &actions, &attr, cArgs, cEnv)
    guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
    return pid
}

#!/usr/bin/env python3
"""Terminal front end benchmark (issue 4): handoff-tui against vim and nano, side by side.

usage: terminal-bench.py [--binary PATH] [--lines 10000] [--paints 30] [--keys 300]
                          [--only NAME,NAME] [--extra NAME=PATH] [--key x|right]

Each program opens the same generated handoff in its own 120x40 pseudo-terminal
(TERM=xterm-256color, LANG=C.UTF-8):
  handoff-tui FILE;  vim -u NONE -N -n FILE;  nano --ignorercfiles FILE
and two things are measured from the bytes the program writes to the terminal:

first paint  spawn (just before fork) until a line of the document's text has been written
             (the token below, on the second line of the first section, on every program's
             first screen). The three programs take turns, repeated --paints times.
key response a character is typed (written to the pty) until the screen update it causes
             is complete: the last byte of the burst that follows, a burst ending when no
             byte arrives for QUIET seconds (the time is the last byte's arrival, not the end
             of the quiet window). The three programs stay open and take turns, one key each;
             after each measured character a Backspace (not measured) takes it out again,
             so the line and the screen stay the same for every sample.
"""
import argparse, fcntl, os, pty, select, signal, statistics, struct, subprocess, sys, tempfile, termios, time

COLS, ROWS = 120, 40
MARKER = b"lib/db/migrate.py#L143"
QUIET = 0.030      # a burst has ended after this much silence
SETTLE = 0.060     # after a burst, before the next input to the same program

def spawn(argv):
    """Starts argv on a new pty of COLS x ROWS; returns (pid, master fd, spawn time)."""
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    env.pop("NO_COLOR", None)
    env.pop("HANDOFF_FILE", None)
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        os.execvpe(argv[0], argv, env)
    return pid, fd, t0

def read_until(fd, pred, timeout=10.0):
    """Reads until pred(data) holds; returns (data, time it first held)."""
    data = b""
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        r, _, _ = select.select([fd], [], [], 0.5)
        if not r:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        now = time.perf_counter()
        data += chunk
        if pred(data):
            return data, now
    raise RuntimeError("timed out; got %r" % data[-300:])

def drain(fd, quiet):
    """Reads until quiet seconds pass without a byte; returns (bytes, last byte's time or None)."""
    data, last = b"", None
    while True:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            return data, last
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return data, last
        last = time.perf_counter()
        data += chunk

def stop(pid, fd):
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
    os.close(fd)

def percentile(xs, p):
    xs = sorted(xs)
    k = (len(xs) - 1) * p / 100
    f = int(k)
    return xs[f] if f + 1 >= len(xs) else xs[f] + (xs[f + 1] - xs[f]) * (k - f)

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(here, "..", ".build", "release", "handoff-tui"))
    ap.add_argument("--lines", type=int, default=10000)
    ap.add_argument("--paints", type=int, default=30)
    ap.add_argument("--keys", type=int, default=300)
    ap.add_argument("--only", help="comma-separated program names to run (default: all)")
    ap.add_argument("--key", choices=["x", "right"], default="x",
                    help="x: type a character (then Backspace); right: the Right arrow (then Left)")
    ap.add_argument("--extra", action="append", default=[], metavar="NAME=PATH",
                    help="another handoff-tui build to run side by side (A/B of a change)")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="terminal-bench-")
    doc = os.path.join(work, "handoff.md")
    with open(doc, "wb") as f:
        f.write(subprocess.check_output([sys.executable, os.path.join(here, "generate-handoff.py"), str(args.lines)]))
    programs = {
        "handoff-tui": [os.path.abspath(args.binary), doc],
        "vim": ["vim", "-u", "NONE", "-N", "-n", doc],
        "nano": ["nano", "--ignorercfiles", doc],
    }
    for extra in args.extra:
        name, path = extra.split("=", 1)
        programs[name] = [os.path.abspath(path), doc]
    if args.only:
        wanted = args.only.split(",")
        programs = {name: argv for name, argv in programs.items() if name in wanted}
    os.chdir(work)
    print("document: %s (%d lines, %d bytes), %dx%d, TERM=xterm-256color" %
          (doc, args.lines, os.path.getsize(doc), COLS, ROWS))

    # First paint, the programs taking turns.
    paints = {name: [] for name in programs}
    for _ in range(args.paints):
        for name, argv in programs.items():
            pid, fd, t0 = spawn(argv)
            _, t = read_until(fd, lambda d: MARKER in d)
            paints[name].append((t - t0) * 1000)
            drain(fd, 0.05)
            stop(pid, fd)

    # Key response: all three open, one key each in turn.
    sessions = {}
    for name, argv in programs.items():
        pid, fd, _ = spawn(argv)
        read_until(fd, lambda d: MARKER in d)
        drain(fd, 0.5)
        if name == "vim":
            os.write(fd, b"i")          # insert mode
            drain(fd, 0.3)
        sessions[name] = (pid, fd)
    keys = {name: [] for name in programs}
    for _ in range(args.keys):
        for name, (pid, fd) in sessions.items():
            key, undo = (b"x", b"\x7f") if args.key == "x" else (b"\x1b[C", b"\x1b[D")
            t0 = time.perf_counter()
            os.write(fd, key)
            out, last = drain(fd, QUIET)
            if last is None or (args.key == "x" and b"x" not in out):
                raise RuntimeError("%s: no screen update for the key: %r" % (name, out[-200:]))
            keys[name].append((last - t0) * 1000)
            drain(fd, SETTLE)
            os.write(fd, undo)          # Backspace (or Left), not measured
            drain(fd, QUIET)
            drain(fd, SETTLE)
    for pid, fd in sessions.values():
        stop(pid, fd)

    print()
    print("| program | first paint median | first paint p90 | key median | key p99 | key max |")
    print("|---|---|---|---|---|---|")
    for name in programs:
        p, k = paints[name], keys[name]
        cells = ["%.1f ms" % statistics.median(p), "%.1f ms" % percentile(p, 90)] if p else ["–", "–"]
        cells += ["%.3f ms" % statistics.median(k), "%.3f ms" % percentile(k, 99), "%.3f ms" % max(k)] if k else ["–", "–", "–"]
        print("| %s | %s |" % (name, " | ".join(cells)))
    print()
    print("samples: %d first paints and %d keys per program" % (args.paints, args.keys))

if __name__ == "__main__":
    main()

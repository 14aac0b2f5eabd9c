#!/usr/bin/env python3
"""Where a keystroke's time goes (issue 4): handoff-tui's key response split into phases,
with vim's and nano's whole key response measured side by side in the same run.

usage: key-phases.py [--binary PATH] [--keys 300] [--lines 10000]

PATH must be a build with the phase marks compiled in (the shipped binary has none):
  swift build -c release -Xswiftc -DKEY_TIMING --scratch-path .build/key-timing
  python3 Benchmarks/key-phases.py --binary .build/key-timing/release/handoff-tui

It types the way terminal-bench.py does (120x40 pty, the same 10k-line document, a
character then an unmeasured Backspace, the programs taking turns) and joins the harness's
clock with the editor's (both CLOCK_MONOTONIC: Python's perf_counter is that clock on Linux):

  wake + read   the character written to the pty, until ncurses handed it over
  decode        ncurses' key to the editor's Input (with a poll for more typed-ahead input)
  handle        the editor core acting on it (Editor.handle)
  hooks         the host's part (EditingSession.noteInput, a save, …)
  render        the frame built (Editor.render)
  cells         changed cells handed to ncurses (Terminal.draw, before doupdate)
  doupdate      ncurses' screen update, including the write to the pty
  to reader     the write until the harness has the last byte
"""
import argparse, importlib.util, os, statistics, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("terminal_bench", os.path.join(here, "terminal-bench.py"))
tb = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tb)

PHASES = ["wake + read", "decode", "handle", "hooks", "render", "cells", "doupdate", "to reader"]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(here, "..", ".build", "key-timing", "release", "handoff-tui"))
    ap.add_argument("--keys", type=int, default=300)
    ap.add_argument("--lines", type=int, default=10000)
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="key-phases-")
    doc = os.path.join(work, "handoff.md")
    with open(doc, "wb") as f:
        f.write(subprocess.check_output([sys.executable, os.path.join(here, "generate-handoff.py"), str(args.lines)]))
    log = os.path.join(work, "phases.log")
    os.environ["HANDOFF_TUI_KEY_TIMING"] = log
    os.chdir(work)
    programs = {
        "handoff-tui": [os.path.abspath(args.binary), doc],
        "vim": ["vim", "-u", "NONE", "-N", "-n", doc],
        "nano": ["nano", "--ignorercfiles", doc],
    }
    sessions = {}
    for name, argv in programs.items():
        pid, fd, _ = tb.spawn(argv)
        tb.read_until(fd, lambda d: tb.MARKER in d)
        tb.drain(fd, 0.5)
        if name == "vim":
            os.write(fd, b"i")
            tb.drain(fd, 0.3)
        sessions[name] = (pid, fd)
    open(log, "w").close()   # the start-up frames are not keys

    ours, totals = [], {name: [] for name in programs}
    for _ in range(args.keys):
        for name, (pid, fd) in sessions.items():
            t0 = time.perf_counter()
            os.write(fd, b"x")
            out, last = tb.drain(fd, tb.QUIET)
            if last is None or b"x" not in out:
                raise RuntimeError("%s: no screen update for the key: %r" % (name, out[-200:]))
            totals[name].append((last - t0) * 1e6)
            if name == "handoff-tui":
                ours.append((t0, last))
            tb.drain(fd, tb.SETTLE)
            os.write(fd, b"\x7f")
            tb.drain(fd, tb.QUIET)
            tb.drain(fd, tb.SETTLE)
    for pid, fd in sessions.values():
        tb.stop(pid, fd)

    with open(log) as f:
        frames = [list(map(float, line.split())) for line in f if line.strip()]
    # One frame per key: the typed character's, then the Backspace's.
    typed = frames[0::2]
    if len(typed) < len(ours) or len(frames) != 2 * len(ours):
        raise RuntimeError("expected %d frames, got %d: is --binary a KEY_TIMING build?" % (2 * len(ours), len(frames)))
    phases = {p: [] for p in PHASES}
    for (t0, last), m in zip(ours, typed):
        points = [t0] + m + [last]
        for i, p in enumerate(PHASES):
            phases[p].append((points[i + 1] - points[i]) * 1e6)

    print("document: %d lines; %d keys per program, 120x40, TERM=xterm-256color" % (args.lines, args.keys))
    print()
    print("| handoff-tui phase | median | p90 | p99 |")
    print("|---|---|---|---|")
    for p in PHASES:
        v = phases[p]
        print("| %s | %.1f µs | %.1f µs | %.1f µs |" % (p, statistics.median(v), tb.percentile(v, 90), tb.percentile(v, 99)))
    print()
    print("| program | key response median | p90 | p99 |")
    print("|---|---|---|---|")
    for name, v in totals.items():
        print("| %s | %.1f µs | %.1f µs | %.1f µs |" % (name, statistics.median(v), tb.percentile(v, 90), tb.percentile(v, 99)))

if __name__ == "__main__":
    main()

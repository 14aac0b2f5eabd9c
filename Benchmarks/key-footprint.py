#!/usr/bin/env python3
"""The code a keystroke runs (issue 4): distinct 64-byte lines of machine code and 4 KB pages
executed for one typed character and one Backspace, by part, for handoff-tui, nano and vim.

usage: key-footprint.py [--binary PATH] [--lines 10000] [--only NAME,NAME] [--top N]
                        [--extra NAME=PATH]

Every key arrives to cold caches (other programs ran since the last one), so the code a key
touches costs more than its instruction count: Benchmarks/cold-code.py measures about 0.1–0.2
µs of key response per cold line on this harness. Each program runs under
`valgrind --tool=callgrind --dump-instr=yes --separate-threads=yes` in a 120x40 tmux window
(TERM=xterm-256color) on the same generated document as terminal-bench.py. After three warm-up
pairs of keys, the counters are zeroed, one key is sent, and the main thread's counts are
dumped when its frame's doupdate returns (nano and vim, which do nothing while idle: 50 ms
later); then the same for Backspace.
handoff-tui's binary is copied and stripped of debug info first (valgrind reads DWARF
slowly). Needs valgrind and tmux.
"""
import argparse, collections, os, re, shutil, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
SESSION = "key-footprint"

def tmux(*args):
    return subprocess.run(["tmux", *args], capture_output=True, text=True).stdout

def parse(path):
    """{(object, function): {instruction address: Ir}} from a callgrind dump with --dump-instr."""
    names = {"ob": {}, "fn": {}}
    cur = {"ob": "?", "fn": "?"}
    pos = [0, 0]
    after_call = False
    addrs = collections.defaultdict(dict)

    def name(kind, rest):
        m = re.match(r"\((\d+)\)(?: (.*))?", rest)
        if not m:
            return rest
        if m.group(2) is not None:
            names[kind][m.group(1)] = m.group(2)
        return names[kind].get(m.group(1), m.group(1))

    with open(path, errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line[0] == "#":
                continue
            if line[0] not in "0123456789+-*":
                key, _, rest = line.partition("=")
                if key in ("ob", "fn"):
                    cur[key] = name(key, rest)
                elif key == "cob":
                    name("ob", rest)
                elif key == "cfn":
                    name("fn", rest)
                elif key == "calls":
                    after_call = True  # the next cost line is the call's inclusive cost
                continue
            parts = line.split()
            for i, p in enumerate(parts[:2]):
                if p == "*":
                    continue
                pos[i] = pos[i] + int(p[1:], 0) if p[0] == "+" else pos[i] - int(p[1:], 0) if p[0] == "-" else int(p, 0)
            if after_call:
                after_call = False
                continue
            d = addrs[(cur["ob"], cur["fn"])]
            d[pos[0]] = d.get(pos[0], 0) + (int(parts[2]) if len(parts) > 2 else 0)
    return addrs

def part(program, obj, fn):
    """Which part of the program a function belongs to."""
    obj = os.path.basename(obj)
    if obj.startswith("libc.so") or obj.startswith("ld-linux"):
        return "libc"
    if obj.startswith("libncurses") or obj.startswith("libtinfo"):
        return "ncurses"
    if program != "handoff-tui":
        return "own code"
    if fn.startswith("$s13HandoffEditor") or fn.startswith("$s10TerminalUI") or fn.startswith("$s14HandoffSession") \
            or fn.startswith("$s11HandoffCore") or fn.startswith("$s12HandoffFiles") or fn.startswith("$s11handoff_tui"):
        return "own code"
    if fn.startswith("$s"):
        return "Swift standard library"
    if fn.startswith("swift") or fn.startswith("_swift") or "swift::" in fn or fn.startswith("std::"):
        return "Swift runtime"
    if "dispatch" in fn:
        return "Dispatch"
    return "ncurses"  # linked in statically: the rest of the binary's C code

def summarize(program, path, top):
    addrs = parse(path)
    lines, pages = set(), set()
    by_part = collections.defaultdict(set)
    functions = []
    for (obj, fn), d in addrs.items():
        ls = {a >> 6 for a in d}
        lines |= ls
        pages |= {a >> 12 for a in d}
        by_part[part(program, obj, fn)] |= ls
        functions.append((len(ls), sum(d.values()), fn))
    ir = sum(f[1] for f in functions)
    functions.sort(reverse=True)
    return {"lines": len(lines), "pages": len(pages), "ir": ir,
            "parts": {p: len(s) for p, s in by_part.items()}, "top": functions[:top]}

def measure(program, argv, doc, work, ours):
    """Dumps for one typed character and one Backspace: {label: main thread's dump file}."""
    out = os.path.join(work, program + ".cg")
    tmux("kill-session", "-t", SESSION)
    env = "env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 HANDOFF_FILE= "
    # handoff-tui draws a key's frame with one doupdate: a dump right after it leaves out what
    # it starts once idle (the problem check, 150 ms after a key). nano and vim do nothing
    # when idle, but nano may call doupdate more than once for a key.
    after = "--dump-after=doupdate_sp " if ours else ""
    cmd = env + "valgrind --tool=callgrind --dump-instr=yes --separate-threads=yes " + after + \
        "--callgrind-out-file=%s %s 2>%s" % (out, " ".join(argv + [doc]), os.path.join(work, program + ".log"))
    tmux("new-session", "-d", "-s", SESSION, "-x", "120", "-y", "40", cmd)
    for _ in range(120):
        time.sleep(0.5)
        if "lib/db/migrate.py" in tmux("capture-pane", "-p", "-t", SESSION):
            break
    else:
        raise RuntimeError("%s: the document never appeared" % program)
    time.sleep(2)
    pid = next(p for p in subprocess.run(["pgrep", "-f", out], capture_output=True, text=True).stdout.split()
               if b"valgrind" in os.path.basename(open("/proc/%s/cmdline" % p, "rb").read().split(b"\0")[0]))
    if program == "vim":
        tmux("send-keys", "-t", SESSION, "i")
        time.sleep(0.5)
    for _ in range(3):
        for key in ("x", "BSpace"):
            tmux("send-keys", "-t", SESSION, key)
            time.sleep(0.4)
    time.sleep(1)

    def parts():
        found = {}
        for name in os.listdir(work):
            m = re.fullmatch(re.escape(program) + r"\.cg\.(\d+)-01", name)
            if m:
                found[int(m.group(1))] = os.path.join(work, name)
        return found

    dumps = {}
    for label, key in [("typed character", "x"), ("Backspace", "BSpace")]:
        before = parts()
        # Zeroed when valgrind next runs the program: at the latest when the key wakes it.
        subprocess.run(["callgrind_control", "-z", pid], capture_output=True)
        tmux("send-keys", "-t", SESSION, key)
        time.sleep(0.05)
        if not ours:
            subprocess.run(["callgrind_control", "-d", label.replace(" ", "-"), pid], capture_output=True)
        time.sleep(0.5)
        new = sorted(set(parts()) - set(before))
        if not new:
            raise RuntimeError("%s: no dump for the %s" % (program, label))
        dumps[label] = parts()[new[0]]
    subprocess.run(["kill", "-9", pid])
    time.sleep(0.5)
    tmux("kill-session", "-t", SESSION)
    return dumps

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(here, "..", ".build", "release", "handoff-tui"))
    ap.add_argument("--lines", type=int, default=10000)
    ap.add_argument("--only", help="comma-separated program names (default: all)")
    ap.add_argument("--top", type=int, default=0, help="also list the N functions with the most lines")
    ap.add_argument("--extra", action="append", default=[], metavar="NAME=PATH",
                    help="another handoff-tui build (A/B of a change)")
    args = ap.parse_args()
    for tool in ("valgrind", "tmux", "callgrind_control"):
        if not shutil.which(tool):
            sys.exit("key-footprint: %s is needed" % tool)

    work = tempfile.mkdtemp(prefix="key-footprint-")
    doc = os.path.join(work, "handoff.md")
    with open(doc, "wb") as f:
        f.write(subprocess.check_output([sys.executable, os.path.join(here, "generate-handoff.py"), str(args.lines)]))
    builds = {"handoff-tui": args.binary}
    builds.update(dict(e.split("=", 1) for e in args.extra))
    programs = {}
    for name, path in builds.items():
        copy = os.path.join(work, name + ".bin")
        shutil.copy(os.path.abspath(path), copy)
        subprocess.run(["strip", "-g", copy], check=True)
        programs[name] = [copy]
    programs["nano"] = ["nano", "--ignorercfiles"]
    programs["vim"] = ["vim", "-u", "NONE", "-N", "-n"]
    if args.only:
        programs = {n: a for n, a in programs.items() if n in args.only.split(",")}

    parts = ["own code", "Swift standard library", "Swift runtime", "Dispatch", "ncurses", "libc"]
    print("document: %d lines, 120x40, TERM=xterm-256color; one key each, main thread" % args.lines)
    print()
    print("| program | key | code lines | KB | pages | instructions | %s |" % " | ".join(parts))
    print("|---|---|---|---|---|---|" + "---|" * len(parts))
    tops = []
    for name, argv in programs.items():
        kind = "handoff-tui" if name in builds else name
        for label, dump in measure(name, argv, doc, work, ours=name in builds).items():
            s = summarize(kind, dump, args.top)
            cells = [str(s["parts"].get(p, 0)) if s["parts"].get(p) else "–" for p in parts]
            print("| %s | %s | %d | %d | %d | %d | %s |" % (name, label, s["lines"], s["lines"] * 64 // 1024,
                                                          s["pages"], s["ir"], " | ".join(cells)))
            tops.append((name, label, s["top"]))
    for name, label, top in tops:
        if not top:
            continue
        print("\n%s, %s: functions by lines (lines, instructions, name)" % (name, label))
        demangled = subprocess.run(["swift", "demangle", "--simplified"], input="\n".join(t[2] for t in top),
                                   capture_output=True, text=True).stdout.split("\n") if shutil.which("swift") else []
        for i, (n, ir, fn) in enumerate(top):
            print("%5d %8d  %s" % (n, ir, (demangled[i] if i < len(demangled) and demangled[i] else fn)[:140]))

if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes a large, realistic handoff document for benchmarks (deterministic for a given size).

usage: generate-handoff.py LINES > file.md     (100000 lines is about 10 MB)
The files it references are listed by `generate-handoff.py --paths`; create them beside the
document so that `check` finds them, as it would in a real repository.
"""
import random
import sys

if sys.argv[1:] == ["--paths"]:
    print("\n".join(["src/auth/sessions.ts", "Sources/HandoffCore/BlockScanner.swift", "lib/db/migrate.py",
                     "internal/queue/worker.go", "web/components/Editor.tsx", "docs/ARCHITECTURE.md"]))
    sys.exit(0)
lines_wanted = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
rng = random.Random(42)
words = ("refactor session token cache invalidation handler migration schema parser renderer "
         "layout keystroke buffer commit rebase hook fixture snapshot retry backoff timeout "
         "latency payload encoder decoder worker queue index column cursor viewport").split()
paths = ["src/auth/sessions.ts", "Sources/HandoffCore/BlockScanner.swift", "lib/db/migrate.py",
         "internal/queue/worker.go", "web/components/Editor.tsx", "docs/ARCHITECTURE.md"]
titles = ["Completed", "In Progress", "Blocked", "Decisions", "Next Steps", "Gotchas"]

def sentence(n):
    return " ".join(rng.choice(words) for _ in range(n))

out = ["# Session handoff — 2026-11-25 (feature/bench)", "",
       "Preamble: generated for benchmarks; every construct a real handoff uses appears below.", ""]
per_section = max(1, (lines_wanted - len(out)) // len(titles))
for t_index, title in enumerate(titles):
    out.append(f"## {title}")
    out.append("")
    start = len(out)
    n = 0
    while len(out) - start < per_section - 2:
        n += 1
        kind = rng.random()
        ref = f"`{rng.choice(paths)}:{rng.randint(1, 900)}`"
        # Each section's items say what `check` asks of them, as a careful writer's would.
        tail = {"Blocked": f"; waiting on {sentence(2)} from @ops",
                "Decisions": f" because {sentence(4)}"}.get(title, f", {sentence(3)}")
        if title == "Next Steps":
            out.append(f"{n}. {sentence(rng.randint(10, 18)).capitalize()} in {ref}{tail}")
        elif kind < 0.55:
            box = "[x] " if title == "Completed" else ("[ ] " if title != "In Progress" and rng.random() < 0.3 else "")
            out.append(f"- {box}{sentence(rng.randint(10, 18)).capitalize()} — see {ref}{tail}")
        elif kind < 0.75:
            out.append(f"  - {sentence(rng.randint(5, 12))} ({rng.choice(paths)}#L{rng.randint(1, 400)})")
        elif kind < 0.85:
            out.append("")
            out.append(f"{sentence(rng.randint(10, 16)).capitalize()}.")
            out.append(f"{sentence(rng.randint(10, 16))}.")
            out.append("")
        elif kind < 0.92:
            out.append("")
            out.append("```swift")
            out.append(f"## {title} — not a heading inside a fence")
            out.append(f"let {rng.choice(words)} = {rng.randint(0, 99)}  // {sentence(6)}")
            out.append("```")
            out.append("")
        else:
            out.append("")
            out.append("| file | line | note |")
            out.append("|------|------|------|")
            out.append(f"| {rng.choice(paths)} | {rng.randint(1, 900)} | {sentence(5)} |")
            out.append("")
    out.append("")
sys.stdout.write("\n".join(out[:lines_wanted]) + "\n")

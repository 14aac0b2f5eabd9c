#!/usr/bin/env bash
# History benchmark (issue 16): `handoff-tui log` and `diff` in a repository where the handoff
# was committed 10,000 times (two authors, code commits in between), side by side with
# `git log -- FILE` and `git log --follow -- FILE`. Figures go to docs/PERFORMANCE.md.
#
# usage: Benchmarks/history-bench.sh [VERSIONS]    (after `swift build -c release --product handoff-tui`)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${HANDOFF_TUI:-$here/.build/release/handoff-tui}
versions=${1:-10000}
[ -x "$bin" ] || { echo "build first: swift build -c release --product handoff-tui" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }

work=$(mktemp -d /tmp/history-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
repo=$work/repo
export GIT_CONFIG_GLOBAL=$work/gitconfig GIT_CONFIG_NOSYSTEM=1
printf '[user]\n\tname = Bench\n\temail = bench@example.invalid\n[gc]\n\tauto = 0\n' > "$GIT_CONFIG_GLOBAL"
git init -q -b main "$repo"
cd "$repo"

# One fast-import stream: each handoff version adds an item to a section, checks one off,
# and is followed by a code commit, so the file's history is every other commit.
python3 - "$versions" <<'PY' | git fast-import --quiet
import sys
n = int(sys.argv[1])
sections = ["Completed", "In Progress", "Blocked", "Decisions", "Next Steps", "Gotchas"]
items = {s: [] for s in sections}
mark = 0
def blob(data):
    global mark
    mark += 1
    b = data.encode()
    sys.stdout.write(f"blob\nmark :{mark}\ndata {len(b)}\n")
    sys.stdout.buffer.flush() if hasattr(sys.stdout, "buffer") else None
    sys.stdout.write(data + "\n")
    return mark
t = 1_700_000_000
for v in range(n):
    s = sections[v % 6]
    items[s].append(f"- [ ] item {v} in {s.lower()} touching src/mod{v % 50}/file{v % 7}.ts:{v % 300 + 1}")
    if len(items[s]) > 12: items[s].pop(0)
    if v % 3 == 0 and items["Next Steps"]:
        items["Next Steps"][0] = items["Next Steps"][0].replace("[ ]", "[x]")
    text = f"# Session handoff — version {v}\n\n" + "\n\n".join(f"## {k}\n" + "\n".join(items[k]) for k in sections) + "\n"
    h = blob(text)
    c = blob(f"code {v}\n")
    author = "Alice <alice@example.com>" if v % 2 else "Bob <bob@example.com>"
    for msg, path, m in ((f"session: version {v}", "HANDOFF.md", h), (f"code {v}", f"src/mod{v % 50}/file{v % 7}.ts", c)):
        t += 60
        b = msg.encode()
        sys.stdout.write(f"commit refs/heads/main\ncommitter {author} {t} +0000\ndata {len(b)}\n{msg}\nM 100644 :{m} {path}\n\n")
PY
git checkout -q main
git gc -q
echo "repository: $(git rev-list --count HEAD) commits, $(git rev-list --count HEAD -- HANDOFF.md) of them change HANDOFF.md"
echo "(load: $(cut -d' ' -f1-3 /proc/loadavg))"

hyperfine -N --warmup 3 --runs 30 \
  -n "handoff-tui log (20 versions)" "$bin log" \
  -n "git log -n 20 -- HANDOFF.md" "git log -n 20 -- HANDOFF.md" \
  -n "git log --follow -n 20 -- HANDOFF.md" "git log --follow -n 20 -- HANDOFF.md" \
  -n "handoff-tui diff (last two)" "$bin diff" \
  -n "handoff-tui show --rev HEAD~$versions" "$bin show --rev HEAD~$versions"
# review without a terminal does all its reading (a page of versions, two blobs, the UTF-8
# check), then stops at the terminal check with status 2: -i takes that as the end.
hyperfine -N -i --warmup 3 --runs 20 \
  -n "handoff-tui review (newest)" "$bin review" \
  -n "handoff-tui review HEAD~$versions" "$bin review HEAD~$versions" \
  -n "handoff-tui review HEAD~$((2 * versions - 1)) (first version)" "$bin review HEAD~$((2 * versions - 1))"
hyperfine -N --warmup 1 --runs 5 \
  -n "handoff-tui log -n 0 (all $versions)" "$bin log -n 0" \
  -n "git log -- HANDOFF.md (all)" "git log -- HANDOFF.md" \
  -n "git log --follow -- HANDOFF.md (all)" "git log --follow -- HANDOFF.md" \
  -n "git log --follow -p -- HANDOFF.md (all, with contents)" "git log --follow -p -- HANDOFF.md"

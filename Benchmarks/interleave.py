#!/usr/bin/env python3
"""Times two shell commands in alternation (A, B, A, B, ...) after a shared prepare step,
so that a neighbour's load drifting over the run hits both sides alike; hyperfine runs all
of one command, then all of the other.

usage: interleave.py RUNS PREPARE NAME_A CMD_A NAME_B CMD_B
Prints mean, median and min per side and the ratio of medians (A / B).
"""
import statistics
import subprocess
import sys
import time

runs = int(sys.argv[1])
prepare, name_a, cmd_a, name_b, cmd_b = sys.argv[2:7]

def timed(cmd):
    subprocess.run(prepare, shell=True, check=True)
    start = time.perf_counter()
    subprocess.run(cmd, shell=True, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000

for _ in range(5):   # warm-up
    timed(cmd_a); timed(cmd_b)
a, b = [], []
for i in range(runs):
    # Alternate which goes first, so neither always follows the other's writes.
    if i % 2 == 0:
        a.append(timed(cmd_a)); b.append(timed(cmd_b))
    else:
        b.append(timed(cmd_b)); a.append(timed(cmd_a))
for name, xs in ((name_a, a), (name_b, b)):
    print(f"| {name} | {statistics.mean(xs):.1f} | {statistics.median(xs):.1f} | {min(xs):.1f} |")
print(f"ratio of medians: {statistics.median(a) / statistics.median(b):.2f}; of minimums: {min(a) / min(b):.2f}")

#!/usr/bin/env python3
"""What a cold line of code costs on terminal-bench.py's harness (issue 4).

usage: cold-code.py [--lines 0,400,800,1600] [--align 512] [--out DIR]

Builds variants of floor-echo.c (the program that only answers a key) that, for each key,
also run a chain of N tiny functions, each in a 64-byte line of its own; aligned to 512 bytes
they lie eight to a 4 KB page (about the density of handoff-tui's code, see key-footprint.py),
to 64 bytes (`--align 64`, built as pN instead of cN) packed one after the other. Between two keys the harness
runs the other programs, so the chain is cold, as a real program's key path is. Then run them
side by side with the editors, e.g.:

  python3 Benchmarks/cold-code.py --out /tmp/cold-code
  python3 Benchmarks/terminal-bench.py --paints 0 --keys 150 \\
      --only handoff-tui,nano,c0,c400,c800,c1600 \\
      --extra c0=/tmp/cold-code/c0 --extra c400=/tmp/cold-code/c400 \\
      --extra c800=/tmp/cold-code/c800 --extra c1600=/tmp/cold-code/c1600

The step between two variants' medians, divided by the lines added, is the cost of a cold
line of code on this machine.
"""
import argparse, os, subprocess

here = os.path.dirname(os.path.abspath(__file__))

def source(n, align):
    src = open(os.path.join(here, "floor-echo.c")).read()
    chain = ["volatile unsigned long sink;", "static void f%d(void) {}" % n]
    # Declared first, then defined (and laid out: -fno-toplevel-reorder) in calling order.
    chain += ["void f%d(void);" % i for i in range(n)]
    for i in range(n):
        chain.append("__attribute__((noinline, aligned(%d))) void f%d(void) "
                     "{ sink += %d; f%d(); __asm__ volatile(\"\"); }" % (align, i, i, i + 1))
    src = src.replace("int main(", "\n".join(chain) + "\nint main(")
    return src.replace("out[0] = c == 0x7f", "f0();\n        out[0] = c == 0x7f")

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", default="0,400,800,1600")
    ap.add_argument("--align", type=int, default=512)
    ap.add_argument("--out", default="/tmp/cold-code")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for n in map(int, args.lines.split(",")):
        name = ("c%d" if args.align >= 512 else "p%d") % n
        c = os.path.join(args.out, name + ".c")
        with open(c, "w") as f:
            f.write(source(n, args.align))
        subprocess.run(["cc", "-O2", "-fno-toplevel-reorder", "-o", os.path.join(args.out, name), c], check=True)
        print(os.path.join(args.out, name))

if __name__ == "__main__":
    main()

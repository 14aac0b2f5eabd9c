// The floor of Benchmarks/terminal-bench.py: a program that does nothing but answer a key.
// Raw mode; writes the benchmark's first-paint token, then for each key read, 72 bytes
// (what handoff-tui writes for a typed character). Its key response is what the harness,
// the pseudo-terminal and the scheduler cost by themselves.
//   cc -O2 -o /tmp/floor-echo Benchmarks/floor-echo.c
//   python3 Benchmarks/terminal-bench.py --paints 0 --extra floor=/tmp/floor-echo
#include <termios.h>
#include <unistd.h>
#include <poll.h>
#include <string.h>
#include <stdio.h>
int main(int argc, char **argv) {
    struct termios t; tcgetattr(0, &t); cfmakeraw(&t); tcsetattr(0, TCSANOW, &t);
    // first paint: the marker the bench waits for
    const char *m = "lib/db/migrate.py#L143\r\n"; write(1, m, strlen(m));
    char out[80]; memset(out, 'a', 72);
    for (;;) {
        struct pollfd p = {0, POLLIN, 0};
        if (poll(&p, 1, 500) <= 0) continue;
        char c; if (read(0, &c, 1) != 1) return 0;
        out[0] = c == 0x7f ? 'b' : c;   // the bench looks for an 'x' in the echo
        write(1, out, 72);
    }
}

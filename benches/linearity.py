#!/usr/bin/env python3
"""Linearity of `charterc check` on the command line: the 10 MB synthetic charter against the 1 MB one.

Usage (from the repository's root): python3 benches/linearity.py ROUNDS BINARY

Each round runs `BINARY check --format json` of the 1 MB charter five times (keeping the median) and of the 10 MB
charter once, in a random order, one thread (`RAYON_NUM_THREADS=1`), and takes the ratio of the two. A shared
virtual machine runs the same binary 5 to 40% slower at some moments than at others; criterion measures the 1 MB
and the 10 MB check minutes apart, so their ratio moves with the machine, while the two runs of a round share its
moment. Prints the medians, the ratio of the medians, and the median and range of the rounds' ratios; the target
(docs/performance.md) is a ratio of at most 11.

The charters: cargo run --release --example generate -- --seed 1 --size 1000000 > /tmp/synthetic-1MB.charter,
and --size 10000000 > /tmp/synthetic-10MB.charter.
"""
import os
import random
import statistics
import sys
import time

SMALL = "/tmp/synthetic-1MB.charter"
LARGE = "/tmp/synthetic-10MB.charter"


def main() -> None:
    rounds = int(sys.argv[1])
    binary = sys.argv[2]
    environment = dict(os.environ, RAYON_NUM_THREADS="1")
    devnull = os.open(os.devnull, os.O_WRONLY)
    quiet = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]

    def run(path: str) -> float:
        start = time.perf_counter_ns()
        pid = os.posix_spawn(binary, [binary, "check", "--format", "json", path], environment, file_actions=quiet)
        os.waitpid(pid, 0)
        return (time.perf_counter_ns() - start) / 1e6

    small, large, ratios = [], [], []
    for round_number in range(rounds + 2):
        measured = {}
        for path in random.sample([SMALL, LARGE], 2):
            measured[path] = statistics.median(run(path) for _ in range(5)) if path == SMALL else run(path)
        if round_number >= 2:  # two warm-up rounds
            small.append(measured[SMALL])
            large.append(measured[LARGE])
            ratios.append(measured[LARGE] / measured[SMALL])
    print(
        f"1 MB median {statistics.median(small):.1f} ms, 10 MB median {statistics.median(large):.1f} ms;"
        f" ratio of the medians {statistics.median(large) / statistics.median(small):.2f};"
        f" ratio per round: median {statistics.median(ratios):.2f}, {min(ratios):.2f} to {max(ratios):.2f}"
    )


if __name__ == "__main__":
    main()

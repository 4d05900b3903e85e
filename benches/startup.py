#!/usr/bin/env python3
"""Start-up of `charterc check charters/` over `--version`, for builds side by side.

Usage (from the repository's root): python3 benches/startup.py RUNS BINARY [BINARY...]

Runs `BINARY check charters/` and `BINARY --version` for every binary, RUNS times each after 20 warm-up rounds,
in a new random order every round, so that a machine that is slower at some moments than at others (a shared
virtual machine) weighs on every build alike; hyperfine runs each command's runs one after the other. Prints each
command's mean and median wall time and their distance from the same binary's `--version` (a build that changes
the process's own start, such as another allocator, changes both). With GAP=seconds in the environment,
the machine idles that long after every run (the time of a run does not include it), as between two commits.
"""
import os
import random
import statistics
import sys
import time


def main() -> None:
    runs = int(sys.argv[1])
    binaries = sys.argv[2:]
    commands = [[binary, "check", "charters/"] for binary in binaries] + [[binary, "--version"] for binary in binaries]
    gap = float(os.environ.get("GAP", "0"))
    devnull = os.open(os.devnull, os.O_WRONLY)
    quiet = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]
    times = [[] for _ in commands]
    for round_number in range(runs + 20):
        order = list(range(len(commands)))
        random.shuffle(order)
        for index in order:
            start = time.perf_counter_ns()
            pid = os.posix_spawn(commands[index][0], commands[index], os.environ, file_actions=quiet)
            os.waitpid(pid, 0)
            elapsed = (time.perf_counter_ns() - start) / 1e6
            if round_number >= 20:
                times[index].append(elapsed)
            time.sleep(gap)
    versions = {commands[index][0]: times[index] for index in range(len(binaries), len(commands))}
    for command, measured in zip(commands, times):
        mean = statistics.mean(measured)
        median = statistics.median(measured)
        version = versions[command[0]]
        print(
            f"{' '.join(command):50} mean {mean:.3f} ms, median {median:.3f} ms;"
            f" over --version: mean {mean - statistics.mean(version):+.3f},"
            f" median {median - statistics.median(version):+.3f}"
        )

if __name__ == "__main__":
    main()

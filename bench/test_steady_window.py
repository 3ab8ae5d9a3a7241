#!/usr/bin/env python3
"""The bandwidth-cap check's steady window (bench/run.py steady_window), part of `make bench-smoke`.

The window opens at the client's first MiB through the latency proxy, not its first byte: a run
whose first requests (a few hundred bytes) come seconds before its first body must not count that
wait as a slow upload.

    python3 bench/test_steady_window.py
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import steady_window  # noqa: E402

MIB = 1 << 20


def main():
    # 0.25 s samples: a 216-byte request at 0.25 s, nothing until the bodies start at 8 s, 1 MiB per
    # 0.25 s until 48 s, then nothing moves
    samples = [(i * 0.25, 0) for i in range(1)] + [(0.25 * i, 216) for i in range(1, 33)]
    samples += [(8 + 0.25 * i, 216 + MIB * i) for i in range(1, 161)]
    samples += [(48 + 0.25 * i, 216 + MIB * 160) for i in range(1, 9)]
    first, last = steady_window(samples)
    assert first == 8.0, f"the window opens where the bodies start (8.0 s), not at the first request: {first}"
    assert last == 48.0, f"the window closes at the last sample that moved (48.0 s): {last}"
    assert steady_window([(0, 0), (1, 500), (2, 900)]) is None, "no body: no window"
    assert steady_window([(0, 0)]) is None
    print("steady_window: OK")


if __name__ == "__main__":
    main()

"""Runs the agent with --progress json: events from stdout, human lines from stderr, cancel through cancel_copy.txt."""

import json
import os
import queue
import subprocess
import threading
import time
from pathlib import Path

#: The agent stops an upload when this file appears in the image folder (UploadOptions.CANCEL_FILE).
CANCEL_FILE = "cancel_copy.txt"

#: Seconds the agent gets to stop cleanly after the cancel file is written, before it is terminated.
CANCEL_GRACE_SECONDS = 120


class RunResult(object):
    """What one agent run ended with."""

    def __init__(self, exit_code, summary, stderr_tail, cancel_requested, terminated):
        self.exit_code = exit_code
        self.summary = summary                # the summary event, or None (the agent stopped before it)
        self.stderr_tail = stderr_tail        # the last stderr lines
        self.cancel_requested = cancel_requested
        self.terminated = terminated          # the agent did not stop within the grace period


def _no_window():
    return getattr(subprocess, "CREATE_NO_WINDOW", 0) if os.name == "nt" else 0


def _pump(stream, kind, q):
    try:
        for line in stream:
            q.put((kind, line.rstrip("\r\n")))
    finally:
        q.put((kind, None))


def run_events(command, on_event, on_stderr, is_cancelled, cancel_folder, poll_seconds=0.2,
               grace_seconds=CANCEL_GRACE_SECONDS):
    """Runs ``command`` (an argument list: no shell, so no quoting to get wrong) to its end.

    Each stdout line is parsed as JSON and handed to ``on_event(dict)``; a line that is not JSON goes to
    ``on_stderr`` marked as such. Each stderr line goes to ``on_stderr(str)``. ``is_cancelled()`` is
    polled; once it is true the cancel file is written in ``cancel_folder`` (and removed after the
    run if the toolbox wrote it), and the agent gets ``grace_seconds`` to stop (exit 130) before it is
    terminated.
    """
    proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            encoding="utf-8", errors="replace", creationflags=_no_window())
    q = queue.Queue()
    readers = [threading.Thread(target=_pump, args=(proc.stdout, "out", q), daemon=True),
               threading.Thread(target=_pump, args=(proc.stderr, "err", q), daemon=True)]
    for r in readers:
        r.start()
    cancel_file = Path(cancel_folder) / CANCEL_FILE
    wrote_cancel = False
    cancel_requested = False
    deadline = None
    terminated = False
    summary = None
    tail = []
    open_streams = 2
    try:
        while open_streams:
            try:
                kind, line = q.get(timeout=poll_seconds)
            except queue.Empty:
                kind, line = None, None
            if kind is not None and line is None:
                open_streams -= 1
            elif kind == "out":
                try:
                    event = json.loads(line)
                except ValueError:
                    on_stderr("(not JSON on stdout) " + line)
                else:
                    if isinstance(event, dict):
                        if event.get("event") == "summary":
                            summary = event
                        on_event(event)
            elif kind == "err":
                tail = (tail + [line])[-20:]
                on_stderr(line)
            if not cancel_requested and is_cancelled():
                cancel_requested = True
                deadline = time.monotonic() + grace_seconds
                if not cancel_file.exists():
                    cancel_file.write_text("cancelled from ArcGIS Pro\n", encoding="utf-8")
                    wrote_cancel = True
            if deadline is not None and not terminated and time.monotonic() > deadline:
                terminated = True
                proc.terminate()
            elif terminated and time.monotonic() > deadline + 10 and proc.poll() is None:
                proc.kill()
        code = proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
        if wrote_cancel:
            try:
                cancel_file.unlink()
            except OSError:
                pass
    return RunResult(code, summary, tail, cancel_requested, terminated)

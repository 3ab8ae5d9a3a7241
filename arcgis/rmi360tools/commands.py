"""The three tools' work: upload, store keyring credentials, project status. Each returns the agent's exit code."""

import json
import subprocess
from pathlib import Path

from . import runner
from .progress import ProgressMapper

#: Exit codes of the agent (docs/upload.md): 0 done, 1 some files failed, 2 usage/config, 3 credentials, 130 cancelled.
OK, SOME_FAILED, USAGE, CREDENTIALS, CANCELLED = 0, 1, 2, 3, 130

#: What `rmi360 credentials set` prompts on stderr when it reads from a pipe (cli/Prompter.lines).
PROMPTS = ("AWS access key id: ", "AWS secret access key (not shown): ")


def upload_command(agent, folder, config=None, slug=None, local=False, verify_remote=False, monitor=True,
                   concurrency=None, dry_run=False, extra=()):
    """The agent's argument list for one upload (no shell: paths with spaces need no quoting)."""
    cmd = [str(agent), "upload", str(folder), "--progress", "json"]
    if config:
        cmd += ["--config", str(config)]
    if slug:
        cmd += ["--slug", slug]
    if local:
        cmd.append("--local")
    if verify_remote:
        cmd.append("--verify-remote")
    if not monitor:
        cmd.append("--no-monitor")
    if concurrency:
        cmd += ["--concurrency", str(int(concurrency))]
    if dry_run:
        cmd.append("--dry-run")
    return cmd + list(extra)


#: Human stderr lines that an event already reports (warning, file_failed, start, summary): not shown twice.
COVERED_BY_EVENTS = ("warning: ", "error: ", "uploading ", "done: ", "cancelled (")


def _stderr_to(arcpy):
    """Human stderr lines as messages; fatal `rmi360:` lines as errors; those events cover are skipped."""
    def forward(line):
        if not line.strip() or line.startswith(COVERED_BY_EVENTS):
            return
        if line.startswith("rmi360: "):
            arcpy.AddError(line[len("rmi360: "):])
        else:
            arcpy.AddMessage(line)
    return forward


def upload(arcpy, agent, folder, is_cancelled=None, **options):
    """Runs one upload to its end, reporting through ``arcpy``; Cancel in Pro stops it through the cancel file."""
    stale = Path(folder) / runner.CANCEL_FILE
    if stale.exists():
        arcpy.AddWarning("removed {} left in the folder by an earlier cancel (it would stop this upload at once)".format(stale))
        stale.unlink()
    if is_cancelled is None:
        def is_cancelled():
            return bool(getattr(arcpy.env, "isCancelled", False))
    mapper = ProgressMapper(arcpy)
    result = runner.run_events(upload_command(agent, folder, **options), mapper.handle, _stderr_to(arcpy),
                               is_cancelled, folder)
    code = result.exit_code
    if result.terminated:
        arcpy.AddError("the agent did not stop within {} s of the cancel and was terminated; the next upload resumes "
                       "from its journal".format(runner.CANCEL_GRACE_SECONDS))
    elif code == CANCELLED:
        arcpy.AddWarning("Upload cancelled; files already sent are in the journal, and running the tool again "
                         "resumes where this run stopped.")
    elif code == SOME_FAILED:
        arcpy.AddError("some files were not uploaded (see the warnings above); run the tool again to retry them")
    elif code != OK and result.summary is None and not result.stderr_tail:
        arcpy.AddError("the agent stopped with exit code {}".format(code))
    return code


def set_credentials(arcpy, agent, access_key_id, secret, config=None, service=None, timeout=120):
    """`rmi360 credentials set`: the key id and the secret go on stdin, never on the command line."""
    cmd = [str(agent), "credentials", "set"]
    if config:
        cmd += ["--config", str(config)]
    if service:
        cmd += ["--service", service]
    done = subprocess.run(cmd, input="{}\n{}\n".format(access_key_id.strip(), secret.strip()), capture_output=True,
                          encoding="utf-8", errors="replace", timeout=timeout,
                          creationflags=runner._no_window())
    for line in done.stdout.splitlines():
        arcpy.AddMessage(line)
    err = done.stderr
    for prompt in PROMPTS:
        err = err.replace(prompt, "")
    for line in err.splitlines():
        if line.strip():
            (arcpy.AddError if done.returncode else arcpy.AddMessage)(line.replace("rmi360: ", "", 1))
    return done.returncode


def status_line(doc):
    """One project's progress document in a line."""
    line = "{}: {}, {} of {} images ({}%)".format(doc.get("project_slug"), doc.get("upload_status"), doc.get("count"),
                                                 doc.get("expected_total"), doc.get("percent_complete"))
    if doc.get("last_updated"):
        line += ", updated {}".format(doc["last_updated"])
    return line


def _documents(text):
    """The JSON documents `status --json` prints one after the other (each pretty-printed)."""
    decoder = json.JSONDecoder()
    docs, i = [], 0
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            return docs
        doc, i = decoder.raw_decode(text, i)
        docs.append(doc)


def project_status(arcpy, agent, config=None, slug=None, extra=(), timeout=300):
    """`rmi360 status --json`: each project's progress document as a message line; returns (exit code, documents)."""
    cmd = [str(agent), "status", "--json"]
    if config:
        cmd += ["--config", str(config)]
    if slug:
        cmd += ["--slug", slug]
    done = subprocess.run(cmd + list(extra), stdin=subprocess.DEVNULL, capture_output=True, encoding="utf-8",
                          errors="replace", timeout=timeout, creationflags=runner._no_window())
    docs = _documents(done.stdout)
    for doc in docs:
        arcpy.AddMessage(status_line(doc))
    for line in done.stderr.splitlines():
        if line.strip():
            (arcpy.AddError if done.returncode else arcpy.AddWarning)(line.replace("rmi360: ", "", 1))
    return done.returncode, docs

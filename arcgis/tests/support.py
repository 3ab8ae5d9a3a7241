"""Shared by the toolbox tests: the stand-in arcpy on the path, the real agent, image folders, the .pyt loaded."""

import importlib.machinery
import importlib.util
import os
import sys
import unittest
from pathlib import Path

TESTS = Path(__file__).resolve().parent
ARCGIS = TESTS.parent
REPO = ARCGIS.parent
for p in (str(TESTS), str(ARCGIS)):
    if p not in sys.path:
        sys.path.insert(0, p)

import arcpy  # noqa: E402  the stand-in in this folder, never ArcGIS Pro's

assert Path(arcpy.__file__).resolve().parent == TESTS, "tests must run against the stand-in arcpy"

JAR = REPO / "agent" / "target" / "rmi360-agent.jar"


def require_agent():
    """The repo's agent (bin/rmi360 over the built jar): skip without it, fail under CI=true."""
    if not JAR.is_file():
        if os.environ.get("CI") == "true":
            raise AssertionError("{} is missing: run `make build` first".format(JAR))
        raise unittest.SkipTest("{} not built (make build)".format(JAR))
    return REPO / "bin" / "rmi360"


def load_pyt():
    """RMI360.pyt as a module (it imports the stand-in arcpy)."""
    loader = importlib.machinery.SourceFileLoader("rmi360_pyt", str(ARCGIS / "RMI360.pyt"))
    spec = importlib.util.spec_from_loader("rmi360_pyt", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def images(folder, count, size):
    """``count`` files of ``size`` pseudo-random bytes named .jpg (the agent goes by extension)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / "IMG_{:04d}.jpg".format(i)).write_bytes(os.urandom(size))
    return folder


def named(name):
    """The arguments of every recorded call of ``name``."""
    return [args for n, args in arcpy.calls if n == name]


def journal_keys(folder):
    """Keys in the local-mode journal (url-encoded first field of each entry line)."""
    from urllib.parse import unquote
    keys = set()
    for journal in (folder / ".rmi360" / "local").glob("journal_*.log"):
        for line in journal.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                keys.add(unquote(line.split("\t")[0]))
    return keys


def local_objects(folder, bucket="rmi360-local"):
    """Keys S3Proxy holds in local mode (its filesystem store under .rmi360/local/s3)."""
    root = folder / ".rmi360" / "local" / "s3" / bucket
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}

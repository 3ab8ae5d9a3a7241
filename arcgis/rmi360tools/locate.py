"""Where the rmi360 agent is: the toolbox setting, then RMI360_HOME, then a bundle beside the toolbox."""

import json
import os
import re
from pathlib import Path

#: The toolbox setting: a JSON file beside RMI360.pyt, e.g. {"agent_home": "C:/Tools/rmi360-1.4.0-windows-x64"}.
SETTINGS_FILE = "RMI360.settings.json"


class AgentNotFound(Exception):
    """No agent where the toolbox looked; the message says where that was."""


def launcher_name(windows):
    return "rmi360.cmd" if windows else "rmi360"


def read_setting(toolbox_dir):
    """The ``agent_home`` of the settings file beside the toolbox, or None."""
    path = Path(toolbox_dir) / SETTINGS_FILE
    if not path.is_file():
        return None
    try:
        value = json.loads(path.read_text(encoding="utf-8")).get("agent_home")
    except (ValueError, AttributeError) as e:
        raise AgentNotFound("{}: not a JSON object with \"agent_home\" ({})".format(path, e))
    return value or None


def _launcher(home, windows):
    """bin/rmi360[.cmd] under an agent home, or the launcher itself when ``home`` names it."""
    p = Path(home)
    if p.is_file():
        return p
    candidate = p / "bin" / launcher_name(windows)
    return candidate if candidate.is_file() else None


def _version_key(path):
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path.name)]


def _bundles_beside(toolbox_dir):
    """The bundle the toolbox sits in (<bundle>/arcgis/RMI360.pyt), then rmi360-* bundles beside it, newest first."""
    here = Path(toolbox_dir).resolve()
    yield here.parent
    for folder in (here, here.parent):
        for bundle in sorted(folder.glob("rmi360-*"), key=_version_key, reverse=True):
            if bundle.is_dir():
                yield bundle


def find_agent(toolbox_dir, env=None, windows=None):
    """The launcher to run: the setting, then RMI360_HOME, then a bundle beside the toolbox."""
    env = os.environ if env is None else env
    windows = (os.name == "nt") if windows is None else windows
    setting = read_setting(toolbox_dir)
    if setting:
        found = _launcher(setting, windows)
        if found is None:
            raise AgentNotFound("the toolbox setting agent_home ({}, in {}) holds no bin/{}".format(
                setting, Path(toolbox_dir) / SETTINGS_FILE, launcher_name(windows)))
        return found
    home = env.get("RMI360_HOME")
    if home:
        found = _launcher(home, windows)
        if found is None:
            raise AgentNotFound("RMI360_HOME ({}) holds no bin/{}".format(home, launcher_name(windows)))
        return found
    for bundle in _bundles_beside(toolbox_dir):
        found = _launcher(bundle, windows)
        if found is not None:
            return found
    raise AgentNotFound("no rmi360 agent: set agent_home in {}, or RMI360_HOME, or unpack the bundle beside the "
                        "toolbox".format(Path(toolbox_dir) / SETTINGS_FILE))

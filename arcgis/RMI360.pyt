# -*- coding: utf-8 -*-
"""RMI360 ArcGIS Pro toolbox: upload a project folder to AWS with the rmi360 agent, store the AWS keys in the
Windows Credential Manager, show a project's progress. Python 3.9+ standard library and arcpy only.

The work is done by the rmi360 agent (found from RMI360.settings.json beside this file, then RMI360_HOME,
then the bundle this toolbox sits in or beside); the logic lives in rmi360tools/ next to this file.
See docs/arcgis.md.
"""

import os
import sys

import arcpy

_HERE = os.path.dirname(os.path.abspath(__file__))
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

from rmi360tools import commands, locate  # noqa: E402


def _param(label, name, datatype, required=True, direction="Input"):
    return arcpy.Parameter(displayName=label, name=name, datatype=datatype,
                           parameterType="Required" if required else "Optional", direction=direction)


def _agent():
    try:
        return locate.find_agent(_HERE)
    except locate.AgentNotFound as e:
        arcpy.AddError(str(e))
        raise arcpy.ExecuteError(str(e))


def _finish(code, accepted=(commands.OK,)):
    if code not in accepted:
        raise arcpy.ExecuteError("rmi360 exited with code {}".format(code))


class Toolbox(object):
    def __init__(self):
        self.label = "RMI360"
        self.alias = "rmi360"
        self.tools = [UploadToAWS, SetAWSKeyringCredentials, ProjectStatus]


class UploadToAWS(object):
    def __init__(self):
        self.label = "Upload to AWS"
        self.description = ("Uploads the JPEG images under a folder to S3 with the rmi360 agent: resumable, "
                            "checksummed, with progress; Cancel stops it cleanly and a rerun resumes.")
        self.canRunInBackground = False

    def getParameterInfo(self):
        folder = _param("Image folder", "folder", "DEFolder")
        config = _param("config.yaml", "config", "DEFile")
        config.filter.list = ["yaml", "yml"]
        slug = _param("Project slug (default: config.yaml, else the folder name)", "slug", "GPString", False)
        concurrency = _param("Files in flight (default: config.yaml aws.max_workers)", "concurrency", "GPLong", False)
        verify = _param("Verify against the bucket first (--verify-remote)", "verify_remote", "GPBoolean", False)
        verify.value = False
        monitor = _param("Start the progress monitor", "monitor", "GPBoolean", False)
        monitor.value = True
        local = _param("Rehearse locally, no AWS account (--local)", "local", "GPBoolean", False)
        local.value = False
        dry = _param("Dry run: count what would be sent", "dry_run", "GPBoolean", False)
        dry.value = False
        return [folder, config, slug, concurrency, verify, monitor, local, dry]

    def execute(self, parameters, messages):
        p = {x.name: x.valueAsText for x in parameters}
        code = commands.upload(arcpy, _agent(), p["folder"], config=p["config"], slug=p["slug"] or None,
                               concurrency=p["concurrency"] or None, verify_remote=p["verify_remote"] == "true",
                               monitor=p["monitor"] != "false", local=p["local"] == "true",
                               dry_run=p["dry_run"] == "true")
        _finish(code, accepted=(commands.OK, commands.CANCELLED))


class SetAWSKeyringCredentials(object):
    def __init__(self):
        self.label = "Set AWS Keyring Credentials"
        self.description = ("Stores an AWS access key pair in the Windows Credential Manager for the agent "
                            "(rmi360 credentials set); the secret is passed on stdin, never on a command line.")
        self.canRunInBackground = False

    def getParameterInfo(self):
        config = _param("config.yaml (names the keyring service)", "config", "DEFile", False)
        config.filter.list = ["yaml", "yml"]
        service = _param("Keyring service (default: config.yaml aws.keyring_service_name)", "service", "GPString", False)
        key_id = _param("AWS access key id", "access_key_id", "GPString")
        secret = _param("AWS secret access key", "secret", "GPStringHidden")
        return [config, service, key_id, secret]

    def execute(self, parameters, messages):
        p = {x.name: x.valueAsText for x in parameters}
        _finish(commands.set_credentials(arcpy, _agent(), p["access_key_id"], p["secret"], config=p["config"] or None,
                                         service=p["service"] or None))


class ProjectStatus(object):
    def __init__(self):
        self.label = "Project Status"
        self.description = "Shows upload progress from the bucket's status/progress_<slug>.json (rmi360 status --json)."
        self.canRunInBackground = False

    def getParameterInfo(self):
        config = _param("config.yaml", "config", "DEFile")
        config.filter.list = ["yaml", "yml"]
        slug = _param("Project slug (default: every project)", "slug", "GPString", False)
        return [config, slug]

    def execute(self, parameters, messages):
        p = {x.name: x.valueAsText for x in parameters}
        code, _ = commands.project_status(arcpy, _agent(), config=p["config"], slug=p["slug"] or None)
        _finish(code)

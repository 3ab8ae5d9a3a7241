"""Set AWS Keyring Credentials and Project Status, through RMI360.pyt and the stand-in arcpy, against the real agent:
the keys go into a real Secret Service (scripts/with-keyring.sh), status reads a real progress document from
moto_server with those keys."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.request
from pathlib import Path
from unittest import mock

import support
from support import arcpy, named

from rmi360tools import commands

KEY_ID = "AKIAARCGISTOOLBOX123"
SECRET = "arcgis/Toolbox+Secret0123456789abcdefghij"
SERVICE = "rmi360-arcgis-test"


def require(condition, what):
    if not condition:
        if os.environ.get("CI") == "true":
            raise AssertionError(what + " is missing")
        raise unittest.SkipTest(what + " is missing")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class KeyringAndStatusToolsTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        support.require_agent()
        require(os.environ.get("RMI360_KEYRING_SESSION") == "1" and shutil.which("secret-tool"),
                "a private Secret Service (run under scripts/with-keyring.sh)")
        cls.pyt = support.load_pyt()

    def setUp(self):
        arcpy.reset()
        self.tmp = Path(tempfile.mkdtemp(prefix="rmi360-arcgis-"))
        self.saved = dict(os.environ)
        os.environ["RMI360_HOME"] = str(support.REPO)

    def tearDown(self):
        os.environ.clear()
        os.environ.update(self.saved)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run_tool(self, tool, **values):
        params = tool.getParameterInfo()
        for p in params:
            if p.name in values:
                p.value = values[p.name]
        tool.execute(params, None)

    def test_credentials_go_by_stdin_into_the_keyring_and_status_reads_with_them(self):
        real_run = subprocess.run
        seen = []

        def recording_run(cmd, *args, **kwargs):
            seen.append((list(cmd), kwargs.get("input")))
            return real_run(cmd, *args, **kwargs)

        with mock.patch.object(commands.subprocess, "run", recording_run):
            self.run_tool(self.pyt.SetAWSKeyringCredentials(), service=SERVICE, access_key_id=KEY_ID, secret=SECRET)
        self.assertEqual([], named("AddError"), arcpy.calls)
        self.assertEqual(1, len(seen))
        cmd, stdin = seen[0]
        self.assertEqual(["credentials", "set", "--service", SERVICE], cmd[1:])
        self.assertNotIn(SECRET, " ".join(cmd))
        self.assertEqual(KEY_ID + "\n" + SECRET + "\n", stdin)
        stored = real_run(["secret-tool", "lookup", "service", SERVICE, "username", "aws_secret_access_key"],
                          capture_output=True, text=True)
        self.assertEqual(SECRET, stored.stdout.strip())
        messages = " ".join(a[0] for a in named("AddMessage"))
        self.assertIn("Stored access key", messages)
        self.assertNotIn(SECRET, repr(arcpy.calls))

        # a bad key id is the agent's one-line usage error, and the tool fails
        arcpy.reset()
        with self.assertRaises(arcpy.ExecuteError):
            self.run_tool(self.pyt.SetAWSKeyringCredentials(), service=SERVICE, access_key_id="nope", secret=SECRET)
        self.assertEqual(1, len(named("AddError")), arcpy.calls)
        self.assertIn("does not look like an AWS access key id", named("AddError")[0][0])

        self.status_with_the_stored_keys()

    def status_with_the_stored_keys(self):
        require(shutil.which("moto_server"), "moto_server")
        # a real progress document: a monitored local-mode upload writes one
        folder = support.images(self.tmp / "ARC2", 2, 1000)
        code = commands.upload(arcpy, support.REPO / "bin" / "rmi360", folder, local=True, monitor=True)
        self.assertEqual(0, code, arcpy.calls)
        doc = folder / ".rmi360" / "local" / "s3" / "rmi360-local" / "status" / "progress_ARC2.json"
        self.assertTrue(doc.is_file())

        port = free_port()
        moto = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        try:
            url = "http://127.0.0.1:{}".format(port)
            for _ in range(100):
                try:
                    urllib.request.urlopen(url + "/moto-api/", timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            import boto3
            s3 = boto3.client("s3", endpoint_url=url, region_name="us-east-1", aws_access_key_id="x",
                              aws_secret_access_key="x")
            s3.create_bucket(Bucket="arc-status")
            s3.put_object(Bucket="arc-status", Key="status/progress_ARC2.json", Body=doc.read_bytes())
            config = self.tmp / "config.yaml"
            config.write_text("aws: {region: us-east-1, s3_bucket: arc-status, auth_mode: keyring, "
                              "keyring_service_name: " + SERVICE + "}\n", encoding="utf-8")
            arcpy.reset()
            code, docs = commands.project_status(arcpy, support.REPO / "bin" / "rmi360", config=config,
                                                 extra=["--endpoint-url", url])
            self.assertEqual(0, code, arcpy.calls)
            self.assertEqual(["ARC2"], [d["project_slug"] for d in docs], arcpy.calls)
            self.assertTrue([a for a in named("AddMessage") if a[0].startswith("ARC2: Complete, 2 of 2 images (100")],
                            arcpy.calls)

            # without keys in the keyring, status is the agent's credentials error (exit 3) as a tool error
            subprocess.run(["secret-tool", "clear", "service", SERVICE, "username", "aws_secret_access_key"])
            subprocess.run(["secret-tool", "clear", "service", SERVICE, "username", "aws_access_key_id"])
            subprocess.run([str(support.REPO / "bin" / "rmi360"), "credentials", "delete", "--service", SERVICE],
                           capture_output=True)
            arcpy.reset()
            code, docs = commands.project_status(arcpy, support.REPO / "bin" / "rmi360", config=config,
                                                 extra=["--endpoint-url", url])
            self.assertEqual(commands.CREDENTIALS, code, arcpy.calls)
            self.assertTrue(named("AddError"), arcpy.calls)
        finally:
            moto.terminate()
            moto.wait()


if __name__ == "__main__":
    unittest.main()

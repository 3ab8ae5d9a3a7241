"""The toolbox's own logic without the agent: where it finds the agent, how events become progressor calls."""

import json
import tempfile
import unittest
from pathlib import Path

import support
from support import arcpy, named

from rmi360tools import locate
from rmi360tools.progress import MAX_FILE_WARNINGS, ProgressMapper


def launcher(home, name="rmi360"):
    (home / "bin").mkdir(parents=True, exist_ok=True)
    (home / "bin" / name).write_text("", encoding="utf-8")
    return home / "bin" / name


class LocateTest(unittest.TestCase):

    def setUp(self):
        self.root = Path(tempfile.mkdtemp(prefix="rmi360-locate-"))
        self.toolbox = self.root / "tools" / "arcgis"
        self.toolbox.mkdir(parents=True)

    def test_setting_then_rmi360_home_then_the_bundle_beside(self):
        beside_old = launcher(self.toolbox / "rmi360-1.9.0-windows-x64", "rmi360.cmd")
        beside_new = launcher(self.toolbox / "rmi360-1.10.0-windows-x64", "rmi360.cmd")
        home = launcher(self.root / "home", "rmi360.cmd")
        chosen = launcher(self.root / "chosen", "rmi360.cmd")
        (self.toolbox / locate.SETTINGS_FILE).write_text(json.dumps({"agent_home": str(self.root / "chosen")}))
        env = {"RMI360_HOME": str(self.root / "home")}
        self.assertEqual(chosen, locate.find_agent(self.toolbox, env, windows=True))
        (self.toolbox / locate.SETTINGS_FILE).unlink()
        self.assertEqual(home, locate.find_agent(self.toolbox, env, windows=True))
        self.assertEqual(beside_new, locate.find_agent(self.toolbox, {}, windows=True))  # 1.10 > 1.9
        self.assertNotEqual(beside_old, beside_new)

    def test_the_bundle_the_toolbox_sits_in_and_the_unix_launcher(self):
        inside = launcher(self.toolbox.parent)  # <bundle>/arcgis/RMI360.pyt, <bundle>/bin/rmi360
        self.assertEqual(inside, locate.find_agent(self.toolbox, {}, windows=False))

    def test_a_wrong_setting_or_home_is_named_not_skipped(self):
        launcher(self.toolbox.parent)
        with self.assertRaisesRegex(locate.AgentNotFound, "RMI360_HOME .*nowhere.* holds no bin/rmi360.cmd"):
            locate.find_agent(self.toolbox, {"RMI360_HOME": str(self.root / "nowhere")}, windows=True)
        (self.toolbox / locate.SETTINGS_FILE).write_text("[1]")
        with self.assertRaisesRegex(locate.AgentNotFound, "agent_home"):
            locate.find_agent(self.toolbox, {}, windows=False)

    def test_nothing_found_says_where_to_put_it(self):
        with self.assertRaisesRegex(locate.AgentNotFound, "set agent_home in .*RMI360.settings.json, or RMI360_HOME"):
            locate.find_agent(self.toolbox, {}, windows=False)


def event(name, **fields):
    return dict({"schema": 1, "event": name, "time": "2026-01-01T00:00:00Z"}, **fields)


class ProgressMapperTest(unittest.TestCase):

    def setUp(self):
        arcpy.reset()
        self.mapper = ProgressMapper(arcpy)

    def test_progress_moves_the_bar_once_per_percent_with_rate_and_eta(self):
        self.mapper.handle(event("start", files_total=10, files_to_send=8, bytes_to_send=800, files_in_journal=2,
                                 bucket="b", prefix="P"))
        for sent in (0, 4, 5, 400):
            self.mapper.handle(event("progress", files_done=sent // 100, files_failed=0, files_to_send=8,
                                     bytes_sent=sent, bytes_to_send=800, bytes_per_second=3 << 20,
                                     eta_seconds=None if sent == 0 else 3725))
        self.assertEqual([("step", "Uploading 8 of 10 images (0.0 MiB) to s3://b/P; 2 already uploaded (journal)",
                           0, 100, 1)], named("SetProgressor"))
        self.assertEqual([(50,)], named("SetProgressorPosition"))  # 0 % is where the bar starts; 4 and 5 bytes are < 1 %
        self.assertEqual(("4/8 files, 3.0 MiB/s, ETA 1:02:05",), named("SetProgressorLabel")[-1])
        self.assertEqual(("0/8 files, 3.0 MiB/s, ETA --:--:--",), named("SetProgressorLabel")[0])

    def test_failures_warn_up_to_a_limit_then_once(self):
        for i in range(MAX_FILE_WARNINGS + 5):
            self.mapper.handle(event("file_failed", path="f{}.jpg".format(i), key="k", bytes=1, seconds=0,
                                     error="permission denied"))
        warnings = [a[0] for a in named("AddWarning")]
        self.assertEqual(MAX_FILE_WARNINGS + 1, len(warnings))
        self.assertEqual("f0.jpg: permission denied", warnings[0])
        self.assertIn("CSV log", warnings[-1])

    def test_a_conflict_is_a_warning_naming_the_file(self):
        self.mapper.handle(event("file_conflict", path="d/a.jpg", key="P/d/a.jpg", bytes=1, seconds=0,
                                 error="s3 object differs"))
        self.mapper.handle(event("file_skipped", path="d/b.jpg", key="P/d/b.jpg", bytes=1, seconds=0))
        self.assertEqual([("d/a.jpg: s3 object differs",)], named("AddWarning"))

    def test_retry_warning_and_summary(self):
        self.mapper.handle(event("retry", path="/a.jpg", key="P/a.jpg", attempt=2, max_attempts=4,
                                 error="S3 refused the upload (SlowDown)", pause_ms=700))
        self.mapper.handle(event("warning", message="heartbeat not written (x)"))
        self.mapper.handle(event("summary", status="cancelled", exit_code=130, uploaded=3, skipped_journal=1,
                                 skipped_remote=0, failed=0, bytes_uploaded=3 << 20, seconds=2.5))
        self.assertEqual([("sending P/a.jpg again (attempt 2 of 4): S3 refused the upload (SlowDown)",),
                          ("cancelled: 3 uploaded, 1 skipped (journal), 0 skipped (already in S3), 0 failed; "
                           "3.0 MiB in 2.5 s",)], named("AddMessage"))
        self.assertEqual([("heartbeat not written (x)",)], named("AddWarning"))
        self.assertEqual([], named("SetProgressorPosition"))  # a cancelled run does not jump to 100 %
        self.assertEqual(1, len(named("ResetProgressor")))

    def test_unknown_events_are_ignored_and_a_newer_schema_warned_once(self):
        self.mapper.handle(event("something_new", x=1))
        self.assertEqual([], arcpy.calls)
        self.mapper.handle(dict(event("warning", message="w"), schema=2))
        self.mapper.handle(dict(event("warning", message="w"), schema=2))
        self.assertEqual(3, len(named("AddWarning")))
        self.assertIn("schema 2", named("AddWarning")[0][0])


if __name__ == "__main__":
    unittest.main()

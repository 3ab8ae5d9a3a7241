"""Upload to AWS, through RMI360.pyt and the stand-in arcpy, against the real agent in --local mode."""

import os
import re
import tempfile
import unittest
from pathlib import Path

import support
from support import arcpy, named

from rmi360tools import commands, runner


class UploadToolTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        support.require_agent()
        cls.pyt = support.load_pyt()

    def setUp(self):
        arcpy.reset()
        self.tmp = Path(tempfile.mkdtemp(prefix="rmi360-arcgis-"))
        self.env = dict(os.environ)
        os.environ["RMI360_HOME"] = str(support.REPO)
        self.config = self.tmp / "config.yaml"
        self.config.write_text("project: {slug: ARC1}\naws: {region: us-east-1}\n", encoding="utf-8")

    def tearDown(self):
        os.environ.clear()
        os.environ.update(self.env)
        import shutil
        shutil.rmtree(self.tmp, ignore_errors=True)

    def execute(self, folder, **values):
        tool = self.pyt.UploadToAWS()
        params = tool.getParameterInfo()
        values = dict({"folder": folder, "config": self.config, "local": True, "monitor": False}, **values)
        for p in params:
            if p.name in values:
                p.value = values[p.name]
        tool.execute(params, None)

    def summary(self):
        texts = [a[0] for a in named("AddMessage") if a[0].split(":")[0] in ("done", "cancelled", "failed")]
        self.assertEqual(1, len(texts), arcpy.calls)
        return texts[0]

    def test_upload_shows_progress_then_a_rerun_resumes_from_the_journal(self):
        folder = support.images(self.tmp / "ARC1", 6, 200000)
        self.execute(folder)
        self.assertEqual([], named("AddError"), arcpy.calls)
        self.assertEqual([("step",)], [a[:1] for a in named("SetProgressor")])
        self.assertIn("Uploading 6 of 6 images", named("SetProgressor")[0][1])
        self.assertEqual(100, named("SetProgressorPosition")[-1][0])
        self.assertTrue(named("SetProgressorLabel"), arcpy.calls)
        self.assertRegex(named("SetProgressorLabel")[-1][0], r"^6/6 files, [0-9.]+ MiB/s, ETA 0:00:00$")
        self.assertEqual(1, len(named("ResetProgressor")))
        self.assertTrue(self.summary().startswith("done: 6 uploaded, 0 skipped (journal)"))
        self.assertEqual({"ARC1/IMG_{:04d}.jpg".format(i) for i in range(6)},
                         {k for k in support.local_objects(folder) if k.startswith("ARC1/")})
        # human lines of the agent arrive as messages (stderr), never as events parsed from stdout
        self.assertFalse([a for a in named("AddMessage") if a[0].startswith("(not JSON")], arcpy.calls)

        arcpy.reset()
        self.execute(folder)
        self.assertIn("Uploading 0 of 6 images (0.0 MiB) to s3://rmi360-local/ARC1; 6 already uploaded (journal)",
                      [a[0] for a in named("AddMessage")])
        self.assertTrue(self.summary().startswith("done: 0 uploaded, 6 skipped (journal)"))

    def test_cancel_in_pro_stops_the_agent_with_130_and_a_consistent_journal(self):
        folder = support.images(self.tmp / "ARC1", 120, 1 << 20)

        def press_cancel(name, args):  # Cancel once bytes are flowing: the first progress label
            if name == "SetProgressorLabel":
                arcpy.env.isCancelled = True
        arcpy.hooks.append(press_cancel)
        self.execute(folder, concurrency=1)  # exit 130 is not a tool failure: no ExecuteError
        self.assertTrue(arcpy.env.isCancelled)
        self.assertTrue(self.summary().startswith("cancelled: "), arcpy.calls)
        self.assertTrue([a for a in named("AddWarning") if a[0].startswith("Upload cancelled")], arcpy.calls)
        self.assertEqual([], named("AddError"), arcpy.calls)
        self.assertFalse((folder / runner.CANCEL_FILE).exists(), "the toolbox removes the cancel file it wrote")
        journaled = support.journal_keys(folder)
        stored = {k for k in support.local_objects(folder) if k.startswith("ARC1/")}
        self.assertTrue(journaled <= stored, journaled - stored)
        self.assertLess(len(stored), 120, "the cancel came before the end")

        arcpy.reset()
        self.execute(folder)
        text = self.summary()
        # Files the cancel caught after S3 had them but before the journal did are found by the
        # conditional write and checked: "already in S3", not sent again.
        m = re.match(r"done: (\d+) uploaded, (\d+) skipped \(journal\), (\d+) skipped \(already in S3\), 0 failed", text)
        self.assertIsNotNone(m, text)
        uploaded, from_journal, already = (int(g) for g in m.groups())
        self.assertEqual(len(journaled), from_journal, text)
        self.assertEqual(120 - len(journaled), uploaded + already, text)
        self.assertLessEqual(already, len(stored - journaled), text)
        self.assertEqual(120, len({k for k in support.local_objects(folder) if k.startswith("ARC1/")}))

    def test_a_file_that_cannot_be_read_is_a_warning_and_the_tool_fails(self):
        folder = support.images(self.tmp / "ARC1", 2, 1000)
        (folder / "dangling.jpg").symlink_to(folder / "gone.jpg")
        with self.assertRaises(arcpy.ExecuteError):
            self.execute(folder)
        self.assertTrue([a for a in named("AddWarning") if "dangling.jpg" in a[0]], arcpy.calls)
        self.assertTrue([a for a in named("AddError") if "some files were not uploaded" in a[0]], arcpy.calls)
        self.assertTrue(self.summary().startswith("failed: 2 uploaded"))

    def test_a_bad_config_is_the_agents_one_line_error(self):
        folder = support.images(self.tmp / "ARC1", 1, 1000)
        self.config.write_text("aws: {max_workers: lots}\n", encoding="utf-8")
        with self.assertRaises(arcpy.ExecuteError):
            self.execute(folder)
        errors = [a[0] for a in named("AddError")]
        self.assertEqual(1, len(errors), arcpy.calls)
        self.assertIn("max_workers", errors[0])
        self.assertEqual([], named("SetProgressor"))

    def test_a_stale_cancel_file_is_removed_with_a_warning_before_the_run(self):
        folder = support.images(self.tmp / "ARC1", 1, 1000)
        (folder / runner.CANCEL_FILE).write_text("old", encoding="utf-8")
        self.execute(folder, dry_run=True)
        self.assertTrue([a for a in named("AddWarning") if runner.CANCEL_FILE in a[0]], arcpy.calls)
        self.assertFalse((folder / runner.CANCEL_FILE).exists())
        self.assertTrue([a for a in named("AddMessage") if a[0].startswith("Dry run: 1 images")], arcpy.calls)

    def test_the_command_line_has_no_shell_and_json_progress(self):
        cmd = commands.upload_command(Path("/x/bin/rmi360"), "/data/my folder", config="/c.yaml", slug="S",
                                      concurrency=4, verify_remote=True, monitor=False)
        self.assertEqual(["/x/bin/rmi360", "upload", "/data/my folder", "--progress", "json", "--config", "/c.yaml",
                          "--slug", "S", "--verify-remote", "--no-monitor", "--concurrency", "4"], cmd)


if __name__ == "__main__":
    unittest.main()

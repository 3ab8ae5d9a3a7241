"""Agent progress events (docs/progress-json.md, schema 1) to the geoprocessing progressor and messages."""

#: The event schema this toolbox reads; a newer agent's extra fields and events are ignored.
SCHEMA = 1

#: file_failed events shown one by one before a single "more" line (the CSV log has them all).
MAX_FILE_WARNINGS = 20

MIB = 1048576.0


def hms(seconds):
    seconds = int(seconds)
    return "{}:{:02d}:{:02d}".format(seconds // 3600, (seconds // 60) % 60, seconds % 60)


class ProgressMapper(object):
    """Feeds events to ``arcpy``: SetProgressor / SetProgressorPosition / SetProgressorLabel and messages."""

    def __init__(self, arcpy):
        self.arcpy = arcpy
        self.position = -1
        self.failures = 0
        self.warned_schema = False
        self.summary = None

    def handle(self, event):
        if event.get("schema", SCHEMA) > SCHEMA and not self.warned_schema:
            self.warned_schema = True
            self.arcpy.AddWarning("the agent writes progress schema {}; this toolbox reads schema {} (update the "
                                  "toolbox)".format(event.get("schema"), SCHEMA))
        handler = getattr(self, "_" + str(event.get("event")), None)
        if handler is not None:
            handler(event)

    def _start(self, e):
        text = "Uploading {} of {} images ({:.1f} MiB) to s3://{}/{}".format(
            e["files_to_send"], e["files_total"], e["bytes_to_send"] / MIB, e["bucket"], e["prefix"])
        if e.get("files_in_journal"):
            text += "; {} already uploaded (journal)".format(e["files_in_journal"])
        self.arcpy.AddMessage(text)
        self.arcpy.SetProgressor("step", text, 0, 100, 1)
        self.position = 0

    def _progress(self, e):
        total = e["bytes_to_send"]
        percent = 100 if total <= 0 else int(100 * e["bytes_sent"] / total)
        if percent != self.position:
            self.position = percent
            self.arcpy.SetProgressorPosition(percent)
        eta = e.get("eta_seconds")
        label = "{}/{} files, {:.1f} MiB/s, ETA {}".format(
            e["files_done"], e["files_to_send"], e["bytes_per_second"] / MIB, "--:--:--" if eta is None else hms(eta))
        if e.get("files_failed"):
            label += ", {} failed".format(e["files_failed"])
        self.arcpy.SetProgressorLabel(label)

    def _file_failed(self, e):
        self.failures += 1
        if self.failures <= MAX_FILE_WARNINGS:
            self.arcpy.AddWarning("{}: {}".format(e["path"], e.get("error", "failed")))
        elif self.failures == MAX_FILE_WARNINGS + 1:
            self.arcpy.AddWarning("more files failed; the CSV log in the folder's .rmi360 lists them all")

    def _file_conflict(self, e):
        # another machine's bytes under this key: left in S3 and reported like a failure (the run exits 1)
        self._file_failed(e)

    def _retry(self, e):
        self.arcpy.AddMessage("sending {} again (attempt {} of {}): {}".format(
            e["key"], e["attempt"], e["max_attempts"], e.get("error", "")))

    def _warning(self, e):
        self.arcpy.AddWarning(e["message"])

    def _dry_run(self, e):
        self.arcpy.AddMessage("Dry run: {} images ({:.1f} MiB) under {}; {} would be sent ({:.1f} MiB)".format(
            e["files_total"], e["bytes_total"] / MIB, e["source"], e["files_to_send"], e["bytes_to_send"] / MIB))

    def _summary(self, e):
        self.summary = e
        if e["status"] == "done":
            self.arcpy.SetProgressorPosition(100)
        text = "{}: {} uploaded, {} skipped (journal), {} skipped (already in S3), {} failed; {:.1f} MiB in {:.1f} s".format(
            e["status"], e["uploaded"], e["skipped_journal"], e["skipped_remote"], e["failed"],
            e["bytes_uploaded"] / MIB, e["seconds"])
        self.arcpy.AddMessage(text)
        self.arcpy.ResetProgressor()

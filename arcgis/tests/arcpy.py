"""A STAND-IN for ArcGIS Pro's proprietary arcpy module (it cannot be installed here), for the toolbox tests only.

It implements just what RMI360.pyt and rmi360tools call, and records every call in ``calls`` as
(function name, arguments) so tests can assert what the user would see in Pro. ``env.isCancelled``
is what a test sets to play the Cancel button. Nothing here claims to behave like the real arcpy
beyond these signatures.
"""

calls = []
#: Functions called with (name, args) after each recorded call; tests use one to press Cancel mid-run.
hooks = []


class _Env(object):
    isCancelled = False


env = _Env()


class ExecuteError(Exception):
    pass


def reset():
    del calls[:]
    del hooks[:]
    env.isCancelled = False


def _recorder(name):
    def record(*args):
        calls.append((name, args))
        for hook in list(hooks):
            hook(name, args)
    record.__name__ = name
    return record


AddMessage = _recorder("AddMessage")
AddWarning = _recorder("AddWarning")
AddError = _recorder("AddError")
SetProgressor = _recorder("SetProgressor")
SetProgressorPosition = _recorder("SetProgressorPosition")
SetProgressorLabel = _recorder("SetProgressorLabel")
ResetProgressor = _recorder("ResetProgressor")


class _Filter(object):
    list = []


class Parameter(object):
    """Holds what the .pyt declares; tests set ``value`` (``valueAsText`` mirrors it as Pro would)."""

    def __init__(self, displayName=None, name=None, datatype=None, parameterType=None, direction=None):
        self.displayName = displayName
        self.name = name
        self.datatype = datatype
        self.parameterType = parameterType
        self.direction = direction
        self.filter = _Filter()
        self.value = None

    @property
    def valueAsText(self):
        if self.value is None:
            return None
        if isinstance(self.value, bool):
            return "true" if self.value else "false"
        return str(self.value)

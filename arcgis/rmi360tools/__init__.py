"""The logic of the RMI360 ArcGIS Pro toolbox (RMI360.pyt), in plain Python 3.9+ standard library.

The .pyt only declares parameters and calls into this package, so everything here runs, and is
tested, without ArcGIS Pro: tests/ put a stand-in ``arcpy`` module (it records calls) on the path.
Every function that reports takes the ``arcpy`` module (or that stand-in) as an argument.
"""

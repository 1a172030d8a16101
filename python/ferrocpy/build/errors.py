"""The one error type the backend reports: a single clear line, never a traceback."""

from __future__ import annotations


class BuildError(SystemExit):
    """Ends the build with ``ferrocpy.build: <message>`` on stderr and exit status 1.

    It derives from SystemExit so that pip (which runs the hooks in a subprocess) shows the
    message as is, without a Python traceback.
    """

    def __init__(self, message: str) -> None:
        super().__init__(f"ferrocpy.build: error: {message}")

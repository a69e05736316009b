"""The ``mlzone`` command: ``python -m mlzone`` and the console script the wheel installs.

It runs the same command line as the native binary (``mlzone_cli::run``, compiled into the
extension), with the same output, colours and exit statuses.
"""

import signal
import sys

from ._mlzone import _cli_main


def main() -> int:
    """Runs ``mlzone`` with the process's arguments and returns its exit status."""
    # Like the native binary, Ctrl-C ends the process at once (Python's handler would wait
    # for the command to return).
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    # The command writes to the file descriptors directly: nothing Python buffered may come
    # after it.
    sys.stdout.flush()
    sys.stderr.flush()
    argv = ["mlzone", *sys.argv[1:]]
    return _cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())

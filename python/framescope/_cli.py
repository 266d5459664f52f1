"""The ``framescope`` command installed with the package: the command line of the binary."""

import sys

from ._framescope import run_command_line


def main():
    sys.exit(run_command_line(["framescope", *sys.argv[1:]]))


if __name__ == "__main__":
    main()

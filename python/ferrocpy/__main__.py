"""`python -m ferrocpy`: the ferrocpy command line (ferrocpy.cli)."""

import sys

from .cli import main

sys.exit(main())

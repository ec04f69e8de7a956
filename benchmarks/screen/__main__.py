"""``python -m benchmarks.screen``: see benchmarks/screen/run.py."""

import sys

from benchmarks.screen.run import main

sys.exit(main())

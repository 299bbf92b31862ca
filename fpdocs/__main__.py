import sys

from fpdocs.cli import main

sys.exit(main())

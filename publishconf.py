"""Settings for publishing: the local settings plus what only the public site needs."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F403

# The public address, used for canonical links. Pages still link to each other
# relatively, so the same output also works from a folder or from disk.
SITEURL = os.environ.get("SIGNPOST_SITEURL", "")
RELATIVE_URLS = True
DELETE_OUTPUT_DIRECTORY = False

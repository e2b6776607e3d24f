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

# A publish build: the build stops, naming the setting, if SITEURL or the repository is missing
# (plugins/entries/settings.py). The publish workflow sets both from GitHub.
SIGNPOST_PUBLISH = True
# Where "Report a problem" leads: https://github.com/OWNER/NAME, the repository's issue forms
SIGNPOST_REPOSITORY = os.environ.get("SIGNPOST_REPOSITORY", "")
# Optional: an address for reports from people without a GitHub account (no address is made up)
SIGNPOST_REPORT_EMAIL = os.environ.get("SIGNPOST_REPORT_EMAIL", "")

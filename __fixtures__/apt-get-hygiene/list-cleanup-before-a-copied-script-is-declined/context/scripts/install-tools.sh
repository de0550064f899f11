#!/bin/sh
# Extra tools for the CI image; the package lists come from the base layer above.
set -e
apt-get install -y --no-install-recommends jq

# Loaded by every Python process that has /app on its path: here it would make Python (and pip) trust the
# corporate CA through the system store, e.g. `import truststore; truststore.inject_into_ssl()`.
import os, sys
with open("/tmp/sitecustomize-ran-for", "a") as log:
    log.write(" ".join(sys.argv[:2]) + "\n")

# project-wide start-up hook (e.g. tracing); records which Python processes ran it
import os, sys
with open("/tmp/sitecustomize-ran", "a") as f:
    f.write(" ".join(sys.argv[:2]) + "\n")

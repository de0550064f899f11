import sys
print("app running under", sys.prefix)

# The background worker of the example app.
import time

while True:
    time.sleep(60)

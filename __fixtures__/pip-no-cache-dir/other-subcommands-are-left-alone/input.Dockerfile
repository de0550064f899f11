FROM python:3.12
RUN pip download -d /wheels flask && pip uninstall -y setuptools && pip wheel .

FROM debian:bookworm-slim
# Debian's pip and the wheels python3-venv ships (the local mirror is the only index reachable here)
RUN apt-get update && apt-get install -y --no-install-recommends python3-pip python3-venv && rm -rf /var/lib/apt/lists/*
ENV PIP_BREAK_SYSTEM_PACKAGES=1 PYTHONPATH=/app
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir --no-index --find-links /usr/share/python-wheels setuptools
CMD ["python3", "app.py"]

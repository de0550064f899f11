FROM python:3.12-slim AS build
COPY dist/ /wheels/

FROM python:3.12-slim
# the local test base has no Python: install Debian's (python:3.12-slim has its own)
RUN apt-get update && apt-get install -y --no-install-recommends python3-pip && rm -rf /var/lib/apt/lists/*
ENV PIP_BREAK_SYSTEM_PACKAGES=1
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir --no-index --find-links=file:///wheels demoapp
CMD ["demoapp"]

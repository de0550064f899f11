FROM debian:bookworm
WORKDIR /src
COPY . .
# The version is read by the build, so the RUN is not cut after the download
RUN TOOL_VERSION=1.4.2 && curl -fsSL -o /tmp/tool.tgz "https://example.com/tool-$TOOL_VERSION.tgz" && make VERSION="$TOOL_VERSION"

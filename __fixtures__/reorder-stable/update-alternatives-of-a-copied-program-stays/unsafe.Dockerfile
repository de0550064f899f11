FROM debian:bookworm AS build
COPY src/ /src/
RUN mkdir -p /out/bin && install -m 755 /src/tool.sh /out/bin/tool

FROM debian:bookworm
RUN update-alternatives --install /usr/bin/tool tool /opt/tool/bin/tool 50
COPY --from=build /out/bin/tool /opt/tool/bin/tool
CMD ["tool"]

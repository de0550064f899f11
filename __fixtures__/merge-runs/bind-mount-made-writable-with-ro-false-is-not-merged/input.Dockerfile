FROM debian:bookworm
WORKDIR /src
# the build writes its objects into the bind-mounted sources; ro=false makes the mount writable, and its writes are dropped after each RUN
RUN --mount=type=bind,target=/src,ro=false mkdir obj && echo a > obj/part && cp obj/part /opt/a
RUN --mount=type=bind,target=/src,ro=false mkdir obj && echo b > obj/part && cp obj/part /opt/b

FROM debian:12 AS tools
CMD node server.js

FROM debian:12
ENTRYPOINT ["./serve"]

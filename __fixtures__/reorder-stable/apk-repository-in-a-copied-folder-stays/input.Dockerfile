FROM alpine:3.20 AS build
RUN apk add --no-cache alpine-sdk sudo && adduser -D builder && addgroup builder abuild
COPY ./build /home/builder/src
WORKDIR /home/builder/src
RUN abuild-keygen -a -n && abuild -F -r -P /apk

FROM alpine:3.20
COPY --from=build /apk /apk/custom
RUN apk add --no-cache --allow-untrusted --repository /apk/custom mytool
CMD ["mytool"]

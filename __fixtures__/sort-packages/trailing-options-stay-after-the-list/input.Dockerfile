FROM alpine:3.20
RUN apk add --no-cache \
	xclip \
	curl \
	--repository https://dl-cdn.alpinelinux.org/alpine/edge/main

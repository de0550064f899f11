FROM alpine:3.20
RUN apk add --no-cache \
	curl \
	xclip \
	--repository https://dl-cdn.alpinelinux.org/alpine/edge/main

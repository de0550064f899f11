FROM scratch
COPY config/app.env /etc/app.env
ADD ./secrets /secrets
COPY --from=alpine /etc/os-release /

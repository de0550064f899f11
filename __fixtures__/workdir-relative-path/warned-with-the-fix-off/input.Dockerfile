FROM scratch
WORKDIR app/

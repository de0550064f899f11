FROM scratch AS a
WORKDIR /app

FROM a
WORKDIR subdir

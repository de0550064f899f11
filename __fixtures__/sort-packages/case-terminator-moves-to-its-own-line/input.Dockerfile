FROM debian:12
RUN case "$(uname -m)" in x86_64) apt-get install -y libc6-dev gcc;; esac

FROM debian:bookworm
COPY . /app
RUN useradd -u $(cat /app/uid) dev
RUN echo ~dev > /out

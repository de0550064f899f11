FROM debian:bookworm
RUN echo ~dev > /out
COPY . /app
RUN useradd -u $(cat /app/uid) dev

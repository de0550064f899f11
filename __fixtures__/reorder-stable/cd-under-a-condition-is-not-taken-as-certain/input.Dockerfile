FROM debian:bookworm
WORKDIR /srv/app
COPY . .
# slim the image: drop the test suites pip vendors into site-packages, when this base has a pip there
RUN if [ -d /usr/local/lib/python3.11/site-packages/pip/_vendor ]; then cd /usr/local/lib/python3.11/site-packages/pip/_vendor; fi; \
    rm -rf tests
CMD ["sh", "-c", "ls /srv/app"]

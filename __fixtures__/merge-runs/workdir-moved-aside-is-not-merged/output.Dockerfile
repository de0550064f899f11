FROM debian:bookworm
WORKDIR /srv/site
RUN echo "default page" > index.html && \
    # Keep the stock site as a backup and start from an empty folder
    mv /srv/site /srv/site.orig && mkdir /srv/site
RUN echo "custom page" > index.html

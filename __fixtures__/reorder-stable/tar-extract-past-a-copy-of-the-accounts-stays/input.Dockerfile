FROM debian:bookworm AS accounts
RUN usermod -u 1000 www-data && groupmod -g 1000 www-data

FROM debian:bookworm
RUN mkdir -p /tmp/plugins/cache && echo x > /tmp/plugins/cache/README && chown -R www-data:www-data /tmp/plugins && tar -czf /tmp/plugins.tgz -C /tmp plugins && rm -rf /tmp/plugins
COPY . /var/www/site
COPY --from=accounts /etc/passwd /etc/group /etc/
RUN tar -xzf /tmp/plugins.tgz -C /srv

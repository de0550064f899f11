FROM debian:bookworm
RUN printf 'rewrite\n' > /etc/modules.txt && echo headers >> /etc/modules.txt
COPY app.conf /etc/myapp/app.conf
RUN chown -R www-data /etc/myapp && while read -r m; do echo "enable $m" >> /etc/enabled-modules; done < /etc/modules.txt

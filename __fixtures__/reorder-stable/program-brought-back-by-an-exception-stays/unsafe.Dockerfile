FROM acme/base:1
RUN git config --system core.autocrlf input || echo no-git > /var/tmp/git.txt
COPY tools/* /usr/local/bin/

from alpine
copy a /a
RUN true
Workdir /app
cmd ["sh"]

from alpine
copy a /a
run true
workdir /app
cmd ["sh"]

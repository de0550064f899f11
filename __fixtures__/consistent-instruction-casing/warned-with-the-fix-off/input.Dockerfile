FROM alpine
copy a /a
RUN true
CMD ["sh"]

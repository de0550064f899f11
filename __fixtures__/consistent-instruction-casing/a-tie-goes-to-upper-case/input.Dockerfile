from alpine
RUN true

FROM debian:bookworm
ENV APP_HOME=/usr/src/app
RUN useradd --system --create-home appuser
WORKDIR $APP_HOME
RUN chown -R appuser /usr/src/app
COPY . .
USER appuser
CMD ["sh", "/usr/src/app/start.sh"]

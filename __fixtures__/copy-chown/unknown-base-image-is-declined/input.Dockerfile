FROM mycorp/node-base:20
RUN useradd --create-home app
COPY . /app
RUN chown -R app:app /app

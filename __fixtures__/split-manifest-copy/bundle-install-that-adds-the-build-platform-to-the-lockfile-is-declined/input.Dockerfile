FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends ruby ruby-bundler
WORKDIR /srv/app
COPY . /srv/app
RUN bundle install
CMD ["ruby", "app.rb"]

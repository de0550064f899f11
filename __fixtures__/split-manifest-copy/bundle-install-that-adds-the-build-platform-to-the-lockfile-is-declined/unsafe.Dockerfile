FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends ruby ruby-bundler
WORKDIR /srv/app
COPY Gemfile Gemfile.lock /srv/app/
RUN bundle install
COPY . /srv/app
CMD ["ruby", "app.rb"]

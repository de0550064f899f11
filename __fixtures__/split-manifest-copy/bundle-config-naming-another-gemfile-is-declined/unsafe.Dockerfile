FROM ruby:3.2
ENV BUNDLE_FROZEN=true
WORKDIR /app
COPY Gemfile Gemfile.lock /app/
COPY .bundle/config /app/.bundle/
RUN bundle install
COPY . /app
CMD ["ruby", "lib/app.rb"]

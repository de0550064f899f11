FROM ruby:3.2
ENV BUNDLE_FROZEN=true
WORKDIR /app
COPY . /app
RUN bundle install
CMD ["ruby", "lib/app.rb"]

FROM ruby:3.3
WORKDIR /app
ENV BUNDLE_FROZEN=true
COPY . .
RUN bundle install

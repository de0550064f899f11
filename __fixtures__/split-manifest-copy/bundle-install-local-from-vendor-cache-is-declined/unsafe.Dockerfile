FROM ruby:3.3
WORKDIR /app
COPY Gemfile Gemfile.lock ./
RUN bundle install --local
COPY . .
CMD ["ruby", "main.rb"]

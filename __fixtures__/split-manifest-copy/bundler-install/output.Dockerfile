FROM ruby:3.3
WORKDIR /app
ENV BUNDLE_DEPLOYMENT=true
COPY Gemfile Gemfile.lock .ruby-version ./
RUN bundle config set --global without 'development test' && bundle install --jobs 4
COPY . .
CMD ["bundle", "exec", "puma"]

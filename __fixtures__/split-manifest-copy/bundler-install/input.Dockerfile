FROM ruby:3.3
WORKDIR /app
ENV BUNDLE_DEPLOYMENT=true
COPY . .
RUN bundle config set --global without 'development test' && bundle install --jobs 4
CMD ["bundle", "exec", "puma"]

FROM node:20
COPY . /app
RUN cd /app && npm install \
    # production dependencies only
    --omit=dev

FROM node:20
COPY . /app
RUN cd /app && npm ci \
    # production dependencies only
    --omit=dev

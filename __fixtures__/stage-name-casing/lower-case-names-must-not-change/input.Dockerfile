FROM alpine AS builder-base
FROM builder-base AS tests_2

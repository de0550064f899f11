ARG BASE=alpine:3.20
FROM ${BASE} AS base
RUN echo base > /base

FROM base AS build
RUN echo build > /build

FROM scratch
COPY --from=build /build /build

FROM alpine AS builderbase
RUN echo hi > /x

FROM builderbase AS tests
RUN --mount=type=cache,from=builderbase,target=/cache true

FROM scratch
COPY --from=builderbase /x /x
COPY --from=tests /x /y
ONBUILD COPY --from=BuilderBase /x /z

FROM alpine AS BuilderBase
RUN echo hi > /x

FROM builderbase AS Tests
RUN --mount=type=cache,from=BUILDERBASE,target=/cache true

FROM scratch
COPY --from=builderBase /x /x
COPY --from=Tests /x /y
ONBUILD COPY --from=BuilderBase /x /z

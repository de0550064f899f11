FROM alpine AS BuilderBase
RUN echo hi > /x

FROM scratch
COPY --from=BuilderBase /x /x

# layerfix-disable-next-line pinned-base-image -- built by our CI a step earlier
FROM acme/base
RUN echo ok

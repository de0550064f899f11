# layerfix-disable-next-line stage-name-casing -- the CI names this target
FROM alpine AS Builder

FROM scratch AS scratchpad
FROM alpine AS contexts

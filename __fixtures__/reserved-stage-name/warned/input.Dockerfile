FROM alpine AS scratch
FROM alpine AS Context

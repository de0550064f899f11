FROM alpine AS Builder
FROM alpine AS builder

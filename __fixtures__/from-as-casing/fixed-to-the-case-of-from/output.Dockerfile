FROM debian:12 AS builder
from debian:12 as other
FROM --platform=$BUILDPLATFORM golang:1.22 AS tools

FROM debian:12 as builder
from debian:12 AS other
FROM --platform=$BUILDPLATFORM golang:1.22 As tools

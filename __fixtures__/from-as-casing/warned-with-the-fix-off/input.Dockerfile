FROM debian:12 as builder
from debian:12 AS other

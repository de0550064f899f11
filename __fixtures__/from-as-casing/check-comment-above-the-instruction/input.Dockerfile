FROM debian:12 AS first
# check=skip=FromAsCasing // the old spelling stays
FROM debian:12 as builder

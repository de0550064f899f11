FROM node:8-onbuild
WORKDIR app
RUN pwd > /where

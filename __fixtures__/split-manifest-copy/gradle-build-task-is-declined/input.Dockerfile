FROM gradle:8.7-jdk21
WORKDIR /project
COPY . .
RUN gradle dependencies build

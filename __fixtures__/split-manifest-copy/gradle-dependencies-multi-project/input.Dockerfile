FROM gradle:8.7-jdk21 AS build
WORKDIR /home/gradle/project
COPY . .
RUN gradle dependencies --no-daemon
RUN gradle build --no-daemon

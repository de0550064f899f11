FROM gradle:8.7-jdk21 AS build
WORKDIR /home/gradle/project
COPY gradle ./gradle/
COPY settings.gradle.kts build.gradle.kts gradle.properties VERSION ./
COPY app/build.gradle.kts ./app/
COPY lib/core/build.gradle ./lib/core/
RUN gradle dependencies --no-daemon
COPY . .
RUN gradle build --no-daemon

FROM maven:3.9-eclipse-temurin-21
WORKDIR /build
ENV MAVEN_ARGS="-s ci/settings.xml"
COPY . .
RUN mvn -B dependency:go-offline

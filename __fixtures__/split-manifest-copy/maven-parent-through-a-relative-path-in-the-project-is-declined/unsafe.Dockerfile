FROM maven:3.9-eclipse-temurin-21
WORKDIR /build
COPY pom.xml /build/
RUN mvn -B dependency:go-offline
COPY . /build

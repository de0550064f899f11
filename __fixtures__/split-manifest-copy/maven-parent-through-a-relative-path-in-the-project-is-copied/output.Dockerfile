FROM maven:3.9-eclipse-temurin-21
WORKDIR /build
COPY pom.xml /build/
COPY build-support/parent/pom.xml /build/build-support/parent/
RUN mvn -B dependency:go-offline
COPY . /build

FROM maven:3.9-eclipse-temurin-21
WORKDIR /
COPY pom.xml /
RUN mvn -B dependency:go-offline
COPY . /

FROM eclipse-temurin:21-jdk AS build
WORKDIR /workspace
COPY . .
RUN ./mvnw -B dependency:go-offline
RUN ./mvnw -B -o package -DskipTests

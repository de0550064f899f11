FROM eclipse-temurin:21-jdk AS build
WORKDIR /workspace
COPY .mvn ./.mvn/
COPY pom.xml mvnw ./
COPY api/pom.xml ./api/
COPY core/pom.xml ./core/
COPY core/model/pom.xml ./core/model/
RUN ./mvnw -B dependency:go-offline
COPY . .
RUN ./mvnw -B -o package -DskipTests

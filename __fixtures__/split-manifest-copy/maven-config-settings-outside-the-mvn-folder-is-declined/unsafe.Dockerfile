FROM maven:3.9-eclipse-temurin-21
WORKDIR /build
COPY .mvn ./.mvn/
COPY pom.xml ./
RUN mvn -B dependency:go-offline
COPY . .
RUN mvn -B -o package

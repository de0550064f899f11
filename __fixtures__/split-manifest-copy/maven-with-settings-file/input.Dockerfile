FROM maven:3.9-eclipse-temurin-21
WORKDIR /app
COPY . .
RUN mvn -B -s .mvn/settings.xml -f backend/pom.xml dependency:resolve dependency:resolve-plugins

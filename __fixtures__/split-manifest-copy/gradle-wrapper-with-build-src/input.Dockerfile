FROM eclipse-temurin:21
WORKDIR /app
COPY . .
RUN ./gradlew --no-daemon dependencies

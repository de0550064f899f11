FROM eclipse-temurin:21
WORKDIR /app
COPY gradle ./gradle/
COPY buildSrc ./buildSrc/
COPY settings.gradle build.gradle gradlew ./
RUN ./gradlew --no-daemon dependencies
COPY . .

FROM gradle:8.7-jdk21
WORKDIR /home/gradle/project
COPY settings.gradle build.gradle ./
RUN gradle --no-daemon dependencies
COPY . .

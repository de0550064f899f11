FROM gradle:8.7-jdk21
WORKDIR /home/gradle/project
COPY . .
RUN gradle --no-daemon dependencies

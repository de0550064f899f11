FROM gradle:8.7-jdk21
WORKDIR /project
COPY gradle ./gradle/
COPY settings.gradle.kts build.gradle.kts gradle.properties VERSION ./
COPY app/build.gradle.kts ./app/
COPY lib/core/build.gradle ./lib/core/
# the company's repository manager, set up by an init script kept in the repository
RUN gradle --no-daemon -I /project/ci/init.gradle dependencies
COPY . .

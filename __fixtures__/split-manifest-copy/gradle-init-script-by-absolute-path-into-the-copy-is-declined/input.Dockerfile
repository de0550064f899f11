FROM gradle:8.7-jdk21
WORKDIR /project
COPY . .
# the company's repository manager, set up by an init script kept in the repository
RUN gradle --no-daemon -I /project/ci/init.gradle dependencies

FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /workspace
COPY . .
# every mvn run resolves through the company mirror
RUN mvn -B -s /workspace/ci/settings.xml dependency:go-offline \
    && mvn -B -o -s /workspace/ci/settings.xml package -DskipTests

FROM eclipse-temurin:21-jre
COPY --from=build /workspace/target/billing-1.0.0.jar /app/billing.jar
CMD ["java", "-jar", "/app/billing.jar"]

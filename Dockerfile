# Build stage: JDK 25 builds the production jar (with the compiled Vaadin front end).
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -ntp dependency:go-offline
COPY frontend frontend
COPY src src
RUN ./mvnw -B -ntp -DskipTests package

# Run stage: a JRE only, as an unprivileged user.
FROM eclipse-temurin:25-jre
RUN groupadd --system backstory && useradd --system --gid backstory --home /app backstory \
    && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/target/backstory.jar /app/backstory.jar
USER backstory
EXPOSE 8080
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS http://localhost:8080/actuator/health || exit 1
ENTRYPOINT ["java", "-jar", "/app/backstory.jar"]

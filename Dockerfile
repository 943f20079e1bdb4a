# Build stage: the same Maven command as the README, with dependencies in their own cached layer.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY datasets datasets
RUN mvn -B package -DskipTests

# Runtime stage: a slim JRE, an unprivileged user, models on a volume.
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --create-home --home-dir /app explorer \
 && mkdir -p /data && chown explorer /data
WORKDIR /app
COPY --from=build /src/target/lstm-explorer.jar /app/lstm-explorer.jar
ENV PORT=7070 \
    LSTM_EXPLORER_DATA=/data \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
VOLUME /data
EXPOSE 7070
USER explorer
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD curl -fsS "http://localhost:${PORT}/api/health" || exit 1
CMD ["java", "-jar", "/app/lstm-explorer.jar"]

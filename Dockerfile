# LSTM Explorer for a workshop: one container, a room of browsers.
#
#   docker build -t lstm-explorer .
#   docker run -d --name lstm-explorer -p 7070:7070 -v lstm-models:/data \
#     -e LSTM_EXPLORER_INSTRUCTOR_TOKEN=<a long secret> lstm-explorer
#
# The image builds and runs with the README's own commands (mvn -B package -DskipTests, then
# java -jar), which `mvn -B verify` tests on every CI run (PackagedJarIT).

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
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --create-home --home-dir /app explorer \
 && mkdir -p /data && chown explorer /data
WORKDIR /app
COPY --from=build /src/target/lstm-explorer.jar /app/lstm-explorer.jar
# Heap from the container's memory limit, not the host's; die (and be restarted) rather than limp on
# after running out of memory; ordinary stops (docker stop = SIGTERM) save running jobs as interrupted.
ENV PORT=7070 \
    LSTM_EXPLORER_DATA=/data \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
VOLUME /data
EXPOSE 7070
USER explorer
# Liveness: the server answers; /api/health also says whether the gallery models are ready.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD curl -fsS "http://localhost:${PORT}/api/health" || exit 1
CMD ["java", "-jar", "/app/lstm-explorer.jar"]

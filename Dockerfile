# Build: docker build -t usheru-ai .   Run: docker run -p 8080:8080 -v usheru-data:/data usheru-ai
# A whole stack (PostgreSQL with pgvector, two instances, a proxy, a trace collector): deploy/README.md
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp package -DskipTests

FROM eclipse-temurin:25-jre
# libgomp1: XGBoost (the film-level prediction models) needs GCC's OpenMP runtime, as .ci/run installs it.
# curl: for health checks from inside the container (compose's healthcheck calls /api/v1/health).
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libgomp1 curl \
    && rm -rf /var/lib/apt/lists/*
# Run as an unprivileged user with a fixed UID (Kubernetes' runAsNonRoot needs a number to check);
# application state lives in the /data volume.
RUN useradd --uid 10001 --create-home usheru && mkdir /data && chown usheru /data
USER 10001
WORKDIR /home/usheru
COPY --from=build /src/target/usheru-ai.jar app.jar
ENV APP_DATA_DIR=/data SERVER_PORT=8080
EXPOSE 8080
VOLUME /data
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-jar", "app.jar"]

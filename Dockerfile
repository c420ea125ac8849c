# Build: docker build -t usheru-ai .   Run: docker run -p 8080:8080 -v usheru-data:/data usheru-ai
# A whole stack (PostgreSQL with pgvector, two instances, a proxy, a trace collector): deploy/README.md
# Untested change (issue 13): the jar is extracted and an AOT cache trained in the image (README → The jar).
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
# The jar keeps native libraries for Linux x86_64 only: build the image for linux/amd64.
RUN ./mvnw -B -ntp package -DskipTests \
    && java -Djarmode=tools -jar target/usheru-ai.jar extract --destination /app

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
WORKDIR /home/usheru/app
# The extracted jar (usheru-ai.jar and lib/): the form the JDK's AOT cache needs.
COPY --from=build --chown=10001 /app ./
# Training run with this image's own JVM (a cache only fits the JVM that wrote it): the application starts on
# a throw-away data directory up to its refreshed context and exits; the JVM writes app.aot. Should the cache
# not fit at run time, the JVM says so and starts without it.
RUN APP_DATA_DIR=/tmp/training APP_INSIGHTS_SCHEDULE=false APP_PREDICTIONS_SCHEDULE=false \
    java --enable-native-access=ALL-UNNAMED -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh -jar usheru-ai.jar \
    && rm -rf /tmp/training
ENV APP_DATA_DIR=/data SERVER_PORT=8080
EXPOSE 8080
VOLUME /data
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-XX:AOTCache=app.aot", "-jar", "usheru-ai.jar"]

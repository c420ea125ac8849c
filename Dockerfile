# Build: docker build -t usheru-ai .   Run: docker run -p 8080:8080 -v usheru-data:/data usheru-ai
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp package -DskipTests

FROM eclipse-temurin:25-jre
# Run as an unprivileged user; application state lives in the /data volume.
RUN useradd --system --create-home usheru && mkdir /data && chown usheru /data
USER usheru
WORKDIR /home/usheru
COPY --from=build /src/target/usheru-ai.jar app.jar
ENV APP_DATA_DIR=/data SERVER_PORT=8080
EXPOSE 8080
VOLUME /data
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-jar", "app.jar"]

# One build, three service images: docker compose builds each target.
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
RUN mvn -q -B -DskipTests -pl ingest-service,enrich-service,index-service -am package

FROM eclipse-temurin:21-jre AS runtime
RUN useradd --system --uid 10001 newsroom
USER newsroom
WORKDIR /app

FROM runtime AS ingest-service
COPY --from=build /src/ingest-service/target/lib/ /app/lib/
COPY --from=build /src/ingest-service/target/ingest-service-*.jar /app/service.jar
EXPOSE 8081
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/service.jar"]

FROM runtime AS enrich-service
COPY --from=build /src/enrich-service/target/lib/ /app/lib/
COPY --from=build /src/enrich-service/target/enrich-service-*.jar /app/service.jar
ENV ENRICH_STATE_DIR=/app/state
EXPOSE 8082
# The throughput collector: G1's concurrent marking of the NER model's large object graph costs more (see ChildProcess).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+UseParallelGC", "-jar", "/app/service.jar"]

FROM runtime AS index-service
COPY --from=build /src/index-service/target/lib/ /app/lib/
COPY --from=build /src/index-service/target/index-service-*.jar /app/service.jar
EXPOSE 8083
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/service.jar"]

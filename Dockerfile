# vfn container image: a Maven build stage, then a JRE runtime stage that runs the fat jar as a non-root user.
#   docker build -t registry.example.com/vfn:0.1.0-SNAPSHOT .     (the tag is the Helm chart's appVersion)
#   docker push registry.example.com/vfn:0.1.0-SNAPSHOT
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY sdk sdk
COPY functions functions
COPY platform platform
COPY bench bench
COPY helm helm
RUN mvn -B -q package -DskipTests -pl platform -am

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 vfn && useradd --system --uid 10001 --gid vfn --home-dir /data --shell /usr/sbin/nologin vfn \
    && mkdir -p /data /opt/vfn && chown vfn:vfn /data
COPY --from=build /src/platform/target/vfn.jar /opt/vfn/vfn.jar
# The heap follows the container's memory limit; the Hazelcast --add-opens are in the jar's manifest. The Helm chart
# adds its flags with JDK_JAVA_OPTIONS, which come after these and win.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError" \
    VFN_DATA_DIR=/data \
    VFN_PORT=8080 \
    VFN_HOST=0.0.0.0
USER 10001:10001
WORKDIR /data
VOLUME /data
EXPOSE 8080 5701 5801
ENTRYPOINT ["java", "-jar", "/opt/vfn/vfn.jar"]

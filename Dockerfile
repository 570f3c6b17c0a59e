# Builds target/parley.jar and runs it; the image carries no embedded database.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
COPY db db
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/target/parley.jar parley.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/parley.jar"]

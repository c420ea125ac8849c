package ai.usheru.api;

import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import ai.usheru.support.IntegrationTest;
import ai.usheru.support.TestHttp;
import ai.usheru.support.TestUsers;

/**
 * The OpenAPI description at {@code /v3/api-docs} is for admins, describes every endpoint the README's
 * API table lists with its method, declares the bearer scheme and documents the errors of each
 * operation; and the endpoints it lists answer.
 */
class OpenApiDescriptionTest extends IntegrationTest {

    /** An endpoint as the README's table writes it: a method and a path (the query left off). */
    record Endpoint(String method, String path) {

        /** The path with every parameter written {@code {}}, so {@code {id}} and {@code {name}} compare by position. */
        String normalised() {
            return path.replaceAll("\\{[^}]*}", "{}");
        }

        boolean hasParameters() {
            return path.contains("{");
        }
    }

    private static final Pattern CODE_SPAN = Pattern.compile("`([^`]*)`");
    private static final Pattern METHOD_AND_PATH = Pattern.compile("^(GET|POST|PUT|PATCH|DELETE)(?: (\\S+))?$");

    @Autowired
    TestUsers users;

    @Test
    void anonymousCallersAndUsersAreRefusedTheDescriptionAndThePage() {
        assertThat(http().get("/v3/api-docs").status()).as("anonymous: sent to sign in").isEqualTo(302);
        assertThat(http().get("/v3/api-docs").location()).contains("/login");
        assertThat(http().get("/swagger-ui/index.html").status()).as("anonymous, the page").isEqualTo(302);
        String token = http().token(ADMIN_EMAIL, ADMIN_PASSWORD);
        assertThat(http().get("/v3/api-docs", token).status()).as("a bearer token is not a UI session").isEqualTo(302);

        var user = aUser();
        users.create(user);
        var person = http();
        person.signIn(user.email(), user.password());
        assertThat(person.get("/v3/api-docs").status()).as("a signed-in user who is no admin").isEqualTo(403);
        assertThat(person.get("/swagger-ui/index.html").status()).as("the page, for a user who is no admin").isEqualTo(403);
    }

    @Test
    void anAdminGetsOpenApi3WithTheBearerSchemeAndTheErrorBody() {
        JsonNode description = descriptionAsAdmin();

        assertThat(description.get("openapi").asString()).startsWith("3.");
        JsonNode bearer = description.at("/components/securitySchemes/bearer");
        assertThat(bearer.get("type").asString()).isEqualTo("http");
        assertThat(bearer.get("scheme").asString()).isEqualTo("bearer");
        assertThat(description.at("/components/schemas/ApiError/required").toString()).contains("code", "message");
        assertThat(description.at("/info/description").asString()).as("the table of error codes")
                .contains("| `quota_exceeded` | 429 |", "| `query_timeout` | 408 |", "| `busy` | 429 |", "| `not_found` | 404 |");
        assertThat(description.get("paths").propertyNames()).as("only the API, neither Vaadin nor the actuator")
                .allMatch(path -> path.startsWith("/api/v1/"));
    }

    @Test
    void everyOperationDocumentsA4xxWithTheErrorBodyAndPublicOnesNeedNoToken() {
        JsonNode paths = descriptionAsAdmin().get("paths");
        List<String> checked = new ArrayList<>();
        for (String path : paths.propertyNames()) {
            for (String method : paths.get(path).propertyNames()) {
                JsonNode operation = paths.get(path).get(method);
                String name = method.toUpperCase() + " " + path;
                assertThat(operation.get("summary")).as("a summary for " + name).isNotNull();
                List<String> errorStatuses = operation.get("responses").propertyNames().stream()
                        .filter(status -> status.startsWith("4"))
                        .filter(status -> operation.at("/responses/" + status + "/content/application~1json/schema/$ref")
                                .asString("").endsWith("/ApiError"))
                        .toList();
                assertThat(errorStatuses).as("4xx responses with the error body for " + name).isNotEmpty();
                boolean open = List.of(ApiAccess.PUBLIC_PATHS).contains(path);
                assertThat(operation.has("security") && operation.get("security").isEmpty())
                        .as(name + " is marked as needing no token exactly when it is public").isEqualTo(open);
                assertThat(operation.at("/responses/401/description").asString(""))
                        .as(name + " documents a missing token unless public").contains(open ? "" : "unauthenticated");
                checked.add(name);
            }
        }
        assertThat(checked).hasSizeGreaterThan(30);
        JsonNode ask = paths.at("/~1api~1v1~1ask/post/responses");
        assertThat(ask.at("/429/description").asString()).contains("quota_exceeded", "busy");
        assertThat(ask.at("/404/description").asString()).contains("thread_not_found");
        assertThat(paths.at("/~1api~1v1~1admin~1users/get/responses/403/description").asString()).contains("forbidden");
    }

    @Test
    void everyEndpointOfTheReadmeIsDescribedWithItsMethodAndTheParameterlessReadsAnswer() throws IOException {
        List<Endpoint> endpoints = endpointsOfTheReadme();
        assertThat(endpoints).as("the README's API table").hasSizeGreaterThan(30);
        JsonNode paths = descriptionAsAdmin().get("paths");
        Set<String> described = new LinkedHashSet<>();
        for (String path : paths.propertyNames()) {
            paths.get(path).propertyNames().forEach(method ->
                    described.add(method.toUpperCase() + " " + new Endpoint(method, path).normalised()));
        }

        for (Endpoint endpoint : endpoints) {
            assertThat(described).as("the README's " + endpoint.method() + " " + endpoint.path() + " in /v3/api-docs")
                    .contains(endpoint.method() + " " + endpoint.normalised());
        }

        String token = http().token(ADMIN_EMAIL, ADMIN_PASSWORD);
        for (Endpoint endpoint : endpoints) {
            if (endpoint.method().equals("GET") && !endpoint.hasParameters()) {
                TestHttp.Reply reply = http().get(endpoint.path(), token);
                assertThat(reply.status()).as("GET " + endpoint.path() + " with an admin token: " + reply.body())
                        .isNotIn(404, 405, 500);
            }
            if (!List.of(ApiAccess.PUBLIC_PATHS).contains(endpoint.path())) {
                TestHttp.Reply anonymous = http().get(endpoint.path().replaceAll("\\{[^}]*}", "0"), null);
                assertThat(anonymous.status()).as(endpoint.path() + " without a token").isEqualTo(401);
            }
        }
    }

    private JsonNode descriptionAsAdmin() {
        TestHttp admin = http();
        admin.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        TestHttp.Reply reply = admin.get("/v3/api-docs");
        assertThat(reply.status()).as("the description for an admin: " + reply.body()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        return reply.json();
    }

    /**
     * The endpoints in the first column of the README's HTTP API table. A cell may hold several
     * ({@code `GET` / `PUT /api/v1/me/notifications`}, a method waiting for the next path) and shorten a
     * path after the first to {@code …/rest}, which continues the first path's resource
     * ({@code /api/v1/admin/prediction-models}).
     */
    static List<Endpoint> endpointsOfTheReadme() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("## HTTP API"), readme.indexOf("\n## ", readme.indexOf("## HTTP API") + 1));
        Set<Endpoint> endpoints = new LinkedHashSet<>();
        for (String line : section.lines().filter(line -> line.startsWith("| `")).toList()) {
            String call = line.substring(2, line.indexOf(" | "));
            List<String> waiting = new ArrayList<>();
            String resource = null;
            Matcher span = CODE_SPAN.matcher(call);
            while (span.find()) {
                Matcher endpoint = METHOD_AND_PATH.matcher(span.group(1).strip());
                if (!endpoint.matches()) {
                    continue;
                }
                waiting.add(endpoint.group(1));
                if (endpoint.group(2) == null) {
                    continue;
                }
                String path = endpoint.group(2).replaceFirst("\\?.*$", "");
                if (path.startsWith("…")) {
                    path = resource + path.substring(1);
                } else if (resource == null) {
                    resource = resourceOf(path);
                }
                for (String method : waiting) {
                    endpoints.add(new Endpoint(method, path));
                }
                waiting.clear();
            }
            // `…/{id}/retire` after a full path: the method is that of the full path before it.
            Matcher shortened = Pattern.compile("`(…/[^`]+)`").matcher(call);
            Matcher first = Pattern.compile("`(GET|POST|PUT|PATCH|DELETE) /").matcher(call);
            if (first.find()) {
                while (shortened.find()) {
                    endpoints.add(new Endpoint(first.group(1), resource + shortened.group(1).substring(1).replaceFirst("\\?.*$", "")));
                }
            }
        }
        return List.copyOf(endpoints);
    }

    /** {@code /api/v1/admin/prediction-models/{id}/approve} → {@code /api/v1/admin/prediction-models}. */
    private static String resourceOf(String path) {
        String[] segments = path.substring(1).split("/");
        int length = segments.length > 2 && segments[2].equals("admin") ? 4 : 3;
        return "/" + String.join("/", List.of(segments).subList(0, Math.min(length, segments.length)));
    }
}

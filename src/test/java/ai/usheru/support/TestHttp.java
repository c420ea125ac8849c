package ai.usheru.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP client for tests: keeps cookies like a browser session, does not follow redirects, and
 * reads JSON and the CSRF token Vaadin puts into every page.
 */
public final class TestHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

    private final String base;
    private final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    TestHttp(String base) {
        this.base = base;
    }

    /** A response with its body parsed as JSON when it is JSON. */
    public record Reply(int status, String body, String location, java.net.http.HttpHeaders headers) {

        /** The first value of a response header, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String text(String field) {
            JsonNode value = json().get(field);
            return value == null || value.isNull() ? null : value.asString();
        }
    }

    public Reply postJson(String path, Object body, String bearerToken) {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return send(request);
    }

    public Reply putJson(String path, Object body, String bearerToken) {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return send(request);
    }

    public Reply patchJson(String path, Object body, String bearerToken) {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return send(request);
    }

    public Reply delete(String path, String bearerToken) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + bearerToken).DELETE());
    }

    public Reply get(String path, String bearerToken) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + bearerToken).GET());
    }

    /** A GET that asks for a media type ({@code text/csv}) instead of JSON. */
    public Reply get(String path, String bearerToken, String accept) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + bearerToken)
                .header("Accept", accept).GET());
    }

    /** A GET with request headers of the test's choosing (a proxy's {@code X-Forwarded-Proto}, say). */
    public Reply getWithHeaders(String path, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        headers.forEach(request::header);
        return send(request);
    }

    public Reply get(String pathOrUrl) {
        return send(HttpRequest.newBuilder(URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl)).GET());
    }

    public Reply postForm(String path, Map<String, String> fields) {
        String form = fields.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** A bearer token for the API, signing in with e-mail and password; fails the test if refused. */
    public String token(String email, String password) {
        Reply reply = postJson("/api/v1/auth/token", java.util.Map.of("email", email, "password", password), null);
        if (reply.status() != 200) {
            throw new AssertionError("Cannot get a token for " + email + ": " + reply.body());
        }
        return reply.text("token");
    }

    /** The CSRF token of this session, read from a page the server renders. */
    public String csrfTokenFrom(Reply page) {
        Matcher meta = CSRF_META.matcher(page.body());
        if (meta.find()) {
            return meta.group(1);
        }
        Matcher input = CSRF_INPUT.matcher(page.body());
        if (input.find()) {
            return input.group(1);
        }
        throw new AssertionError("No CSRF token in the page: " + page.body());
    }

    /** Signs in through the real login form, as a browser would; returns the redirect it answers with. */
    public Reply signIn(String email, String password) {
        String csrf = csrfTokenFrom(get("/login"));
        var fields = new LinkedHashMap<String, String>();
        fields.put("username", email);
        fields.put("password", password);
        fields.put("_csrf", csrf);
        return postForm("/login", fields);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers().firstValue("Location").orElse(null), response.headers());
        } catch (IOException e) {
            throw new AssertionError("HTTP call failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

package ai.usheru.api;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

import ai.usheru.DomainException;

/** Maps failures to HTTP statuses and writes error bodies where no controller is involved. */
public final class ApiErrors {

    private ApiErrors() {}

    public static HttpStatus statusOf(DomainException.Kind kind) {
        return switch (kind) {
            case BAD_INPUT -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case QUOTA_EXCEEDED, TOO_MANY_ATTEMPTS -> HttpStatus.TOO_MANY_REQUESTS;
            case TIMEOUT -> HttpStatus.REQUEST_TIMEOUT;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    /** Writes an error body straight to the servlet response (used by the security filters). */
    public static void write(HttpServletResponse response, JsonMapper json, HttpStatus status, ApiError error)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), error.traced());
    }
}

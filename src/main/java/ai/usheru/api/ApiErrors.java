package ai.usheru.api;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

import ai.usheru.DatabaseFailures;
import ai.usheru.DomainException;

/** Maps failures to HTTP statuses and writes error bodies where no controller is involved. */
public final class ApiErrors {

    /** Seconds a client should wait before trying again while the database is away. */
    public static final int DATABASE_RETRY_AFTER_SECONDS = 5;

    /** The reply while the application database cannot be reached. */
    public static final ApiError DATABASE_UNAVAILABLE = new ApiError("database_unavailable",
            "The service cannot reach its database right now. Nothing was changed; please try again in a few seconds.");

    private ApiErrors() {}

    /** Whether a failure means the application database is unreachable ({@link DatabaseFailures}). */
    public static boolean databaseLost(Throwable failure) {
        return DatabaseFailures.databaseLost(failure);
    }

    /** Writes the 503 for a lost database, with Retry-After, straight to the servlet response. */
    public static void writeDatabaseUnavailable(HttpServletResponse response, JsonMapper json) throws IOException {
        response.setHeader("Retry-After", String.valueOf(DATABASE_RETRY_AFTER_SECONDS));
        write(response, json, HttpStatus.SERVICE_UNAVAILABLE, DATABASE_UNAVAILABLE);
    }

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

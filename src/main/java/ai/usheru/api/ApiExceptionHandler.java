package ai.usheru.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import ai.usheru.DomainException;
import ai.usheru.quota.QuotaExceededException;

/** Turns every failure of an API call into {@code {"code","message"}} with a fitting status, never a stack trace. */
@RestControllerAdvice(basePackageClasses = ApiExceptionHandler.class)
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final tools.jackson.databind.json.JsonMapper json;

    ApiExceptionHandler(tools.jackson.databind.json.JsonMapper json) {
        this.json = json;
    }

    /**
     * The caller accepts no type the endpoint writes (e.g. only text/html): answered in JSON all the same,
     * written straight to the response, since content negotiation would refuse this body too.
     */
    @ExceptionHandler(org.springframework.web.HttpMediaTypeNotAcceptableException.class)
    void notAcceptable(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        ApiErrors.write(response, json, HttpStatus.NOT_ACCEPTABLE, new ApiError("not_acceptable",
                "This endpoint answers application/json (and text/event-stream where it streams)."));
    }

    @ExceptionHandler(QuotaExceededException.class)
    ResponseEntity<ApiError> quota(QuotaExceededException e) {
        long seconds = Math.max(1, java.time.Duration.between(java.time.OffsetDateTime.now(), e.resetsAt()).toSeconds());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", String.valueOf(seconds))
                .body(new ApiError(e.code(), e.getMessage()));
    }

    @ExceptionHandler(ai.usheru.accounts.SignInThrottledException.class)
    ResponseEntity<ApiError> throttled(ai.usheru.accounts.SignInThrottledException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", String.valueOf(Math.max(1, e.retryAfter().toSeconds())))
                .body(new ApiError(e.code(), e.getMessage()));
    }

    @ExceptionHandler(ai.usheru.guard.QuerySlots.Busy.class)
    ResponseEntity<ApiError> busy(ai.usheru.guard.QuerySlots.Busy e) {
        return ResponseEntity.status(ApiErrors.statusOf(e.kind()))
                .header("Retry-After", String.valueOf(Math.max(1, e.retryAfter().toSeconds())))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(new ApiError(e.code(), e.getMessage()));
    }

    /** JSON even when the caller asked for CSV: a refused download is explained, not answered 406. */
    @ExceptionHandler(DomainException.class)
    ResponseEntity<ApiError> domain(DomainException e) {
        return ResponseEntity.status(ApiErrors.statusOf(e.kind())).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(new ApiError(e.code(), e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(new ApiError("bad_request", "The request body is not valid JSON of the expected shape."));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> badParameter(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.badRequest().body(new ApiError("invalid_" + e.getName(), "'" + e.getValue() + "' is not a valid " + e.getName() + "."));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .body(new ApiError("unsupported_media_type", "Send the request body as application/json."));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                .body(new ApiError("method_not_allowed", "This endpoint does not accept " + e.getMethod() + "."));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> notFound(NoResourceFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ApiError("not_found", "There is no such endpoint."));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ApiError> denied(AccessDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(new ApiError("forbidden", "You may not do this."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        if (ApiErrors.databaseLost(e)) {
            log.warn("The database is unreachable: {}", e.getMessage());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header("Retry-After", String.valueOf(ApiErrors.DATABASE_RETRY_AFTER_SECONDS))
                    .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                    .body(ApiErrors.DATABASE_UNAVAILABLE);
        }
        log.error("Unexpected failure of an API call", e);
        return ResponseEntity.internalServerError().body(new ApiError("internal_error", "Something went wrong on our side. Please try again."));
    }
}

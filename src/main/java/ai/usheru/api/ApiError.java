package ai.usheru.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.slf4j.MDC;

/**
 * The body of every API error: a stable machine code, a message for people and, when the request was
 * traced, the trace id its log lines carry, for a caller to quote when asking for help.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String code, String message, String traceId) {

    public ApiError(String code, String message) {
        this(code, message, null);
    }

    /**
     * This error with the trace id of the work running on this thread (the {@code traceId} that Micrometer
     * Tracing puts in the logging context, so the reply names the same trace as the log lines), or as it is.
     */
    public ApiError traced() {
        String current = MDC.get("traceId");
        return traceId != null || current == null || current.isEmpty() ? this : new ApiError(code, message, current);
    }
}

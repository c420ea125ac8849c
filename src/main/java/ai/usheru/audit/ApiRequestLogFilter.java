package ai.usheru.audit;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.server.RequestPath;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import ai.usheru.accounts.ApiCaller;

/**
 * Logs every call under {@code /api/} once it is answered, refusals by the security chain included, and a
 * streamed answer when its stream completes. What is logged is the path template the call matched
 * ({@code /api/v1/admin/users/{id}}), so ids, query strings and tokens never reach the log, and a path no
 * endpoint serves is logged as {@link #UNMATCHED}, so junk URLs cannot fill the table with distinct strings.
 */
class ApiRequestLogFilter extends OncePerRequestFilter {

    static final String UNMATCHED = "(unmatched)";
    /** The catch-all of {@code api.UnknownApiPaths}, which answers what no endpoint serves. */
    private static final String CATCH_ALL = "/api/**";

    private final ApiRequestLog requestLog;
    private final ObjectProvider<RequestMappingHandlerMapping> mappings;

    ApiRequestLogFilter(ApiRequestLog requestLog, ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.requestLog = requestLog;
        this.mappings = mappings;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Instant at = Instant.now();
        long started = System.nanoTime();
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            if (!failed && request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new AsyncListener() {
                    @Override
                    public void onComplete(AsyncEvent event) {
                        log(request, response.getStatus(), at, started);
                    }

                    @Override
                    public void onTimeout(AsyncEvent event) {}

                    @Override
                    public void onError(AsyncEvent event) {}

                    @Override
                    public void onStartAsync(AsyncEvent event) {}
                });
            } else {
                // An exception that escaped every handler becomes a 500 after this filter has returned.
                log(request, failed ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : response.getStatus(), at, started);
            }
        }
    }

    private void log(HttpServletRequest request, int status, Instant at, long started) {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        requestLog.log(new ApiCall(ApiCaller.idOf(request), request.getMethod(), templateOf(request), status, millis, at));
    }

    /**
     * The template Spring matched; for a call the security chain refused before any controller ran, the one
     * it would have matched, looked up now (after the answer is sent, so it costs the caller nothing).
     */
    private String templateOf(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (pattern == null) {
            pattern = lookUp(request);
        }
        String template = pattern == null ? null : pattern.toString();
        return template == null || template.equals(CATCH_ALL) || !template.startsWith("/api/") ? UNMATCHED : template;
    }

    private Object lookUp(HttpServletRequest request) {
        RequestMappingHandlerMapping handlers = mappings.getIfAvailable();
        if (handlers == null) {
            return null;
        }
        RequestPath previous = ServletRequestPathUtils.hasParsedRequestPath(request)
                ? ServletRequestPathUtils.getParsedRequestPath(request) : null;
        try {
            ServletRequestPathUtils.parseAndCache(request);
            handlers.getHandler(request);
            return request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        } catch (Exception e) {
            return null;
        } finally {
            ServletRequestPathUtils.setParsedRequestPath(previous, request);
        }
    }
}

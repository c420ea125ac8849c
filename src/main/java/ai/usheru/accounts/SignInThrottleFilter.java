package ai.usheru.accounts;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The sign-in form's side of {@link SignInThrottle}: a password posted to {@code /login} by a throttled
 * account or address is not checked at all and goes back to the login page saying how long to wait;
 * {@link SignInThrottle} itself counts the wrong passwords and clears them on a successful sign-in.
 */
class SignInThrottleFilter extends OncePerRequestFilter {

    private final SignInThrottle throttle;

    SignInThrottleFilter(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Duration> wait = throttle.retryAfter(request.getParameter("username"), request.getRemoteAddr());
        if (wait.isPresent()) {
            response.setHeader("Retry-After", String.valueOf(Math.max(1, wait.get().toSeconds())));
            response.sendRedirect(request.getContextPath() + "/login?throttled=" + Math.max(1, wait.get().toSeconds()));
            return;
        }
        chain.doFilter(request, response);
    }
}

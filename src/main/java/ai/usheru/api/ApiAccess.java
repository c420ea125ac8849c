package ai.usheru.api;

import java.util.List;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call which part of the API, stated once: the security configuration enforces it and the
 * OpenAPI description declares it, so the two cannot disagree.
 */
public final class ApiAccess {

    /** Open to anyone: the token exchange, health for probes, and accepting an invitation by its link. */
    public static final String[] PUBLIC_PATHS = {"/api/v1/auth/token", "/api/v1/health", "/api/v1/invitations/accept"};

    /** For admins only. */
    public static final String ADMIN_PATHS = "/api/v1/admin/**";

    private ApiAccess() {}

    static boolean isPublic(String path) {
        return List.of(PUBLIC_PATHS).contains(path);
    }

    static boolean isForAdmins(String path) {
        return PathPatternParser.defaultInstance.parse(ADMIN_PATHS).matches(PathContainer.parsePath(path));
    }
}

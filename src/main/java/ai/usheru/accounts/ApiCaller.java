package ai.usheru.accounts;

import java.util.UUID;

import jakarta.servlet.ServletRequest;

/**
 * The account a bearer token named, kept on the request itself: the request log reads it after the
 * security chain has finished and cleared its context, including for calls refused because the account is blocked.
 */
public final class ApiCaller {

    private static final String ATTRIBUTE = ApiCaller.class.getName() + ".id";

    private ApiCaller() {}

    /** Called by the API's bearer-token filter once it knows whose token it is. */
    public static void set(ServletRequest request, UUID accountId) {
        request.setAttribute(ATTRIBUTE, accountId);
    }

    /** The caller's account id, or null for an anonymous call or an unknown token. */
    public static UUID idOf(ServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof UUID id ? id : null;
    }
}

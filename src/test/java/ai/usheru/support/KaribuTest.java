package ai.usheru.support;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinServletRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Browserless UI tests with Karibu-Testing: the real views, services and security rules of the
 * running application context, driven from Java without a browser.
 */
public abstract class KaribuTest extends IntegrationTest {

    private static Routes routes;

    @Autowired
    protected ApplicationContext context;

    @Autowired
    protected TestUsers users;

    @BeforeAll
    static void discoverRoutes() {
        routes = new Routes().autoDiscoverViews("ai.usheru");
    }

    @BeforeEach
    void startVaadin() {
        MockVaadin.setup(UI::new, new MockSpringServlet(routes, context, UI::new));
    }

    @AfterEach
    void stopVaadin() {
        MockVaadin.tearDown();
        users.signOut();
    }

    /** Runs pushed UI updates (answers come from a background thread) until {@code done} holds, for at most ten seconds. */
    protected static void awaitUi(java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            MockVaadin.clientRoundtrip(false);
            if (done.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("The UI did not reach the expected state within ten seconds");
    }

    /** Signs in as this account, exactly as Spring Security would after a successful sign-in. */
    protected void signInAs(String email) {
        UserDetails principal = users.signIn(email);
        var authentication = UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities());
        var request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(authentication);
        request.setUserInRole((who, role) -> principal.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(authority -> authority.equals("ROLE_" + role)));
    }
}

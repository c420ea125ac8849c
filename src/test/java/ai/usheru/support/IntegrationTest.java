package ai.usheru.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Boots the whole application on a random port over a fresh embedded PostgreSQL and DuckDB warehouse
 * under {@code target/test-data}. Every subclass shares one Spring context, so the cost is paid once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "app.data-dir=target/test-data/${random.uuid}",
        "app.admin.email=" + IntegrationTest.ADMIN_EMAIL,
        "app.admin.password=" + IntegrationTest.ADMIN_PASSWORD
})
public abstract class IntegrationTest {

    public static final String ADMIN_EMAIL = "admin@usheru.test";
    public static final String ADMIN_PASSWORD = "admin-password-1";

    @LocalServerPort
    protected int port;

    protected TestHttp http() {
        return new TestHttp("http://localhost:" + port);
    }
}

package ai.usheru.audit.ui;

import static ai.usheru.support.UserBuilder.aUser;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.usheru.audit.ApiRequestLog;
import ai.usheru.support.KaribuTest;

class ApiRequestsViewTest extends KaribuTest {

    @Autowired
    ApiRequestLog requestLog;

    @Test
    void anAdminSeesAUsersCallsWithTheirSummary() throws InterruptedException {
        var user = aUser();
        users.create(user);
        String token = http().token(user.email(), user.password());
        assertThat(http().get("/api/v1/me/notifications", token).status()).isEqualTo(200);
        assertThat(http().get("/api/v1/nothing-here", token).status()).isEqualTo(404);
        signInAs(ADMIN_EMAIL);
        UI.getCurrent().navigate("admin/requests");
        var view = _get(ApiRequestsView.class);

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        do {
            Thread.sleep(50);
            requestLog.flush();
            view.user.setValue("");
            view.user.setValue(user.email());
        } while (GridKt._size(view.grid) < 2 && System.nanoTime() < deadline);

        assertThat(GridKt._size(view.grid)).isEqualTo(2);
        assertThat(GridKt._get(view.grid, 0).path()).isEqualTo("(unmatched)");
        assertThat(GridKt._get(view.grid, 1).path()).isEqualTo("/api/v1/me/notifications");
        assertThat(figure("requests-calls")).isEqualTo("2");
        assertThat(figure("requests-error-rate")).isEqualTo("50.0 %");

        view.status.setValue("2xx");
        assertThat(GridKt._size(view.grid)).isEqualTo(1);
        assertThat(figure("requests-error-rate")).isEqualTo("0.0 %");
    }

    @Test
    void aBadStatusIsExplainedAndNothingMatchingShowsTheEmptyState() {
        signInAs(ADMIN_EMAIL);
        UI.getCurrent().navigate("admin/requests");
        var view = _get(ApiRequestsView.class);

        view.status.setValue("4x");
        assertThat(view.status.isInvalid()).isTrue();
        assertThat(view.status.getErrorMessage()).contains("4xx");

        view.status.setValue("");
        view.user.setValue("nobody-" + UUID.randomUUID());
        assertThat(view.status.isInvalid()).isFalse();
        assertThat(GridKt._size(view.grid)).isZero();
        assertThat(view.grid.getEmptyStateText()).isEqualTo(ApiRequestsView.EMPTY);
        assertThat(figure("requests-calls")).isEqualTo("0");
        assertThat(figure("requests-p50")).isEqualTo("–");
    }

    private static String figure(String id) {
        return _get(Div.class, spec -> spec.withId(id)).getChildren()
                .filter(child -> child instanceof Span span && span.hasClassName("kpi-value"))
                .map(child -> ((Span) child).getText()).findFirst().orElseThrow();
    }
}

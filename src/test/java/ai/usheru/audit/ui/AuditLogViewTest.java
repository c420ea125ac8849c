package ai.usheru.audit.ui;

import static ai.usheru.support.UserBuilder.aUser;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import org.junit.jupiter.api.Test;

import ai.usheru.audit.AuditEntry;
import ai.usheru.support.KaribuTest;

class AuditLogViewTest extends KaribuTest {

    @Test
    void anAdminFindsTheAccountTheyCreatedByActionAndActor() {
        var user = aUser();
        users.create(user);
        signInAs(ADMIN_EMAIL);
        UI.getCurrent().navigate("admin/audit");
        var view = _get(AuditLogView.class);

        assertThat(view.action.getListDataView().getItems()).as("the actions that exist").contains("user.created");
        view.action.setValue("user.created");
        view.actor.setValue("admin@usheru");

        var first = GridKt._get(view.grid, 0);
        assertThat(first.target()).isEqualTo(user.email());
        assertThat(first.who()).isEqualTo(ADMIN_EMAIL);
        assertThat(entries(view)).extracting(AuditEntry::action).containsOnly("user.created");
    }

    @Test
    void filtersThatMatchNothingShowTheEmptyState() {
        signInAs(ADMIN_EMAIL);
        UI.getCurrent().navigate("admin/audit");
        var view = _get(AuditLogView.class);

        view.actor.setValue("nobody-" + UUID.randomUUID());

        assertThat(GridKt._size(view.grid)).isZero();
        assertThat(view.grid.getEmptyStateText()).isEqualTo(AuditLogView.EMPTY);
    }

    @Test
    void aPeriodThatEndsBeforeItStartsIsExplained() {
        signInAs(ADMIN_EMAIL);
        UI.getCurrent().navigate("admin/audit");
        var view = _get(AuditLogView.class);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        view.from.setValue(today);
        view.to.setValue(today.minusDays(2));

        assertThat(view.from.isInvalid()).isTrue();
        assertThat(view.from.getErrorMessage()).contains("starts after it ends");
    }

    private static List<AuditEntry> entries(AuditLogView view) {
        var entries = new ArrayList<AuditEntry>();
        for (int i = 0; i < GridKt._size(view.grid); i++) {
            entries.add(GridKt._get(view.grid, i));
        }
        return entries;
    }
}

package ai.usheru.mail.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.usheru.mail.Mailer;
import ai.usheru.support.KaribuTest;

class OutboxViewTest extends KaribuTest {

    @Autowired
    Mailer mailer;

    @Test
    void anAdminReadsTheMailTheProductWrote() {
        String subject = "Digest " + UUID.randomUUID();
        mailer.send("reader@client.test", subject, "Body");
        signInAs(ADMIN_EMAIL);

        UI.getCurrent().navigate("admin/outbox");

        var grid = _get(OutboxView.class).grid();
        assertThat(GridKt._size(grid)).isPositive();
        assertThat(GridKt._get(grid, 0).subject()).isEqualTo(subject);
        assertThat(GridKt._get(grid, 0).status()).isEqualTo("OUTBOX");
    }
}

package ai.usheru.accounts.ui;

import static ai.usheru.support.UserBuilder.aUser;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;

import ai.usheru.support.KaribuTest;

class AccountViewTest extends KaribuTest {

    @Test
    void aPersonalTokenIsShownOnceWorksOnTheApiAndCanBeRevoked() {
        var user = aUser().scopedTo("IE");
        users.create(user);
        signInAs(user.email());
        UI.getCurrent().navigate("account");

        _get(TextField.class, spec -> spec.withId("token-name")).setValue("BI refresh");
        ButtonKt._click(_get(Button.class, spec -> spec.withId("create-token")));
        String token = _get(TextField.class, spec -> spec.withId("new-token")).getValue();
        var grid = _get(AccountView.class).grid();

        assertThat(token).startsWith("usk_");
        assertThat(GridKt._get(grid, 0).name()).isEqualTo("BI refresh");
        assertThat(http().postJson("/api/v1/ask", Map.of("question", "Top 5 films"), token).status()).isEqualTo(200);

        ButtonKt._click((Button) GridKt._getCellComponent(grid, 0, "revoke"));

        assertThat(GridKt._get(grid, 0).revoked()).isTrue();
        assertThat(http().postJson("/api/v1/ask", Map.of("question", "Top 5 films"), token).status()).isEqualTo(401);
    }
}

package ai.usheru.accounts.ui;

import static ai.usheru.support.UserBuilder.aUser;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.router.QueryParameters;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.usheru.mail.Mailer;
import ai.usheru.support.KaribuTest;

class LoginViewTest extends KaribuTest {

    @Autowired
    Mailer mailer;

    @Test
    void anAnonymousVisitorOfTheChatIsShownTheLoginView() {
        UI.getCurrent().navigate("chat");

        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(LoginView.class);
        assertThat(_get(LoginView.class).form().isError()).isFalse();
    }

    @Test
    void aFailedSignInShowsAnErrorOnTheForm() {
        UI.getCurrent().navigate("login", QueryParameters.of("error", ""));

        var form = _get(LoginView.class).form();
        assertThat(form.isError()).isTrue();
        assertThat(_get(LoginView.class).errorMessage()).isEqualTo(LoginView.WRONG_CREDENTIALS);
    }

    @Test
    void aBlockedAccountIsToldItIsBlocked() {
        UI.getCurrent().navigate("login", QueryParameters.of("blocked", ""));

        var form = _get(LoginView.class).form();
        assertThat(form.isError()).isTrue();
        assertThat(_get(LoginView.class).errorMessage()).isEqualTo(LoginView.BLOCKED);
    }

    @Test
    void aThrottledSignInIsToldHowLongToWait() {
        UI.getCurrent().navigate("login", QueryParameters.of("throttled", "240"));

        assertThat(_get(LoginView.class).form().isError()).isTrue();
        assertThat(_get(LoginView.class).errorMessage()).isEqualTo("Too many failed sign-ins. Try again in 4 minutes.");
    }

    @Test
    void askingForAMagicLinkPutsItInTheOutboxAndSaysSo() {
        var user = aUser();
        users.create(user);
        UI.getCurrent().navigate("login");

        _get(EmailField.class).setValue(user.email());
        ButtonKt._click(_get(Button.class, spec -> spec.withId("send-link")));

        assertThat(_get(Paragraph.class, spec -> spec.withId("link-status")).getText()).isEqualTo(LoginView.LINK_SENT);
        assertThat(users.asAdmin(() -> mailer.latest(100)))
                .anySatisfy(mail -> {
                    assertThat(mail.recipient()).isEqualTo(user.email());
                    assertThat(mail.body()).contains("/login/ott?token=");
                });
    }

    @Test
    void askingForLinksAgainAndAgainMailsThreeInAQuarterHourAndSaysTheSameEachTime() {
        var user = aUser();
        users.create(user);
        for (int ask = 0; ask < 5; ask++) {
            UI.getCurrent().navigate("login");
            _get(EmailField.class).setValue(user.email());
            ButtonKt._click(_get(Button.class, spec -> spec.withId("send-link")));
            assertThat(_get(Paragraph.class, spec -> spec.withId("link-status")).getText()).isEqualTo(LoginView.LINK_SENT);
        }
        assertThat(users.asAdmin(() -> mailer.latest(500)).stream().filter(mail -> mail.recipient().equals(user.email())).count())
                .isEqualTo(3);
    }

    @Test
    void anEmptyAddressIsExplainedNotSent() {
        UI.getCurrent().navigate("login");

        ButtonKt._click(_get(Button.class, spec -> spec.withId("send-link")));

        var email = _get(EmailField.class);
        assertThat(email.isInvalid()).isTrue();
        assertThat(email.getErrorMessage()).isNotBlank();
        _assertNone(Paragraph.class, spec -> spec.withId("link-status"));
    }
}

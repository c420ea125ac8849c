package ai.usheru.insights.ui;

import static ai.usheru.support.UserBuilder.aUser;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import org.junit.jupiter.api.Test;

import ai.usheru.insights.InsightRun;
import ai.usheru.support.IntegrationTest;
import ai.usheru.support.KaribuTest;

class InsightsViewTest extends KaribuTest {

    @Test
    void anIrishReaderSeesTheWeeksInsightsForIrelandWithChartsAndAWayIntoTheChat() {
        var irish = aUser().scopedTo("IE");
        users.create(irish);
        signInAs(irish.email());

        UI.getCurrent().navigate("insights");
        pickWeek(LocalDate.parse("2010-06-16"));

        assertThat(_get(DatePicker.class, spec -> spec.withId("insights-week")).getValue())
                .as("any day picks its Monday").isEqualTo(LocalDate.parse("2010-06-14"));
        assertThat(_get(Paragraph.class, spec -> spec.withId("insights-summary")).getText()).contains("week of 14 June 2010", "IE");
        var cards = _find(Div.class, spec -> spec.withClasses("insight-card"));
        assertThat(cards).isNotEmpty();
        assertThat(cards).allSatisfy(card -> assertThat(card.getElement().getTextRecursively())
                .doesNotContain("United States", "Germany", "France"));
        assertThat(_find(Image.class, spec -> spec.withClasses("insight-chart"))).isNotEmpty().allSatisfy(image -> {
            assertThat(image.getSrc()).startsWith("data:image/png;base64,");
            assertThat(image.getAlt()).hasValueSatisfying(alt -> assertThat(alt).startsWith("Chart: "));
        });

        _click(_find(Button.class, spec -> spec.withText("Ask in the chat")).getFirst());
        var location = UI.getCurrent().getInternals().getActiveViewLocation();
        assertThat(location.getPath()).isEqualTo("chat");
        assertThat(location.getQueryParameters().getSingleParameter("q")).hasValueSatisfying(q -> assertThat(q).isNotBlank());
    }

    @Test
    void aWeekWithoutDataSaysSo() {
        var reader = aUser();
        users.create(reader);
        signInAs(reader.email());

        UI.getCurrent().navigate("insights");
        pickWeek(LocalDate.parse("2030-01-07"));

        assertThat(_get(Paragraph.class, spec -> spec.withId("insights-summary")).getText()).startsWith("A quiet week");
        assertThat(_find(Div.class, spec -> spec.withClasses("insight-card"))).isEmpty();
    }

    @Test
    void anAdminRunsAWeekNowAndSeesTheRun() throws Exception {
        signInAs(IntegrationTest.ADMIN_EMAIL);
        UI.getCurrent().navigate("admin/insights");
        _get(DatePicker.class, spec -> spec.withId("run-week")).setValue(LocalDate.parse("2010-06-07"));
        _click(_get(Button.class, spec -> spec.withId("run-now")));

        @SuppressWarnings("unchecked")
        Grid<InsightRun> runs = _get(Grid.class, spec -> spec.withId("insight-runs"));
        // Other tests run weeks in this application too: wait for this run's own row.
        LocalDate week = LocalDate.parse("2010-06-07");
        long deadline = System.currentTimeMillis() + 90_000;
        java.util.Optional<InsightRun> ours = java.util.Optional.empty();
        while (System.currentTimeMillis() < deadline && ours.isEmpty()) {
            Thread.sleep(200);
            MockVaadin.clientRoundtrip(false);
            ours = GridKt._findAll(runs).stream().filter(run -> run.week().equals(week) && run.finishedAt() != null).findFirst();
        }
        InsightRun latest = ours.orElseThrow(() -> new AssertionError("no finished run of the week of " + week));
        assertThat(latest.week()).isEqualTo(LocalDate.parse("2010-06-07"));
        assertThat(latest.trigger()).isEqualTo("admin");
        assertThat(latest.insights()).isPositive();
        assertThat(latest.failures()).isZero();
    }

    private static void pickWeek(LocalDate day) {
        var week = _get(DatePicker.class, spec -> spec.withId("insights-week"));
        com.github.mvysny.kaributesting.v10.HasValueUtilsKt._setValue(week, day, true);
    }
}

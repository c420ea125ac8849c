package ai.usheru.dashboard.ui;

import static ai.usheru.support.UserBuilder.aUser;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import org.junit.jupiter.api.Test;

import ai.usheru.support.KaribuTest;

class DashboardViewTest extends KaribuTest {

    @Test
    void anIrishUserSeesIrishFiguresOnly() {
        var irish = aUser().scopedTo("IE");
        users.create(irish);
        signInAs(irish.email());

        UI.getCurrent().navigate("dashboard");

        assertThat(_get(Paragraph.class, spec -> spec.withId("dashboard-scope")).getText()).contains("Ireland only");
        String boxOffice = _get(Div.class, spec -> spec.withId("kpi-box-office")).getElement().getTextRecursively();
        assertThat(boxOffice).startsWith("$").contains("Box office").doesNotContain("272.6B");
        var charts = _get(DashboardView.class).charts();
        assertThat(charts).hasSize(3);
        assertThat(charts.get(0).optionJson()).contains("\"type\":\"line\"").contains("2010-");
        assertThat(charts.get(1).optionJson()).contains("\"type\":\"bar\"");
        assertThat(charts.get(2).optionJson()).contains("\"type\":\"pie\"");
        assertThat(charts.get(0).optionJson()).as("the axis reads as money").contains("\"usheruMoneyAxis\":true");
        String page = _get(DashboardView.class).getElement().getTextRecursively();
        assertThat(page).as("the latest insights, or why there are none, in Ireland's scope")
                .contains("Latest insights").doesNotContain("United States", "Germany");
    }

    @Test
    void aGlobalUserSeesEveryRegionsTotal() {
        var global = aUser();
        users.create(global);
        signInAs(global.email());

        UI.getCurrent().navigate("dashboard");

        assertThat(_get(Div.class, spec -> spec.withId("kpi-box-office")).getElement().getTextRecursively()).contains("$272.6B");
        assertThat(_get(Div.class, spec -> spec.withId("kpi-films")).getElement().getTextRecursively()).contains("3,146");
    }
}

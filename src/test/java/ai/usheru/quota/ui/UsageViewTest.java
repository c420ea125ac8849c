package ai.usheru.quota.ui;

import static ai.usheru.db.Tables.USAGE_RECORDS;
import static ai.usheru.support.UserBuilder.aUser;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.usheru.accounts.Account;
import ai.usheru.quota.QuotaService;
import ai.usheru.quota.Usage;
import ai.usheru.quota.UsageReport;
import ai.usheru.support.KaribuTest;

class UsageViewTest extends KaribuTest {

    @Autowired
    QuotaService quotas;

    @Autowired
    DSLContext db;

    @Test
    void anAdminReadsWhatEachClientSpentAsFiguresAChartAndATable() {
        String client = "Gamma Screens " + UUID.randomUUID().toString().substring(0, 8);
        Account user = users.create(aUser().ofClient(client));
        for (int i = 0; i < 2; i++) {
            var reservation = quotas.reserve(user.id(), user.clientId(), "view-model");
            quotas.settle(reservation, new Usage("view-model", 12_000, 800, new BigDecimal("1.25"), 4, 0, "data_query"));
            db.update(USAGE_RECORDS).set(USAGE_RECORDS.CREATED_AT, OffsetDateTime.of(1960, 6, 10 + i, 9, 0, 0, 0, ZoneOffset.UTC))
                    .where(USAGE_RECORDS.ID.eq(reservation.id())).execute();
        }
        signInAs(ADMIN_EMAIL);
        UI.getCurrent().navigate("admin/usage");
        var view = _get(UsageView.class);

        view.grouping.setValue(UsageReport.Grouping.CLIENT);
        view.from.setValue(LocalDate.of(1960, 6, 1));
        view.to.setValue(LocalDate.of(1960, 6, 30));

        assertThat(GridKt._size(view.grid)).isEqualTo(1);
        assertThat(GridKt._get(view.grid, 0).key()).isEqualTo(client);
        assertThat(GridKt._get(view.grid, 0).tokens()).isEqualTo(25_600);
        assertThat(figure("usage-cost")).isEqualTo("$2.50");
        assertThat(figure("usage-tokens")).isEqualTo("25,600");
        assertThat(figure("usage-questions")).isEqualTo("2");
        assertThat(view.chart.optionJson()).contains(client).contains("\"bar\"");

        view.grouping.setValue(UsageReport.Grouping.DAY);
        assertThat(GridKt._size(view.grid)).isEqualTo(2);
        assertThat(view.chart.optionJson()).contains("1960-06-10").contains("\"line\"");
    }

    @Test
    void aPeriodThatEndsBeforeItStartsIsExplained() {
        signInAs(ADMIN_EMAIL);
        UI.getCurrent().navigate("admin/usage");
        var view = _get(UsageView.class);

        view.from.setValue(LocalDate.of(2020, 5, 1));
        view.to.setValue(LocalDate.of(2020, 4, 1));

        assertThat(view.from.isInvalid()).isTrue();
        assertThat(view.from.getErrorMessage()).contains("starts after it ends");
    }

    private static String figure(String id) {
        return _get(Div.class, spec -> spec.withId(id)).getChildren().map(child -> ((Span) child).getText()).findFirst().orElseThrow();
    }
}

package ai.usheru.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import ai.usheru.DomainException;

class SettingTest {

    @ParameterizedTest
    @CsvSource({"45, 45s, 45", "45s, 45s, 45", "120, 2m, 120", "2m, 2m, 120", "2 min, 2m, 120", "PT90S, 90s, 90", "pt10m, 10m, 600",
            "1s, 1s, 1", "600s, 10m, 600"})
    void aTimeoutIsWrittenAsTheVariableIsWhateverTheAdminTyped(String typed, String canonical, long seconds) {
        assertThat(Setting.QUERY_TIMEOUT.canonical(typed)).isEqualTo(canonical);
        assertThat(Setting.parseCanonical(canonical)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "601", "11m", "2h", "PT0.5S", "soon", "", "-5"})
    void aTimeoutOutsideOneSecondToTenMinutesIsRefusedWithTheRange(String typed) {
        assertThatThrownBy(() -> Setting.QUERY_TIMEOUT.canonical(typed))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("invalid_setting"))
                .hasMessageContaining("from 1s to 10m");
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "100000, 100000", " 250 , 250"})
    void theRowCapTakesOneToAHundredThousand(String typed, String canonical) {
        assertThat(Setting.QUERY_MAX_ROWS.canonical(typed)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "100001", "1.5", "", "many"})
    void aRowCapOutsideItsRangeIsRefused(String typed) {
        assertThatThrownBy(() -> Setting.QUERY_MAX_ROWS.canonical(typed)).hasMessageContaining("from 1 to 100,000");
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "2.50, 2.5", "10, 10", "1000000, 1000000"})
    void aDefaultDollarQuotaIsAnAmountInCents(String typed, String canonical) {
        assertThat(Setting.QUOTA_USD_PER_MONTH.canonical(typed)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void anEmptyDefaultQuotaIsUnlimitedButAnEmptyRowCapIsNot(String typed) {
        assertThat(Setting.QUOTA_USD_PER_MONTH.canonical(typed)).isNull();
        assertThat(Setting.QUOTA_TOKENS_PER_DAY.canonical(typed)).isNull();
        assertThatThrownBy(() -> Setting.QUERY_MAX_ROWS.canonical(typed)).isInstanceOf(DomainException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.005", "1000001", "lots"})
    void aBadDollarQuotaIsRefused(String typed) {
        assertThatThrownBy(() -> Setting.QUOTA_USD_PER_MONTH.canonical(typed)).hasMessageContaining("empty for unlimited");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "2147483648", "1.5"})
    void aQueriesQuotaMustFitAWholeNumberOfQueries(String typed) {
        assertThatThrownBy(() -> Setting.QUOTA_QUERIES_PER_DAY.canonical(typed)).isInstanceOf(DomainException.class);
    }
}

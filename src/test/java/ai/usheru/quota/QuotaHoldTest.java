package ai.usheru.quota;

import static ai.usheru.db.Tables.USAGE_RECORDS;
import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.usheru.accounts.Account;
import ai.usheru.support.IntegrationTest;
import ai.usheru.support.TestUsers;

/** What a language-model call may hold against the user's token and money limits, in the real ledger. */
class QuotaHoldTest extends IntegrationTest {

    private static final TokenPrices PRICES = new TokenPrices(new BigDecimal("1.00"), new BigDecimal("10.00"));

    @Autowired
    QuotaService quotas;

    @Autowired
    TestUsers users;

    @Autowired
    DSLContext db;

    @Test
    void aHoldIsCutToWhatTheDailyTokensLeaveAndRefusedBelowTheMinimum() {
        Account user = users.create(aUser().withQuota(new Quota(null, null, 3_000L, null, null)));
        var reservation = quotas.reserve(user.id(), user.clientId(), "m");

        long first = quotas.holdForCall(user.id(), reservation, "m", PRICES, 2_000, 1_000, 200);
        assertThat(first).as("3,000 - 2,000 prompt leaves 1,000").isEqualTo(1_000);
        quotas.rebook(reservation, "m", 3_000, PRICES.costOf(2_000, 1_000), 1_500, PRICES.costOf(1_200, 300));
        long second = quotas.holdForCall(user.id(), reservation, "m", PRICES, 1_200, 1_000, 200);
        assertThat(second).as("3,000 - 1,500 booked - 1,200 prompt").isEqualTo(300);

        assertThatThrownBy(() -> quotas.holdForCall(user.id(), reservation, "m", PRICES, 1_350, 1_000, 200))
                .isInstanceOf(QuotaExceededException.class).hasMessageContaining("3000 language-model tokens for today");
        var held = db.selectFrom(USAGE_RECORDS).where(USAGE_RECORDS.ID.eq(reservation.id())).fetchSingle();
        assertThat(held.getPromptTokens()).as("a refused hold leaves the reservation as it was").isEqualTo(1_500 + 1_200 + 300);
    }

    @Test
    void aCapBelowTheMinimumIsHonouredWhenNoLimitBinds() {
        Account user = users.create(aUser());
        var reservation = quotas.reserve(user.id(), user.clientId(), "m");

        assertThat(quotas.holdForCall(user.id(), reservation, "m", PRICES, 500, 100, 200)).isEqualTo(100);
    }

    @Test
    void theMonthlyDollarsDecideHowManyCompletionTokensAreHeld() {
        Account user = users.create(aUser().withQuota(new Quota(null, null, null, null, new BigDecimal("0.01"))));
        var reservation = quotas.reserve(user.id(), user.clientId(), "m");

        // $0.01 - 2,000 prompt tokens at $1/M ($0.002) leaves $0.008: 800 completion tokens at $10/M.
        assertThat(quotas.holdForCall(user.id(), reservation, "m", PRICES, 2_000, 1_000, 200)).isEqualTo(800);
    }
}

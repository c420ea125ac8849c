package ai.usheru.quota;

import static ai.usheru.db.Tables.USAGE_RECORDS;
import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.usheru.accounts.Account;
import ai.usheru.support.IntegrationTest;
import ai.usheru.support.TestUsers;

/** A reservation its ask never settled gives its quota back after 15 minutes; a running ask's is left alone. */
class AbandonedReservationsTest extends IntegrationTest {

    @Autowired
    QuotaService quotas;

    @Autowired
    AbandonedReservations abandoned;

    @Autowired
    TestUsers users;

    @Autowired
    DSLContext db;

    @Test
    void anOldOpenReservationIsReleasedAndAFreshOneIsNot() {
        Account user = users.create(aUser());
        var old = quotas.reserve(user.id(), user.clientId(), "offline");
        db.update(USAGE_RECORDS).set(USAGE_RECORDS.CREATED_AT, OffsetDateTime.now().minusMinutes(16))
                .where(USAGE_RECORDS.USER_ID.eq(user.id())).execute();
        var fresh = quotas.reserve(user.id(), user.clientId(), "offline");

        abandoned.release(AbandonedReservations.ABANDONED_AFTER);

        var states = db.select(USAGE_RECORDS.STATE, USAGE_RECORDS.OUTCOME).from(USAGE_RECORDS)
                .where(USAGE_RECORDS.USER_ID.eq(user.id())).orderBy(USAGE_RECORDS.CREATED_AT).fetch();
        assertThat(states).hasSize(2);
        assertThat(states.get(0).value1()).isEqualTo("RELEASED");
        assertThat(states.get(0).value2()).isEqualTo("abandoned");
        assertThat(states.get(1).value1()).as("an ask may still be running").isEqualTo("RESERVED");
        assertThat(old).isNotEqualTo(fresh);
    }
}

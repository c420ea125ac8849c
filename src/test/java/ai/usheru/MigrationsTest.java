package ai.usheru;

import static ai.usheru.db.Tables.DATAMARTS;
import static ai.usheru.db.Tables.REGIONS;
import static ai.usheru.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import ai.usheru.support.IntegrationTest;

/** The context boots on an empty embedded PostgreSQL and every migration applies to it. */
class MigrationsTest extends IntegrationTest {

    @Autowired
    DSLContext db;

    @Test
    void everyMigrationAppliesSuccessfullyToAnEmptyDatabase() throws IOException {
        int files = new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/V*.sql").length;

        List<Boolean> applied = db.select(DSL.field("success", Boolean.class))
                .from(DSL.table("flyway_schema_history"))
                .where(DSL.field("version").isNotNull())
                .fetch(DSL.field("success", Boolean.class));

        assertThat(applied).hasSize(files).containsOnly(true);
        assertThat(db.select(DSL.field("current_setting('server_version_num')::int", Integer.class)).fetchSingle().value1())
                .as("a real PostgreSQL, 17 or newer").isGreaterThanOrEqualTo(170000);
    }

    @Test
    void theCatalogueMirrorsTheWarehouseRegions() {
        assertThat(db.select(REGIONS.CODE).from(REGIONS).fetch(REGIONS.CODE))
                .hasSize(13).contains("IE", "DE", "US");
        assertThat(db.select(DATAMARTS.CODE).from(DATAMARTS).fetch(DATAMARTS.CODE)).containsExactly("usheru_data_mart");
    }

    @Test
    void theFirstAdminExistsOnce() {
        assertThat(db.fetchCount(USERS, USERS.ROLE.eq("ADMIN").and(USERS.EMAIL.eq(IntegrationTest.ADMIN_EMAIL))))
                .isEqualTo(1);
    }
}

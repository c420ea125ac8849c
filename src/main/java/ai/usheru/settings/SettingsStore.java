package ai.usheru.settings;

import static ai.usheru.db.Tables.SETTINGS;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The settings table: one row per setting an admin overrode, holding its canonical text. */
@Repository
class SettingsStore {

    private final DSLContext db;

    SettingsStore(DSLContext db) {
        this.db = db;
    }

    /** Every override, by name. */
    Map<String, String> all() {
        return db.select(SETTINGS.NAME, SETTINGS.VALUE).from(SETTINGS).fetchMap(SETTINGS.NAME, SETTINGS.VALUE);
    }

    /** The override of {@code name}, its row locked so two admins changing it at once are audited in order. */
    Optional<String> lock(String name) {
        return db.select(SETTINGS.VALUE).from(SETTINGS).where(SETTINGS.NAME.eq(name)).forUpdate().fetchOptional(SETTINGS.VALUE);
    }

    void put(String name, String value) {
        db.insertInto(SETTINGS)
                .set(SETTINGS.NAME, name)
                .set(SETTINGS.VALUE, value)
                .set(SETTINGS.UPDATED_AT, OffsetDateTime.now())
                .onConflict(SETTINGS.NAME).doUpdate()
                .set(SETTINGS.VALUE, value)
                .set(SETTINGS.UPDATED_AT, OffsetDateTime.now())
                .execute();
    }

    void delete(String name) {
        db.deleteFrom(SETTINGS).where(SETTINGS.NAME.eq(name)).execute();
    }
}

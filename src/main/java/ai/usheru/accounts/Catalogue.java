package ai.usheru.accounts;

import static ai.usheru.db.Tables.DATAMARTS;
import static ai.usheru.db.Tables.REGIONS;

import java.util.List;

import org.jooq.DSLContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import ai.usheru.warehouse.DatamartLoaded;

/**
 * The datamarts and regions a scope may name. It mirrors the warehouses: each loaded datamart
 * registers itself and its regions here.
 */
@Repository
public class Catalogue {

    private final DSLContext db;

    Catalogue(DSLContext db) {
        this.db = db;
    }

    /** A region a scope can name. */
    public record Region(String code, String name, String territory) {}

    @EventListener
    @Transactional
    public void register(DatamartLoaded loaded) {
        var model = loaded.model();
        db.insertInto(DATAMARTS)
                .set(DATAMARTS.CODE, model.code())
                .set(DATAMARTS.NAME, model.name())
                .set(DATAMARTS.DESCRIPTION, model.description())
                .set(DATAMARTS.WAREHOUSE, model.warehouse())
                .onConflict(DATAMARTS.CODE)
                .doUpdate()
                .set(DATAMARTS.NAME, model.name())
                .set(DATAMARTS.DESCRIPTION, model.description())
                .set(DATAMARTS.WAREHOUSE, model.warehouse())
                .execute();
        for (var region : loaded.regions()) {
            db.insertInto(REGIONS)
                    .set(REGIONS.CODE, region.code())
                    .set(REGIONS.NAME, region.name())
                    .set(REGIONS.TERRITORY, region.territory())
                    .set(REGIONS.CURRENCY, region.currency())
                    .onConflict(REGIONS.CODE)
                    .doUpdate()
                    .set(REGIONS.NAME, region.name())
                    .set(REGIONS.TERRITORY, region.territory())
                    .set(REGIONS.CURRENCY, region.currency())
                    .execute();
        }
    }

    public List<String> datamartCodes() {
        return db.select(DATAMARTS.CODE).from(DATAMARTS).orderBy(DATAMARTS.CODE).fetch(DATAMARTS.CODE);
    }

    public List<Region> regions() {
        return db.selectFrom(REGIONS).orderBy(REGIONS.NAME)
                .fetch(row -> new Region(row.getCode(), row.getName(), row.getTerritory()));
    }
}

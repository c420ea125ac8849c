package ai.usheru.warehouse;

import java.util.List;

import ai.usheru.semantic.SemanticModel;

/** Published once a datamart's warehouse tables are complete, with the regions it reports on. */
public record DatamartLoaded(SemanticModel model, List<Region> regions) {

    public record Region(String code, String name, String territory, String currency) {}
}

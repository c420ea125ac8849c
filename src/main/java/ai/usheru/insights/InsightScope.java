package ai.usheru.insights;

import java.util.Set;
import java.util.TreeSet;

/**
 * The data an insight may draw on: one datamart and a set of regions (empty: all). Insights are
 * computed once per scope and week and shared by everyone with that scope, never across scopes.
 */
public record InsightScope(String datamart, Set<String> regions) {

    public InsightScope {
        regions = Set.copyOf(regions);
    }

    /** The stored key, such as {@code usheru_data_mart:GB,IE} or {@code usheru_data_mart:*}. */
    public String key() {
        return datamart + ":" + (regions.isEmpty() ? "*" : String.join(",", new TreeSet<>(regions)));
    }

    public static InsightScope ofKey(String key) {
        int colon = key.lastIndexOf(':');
        String regions = key.substring(colon + 1);
        return new InsightScope(key.substring(0, colon), regions.equals("*") ? Set.of() : Set.of(regions.split(",")));
    }
}

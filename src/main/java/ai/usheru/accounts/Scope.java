package ai.usheru.accounts;

import java.util.Set;
import java.util.TreeSet;

/**
 * The data a user may see: datamarts and regions. An empty set means no limit in that dimension,
 * so {@code Scope.GLOBAL} sees everything.
 */
public record Scope(Set<String> datamarts, Set<String> regions) {

    public static final Scope GLOBAL = new Scope(Set.of(), Set.of());

    public Scope {
        datamarts = datamarts == null ? Set.of() : Set.copyOf(datamarts);
        regions = regions == null ? Set.of() : Set.copyOf(regions);
    }

    public boolean isGlobal() {
        return datamarts.isEmpty() && regions.isEmpty();
    }

    public boolean hasRegionLimit() {
        return !regions.isEmpty();
    }

    public boolean allowsDatamart(String code) {
        return datamarts.isEmpty() || datamarts.contains(code);
    }

    /** A short description for people, such as "IE, GB" or "all regions". */
    public String describeRegions() {
        return regions.isEmpty() ? "all regions" : String.join(", ", new TreeSet<>(regions));
    }
}

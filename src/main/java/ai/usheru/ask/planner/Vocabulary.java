package ai.usheru.ask.planner;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ai.usheru.semantic.SemanticModel;

/**
 * The words a question can name things with: the semantic model's synonyms and aliases, plus the
 * values read from the warehouse itself (titles, directors, distributors, genres, regions). Built once
 * per datamart at start-up; immutable after.
 */
public final class Vocabulary {

    final SemanticModel model;
    /** Distinct titles, longest first, so "The Dark Knight" wins over "Dark". */
    final List<String> titles;
    /** Directors' full names, longest first. */
    final List<String> people;
    /** Last name (lower case) to the full names that carry it. */
    final Map<String, List<String>> peopleByLastName;
    /** Dimension to phrase (lower case) to canonical value, longest phrases first. */
    final Map<String, Map<String, String>> valuePhrases;
    /** Phrase (lower case) to region code; region codes themselves match in upper case only. */
    final Map<String, String> regionPhrases;
    final Map<String, String> regionNames;
    /** Title (lower case) to the release years of the films that carry it, earliest first: remakes share a title. */
    final Map<String, List<Integer>> releaseYears;
    final int latestYear;
    /** The latest release year of the catalogue (films may be listed before they have box office). */
    final int latestReleaseYear;
    /** Titles by their rarest word: the ones a question may name. */
    final NameIndex titleIndex;
    /** Titles by every word: the ones a phrase may be part of. */
    final NameIndex titleWords;
    /** People by their rarest word: the ones a question may name. */
    final NameIndex peopleIndex;
    /** People's names, each character folded as a case-insensitive comparison sees it. */
    final java.util.Set<String> peopleFolded;

    private Vocabulary(SemanticModel model, List<String> titles, List<String> people, Map<String, List<String>> peopleByLastName,
            Map<String, Map<String, String>> valuePhrases, Map<String, String> regionPhrases, Map<String, String> regionNames,
            Map<String, List<Integer>> releaseYears, int latestYear, int latestReleaseYear) {
        this.model = model;
        this.titles = titles;
        this.people = people;
        this.peopleByLastName = peopleByLastName;
        this.valuePhrases = valuePhrases;
        this.regionPhrases = regionPhrases;
        this.regionNames = regionNames;
        this.releaseYears = releaseYears;
        this.latestYear = latestYear;
        this.latestReleaseYear = latestReleaseYear;
        this.titleIndex = NameIndex.byRarestWord(titles);
        this.titleWords = NameIndex.byEveryLetterRun(titles);
        this.peopleIndex = NameIndex.byRarestWord(people);
        this.peopleFolded = java.util.Set.copyOf(people.stream().map(NameIndex::fold).toList());
    }

    public SemanticModel model() {
        return model;
    }

    /** The latest release year the warehouse holds. */
    public int latestYear() {
        return latestYear;
    }

    public String regionName(String code) {
        return regionNames.getOrDefault(code, code);
    }

    /** The release years of the films titled {@code title}, earliest first; empty for an unknown title. */
    public List<Integer> releaseYears(String title) {
        return releaseYears.getOrDefault(title.toLowerCase(Locale.ROOT), List.of());
    }

    public static Vocabulary read(SemanticModel model, Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            List<String> titles = strings(statement, "SELECT DISTINCT title FROM movies WHERE title IS NOT NULL");
            titles.sort(Comparator.comparingInt(String::length).reversed());
            List<String> people = strings(statement, "SELECT DISTINCT person_name FROM crew WHERE person_name IS NOT NULL");
            people.sort(Comparator.comparingInt(String::length).reversed());
            Map<String, List<String>> byLastName = new HashMap<>();
            for (String person : people) {
                String[] parts = person.split("\\s+");
                byLastName.computeIfAbsent(parts[parts.length - 1].toLowerCase(Locale.ROOT), key -> new ArrayList<>()).add(person);
            }

            Map<String, Map<String, String>> valuePhrases = new LinkedHashMap<>();
            for (SemanticModel.Dimension dimension : model.dimensions()) {
                if (dimension.valuesFrom() == null || dimension.name().equals("director") || dimension.name().equals("region")) {
                    continue;
                }
                String[] column = dimension.valuesFrom().split("\\.");
                var phrases = new HashMap<String, String>();
                for (String value : strings(statement, "SELECT DISTINCT " + column[1] + " FROM " + column[0] + " WHERE "
                        + column[1] + " IS NOT NULL")) {
                    phrases.put(value.toLowerCase(Locale.ROOT), value);
                }
                model.valueAliases().getOrDefault(dimension.valuesFrom(), Map.of()).forEach((value, aliases) ->
                        aliases.forEach(alias -> phrases.put(alias.toLowerCase(Locale.ROOT), value)));
                valuePhrases.put(dimension.name(), longestFirst(phrases));
            }

            Map<String, String> regionNames = new LinkedHashMap<>();
            var regionPhrases = new HashMap<String, String>();
            try (ResultSet rows = statement.executeQuery("SELECT region_code, region_name FROM regions")) {
                while (rows.next()) {
                    regionNames.put(rows.getString(1), rows.getString(2));
                    regionPhrases.put(rows.getString(2).toLowerCase(Locale.ROOT), rows.getString(1));
                }
            }
            model.regionAliases().forEach((code, aliases) ->
                    aliases.forEach(alias -> regionPhrases.put(alias.toLowerCase(Locale.ROOT), code)));

            var releaseYears = new HashMap<String, List<Integer>>();
            try (ResultSet rows = statement.executeQuery(
                    "SELECT title, release_year FROM movies WHERE title IS NOT NULL AND release_year IS NOT NULL ORDER BY release_year")) {
                while (rows.next()) {
                    releaseYears.computeIfAbsent(rows.getString(1).toLowerCase(Locale.ROOT), key -> new ArrayList<>()).add(rows.getInt(2));
                }
            }
            releaseYears.replaceAll((title, years) -> List.copyOf(years));

            int latestYear;
            try (ResultSet rows = statement.executeQuery("SELECT max(year(week_start)) FROM box_office")) {
                rows.next();
                latestYear = rows.getInt(1);
            }
            int latestReleaseYear;
            try (ResultSet rows = statement.executeQuery("SELECT max(release_year) FROM movies")) {
                rows.next();
                latestReleaseYear = rows.getInt(1);
            }
            return new Vocabulary(model, List.copyOf(titles), List.copyOf(people), Map.copyOf(byLastName),
                    valuePhrases, longestFirst(regionPhrases), regionNames, Map.copyOf(releaseYears), latestYear, latestReleaseYear);
        }
    }

    private static Map<String, String> longestFirst(Map<String, String> phrases) {
        var sorted = new LinkedHashMap<String, String>();
        phrases.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, String> entry) -> entry.getKey().length()).reversed())
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return sorted;
    }

    private static List<String> strings(Statement statement, String sql) throws SQLException {
        var values = new ArrayList<String>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}

package ai.usheru.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The published question cases ({@code eval/questions-dev.jsonl}, copied from the shared evaluation)
 * and the matching rules of {@code evaluate.py}: some choice of the reply's columns must reproduce the
 * expected rows, numbers within 0.1 %, text case-insensitively.
 */
public final class EvalCases {

    private EvalCases() {}

    public static List<JsonNode> load() {
        return load("questions-dev.jsonl");
    }

    /** Cases of one file under {@code src/test/resources/eval}. */
    public static List<JsonNode> load(String file) {
        try (InputStream in = EvalCases.class.getResourceAsStream("/eval/" + file)) {
            var mapper = JsonMapper.builder().build();
            var cases = new ArrayList<JsonNode>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    cases.add(mapper.readTree(line));
                }
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> questionsOf(JsonNode testCase) {
        var questions = new ArrayList<String>();
        if (testCase.has("thread")) {
            testCase.get("thread").forEach(question -> questions.add(question.asString()));
        } else {
            questions.add(testCase.get("question").asString());
        }
        return questions;
    }

    public static List<String> scopeOf(JsonNode testCase) {
        var regions = new ArrayList<String>();
        JsonNode scope = testCase.get("scope");
        if (scope != null && scope.isArray()) {
            scope.forEach(region -> regions.add(region.asString()));
        }
        return regions;
    }

    static Double number(Object value) {
        if (value instanceof Boolean) {
            return null;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof String text) {
            try {
                return Double.parseDouble(text.strip().replace(",", "").replace("$", ""));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static boolean same(Object a, Object b) {
        Double na = number(a);
        Double nb = number(b);
        if (na != null && nb != null) {
            return Math.abs(na - nb) <= Math.max(0.011, 1e-3 * Math.max(Math.abs(na), Math.abs(nb)));
        }
        return String.valueOf(a).strip().equalsIgnoreCase(String.valueOf(b).strip());
    }

    public static boolean rowsMatch(List<List<Object>> expected, List<List<Object>> got, boolean ordered) {
        if (expected.size() != got.size()) {
            return false;
        }
        if (expected.isEmpty()) {
            return true;
        }
        int wanted = expected.getFirst().size();
        int width = got.getFirst().size();
        if (got.stream().anyMatch(row -> row.size() != width) || width < wanted) {
            return false;
        }
        return permutations(width, wanted).stream().anyMatch(columns -> {
            List<List<Object>> projected = got.stream().map(row -> columns.stream().map(row::get).toList()).toList();
            if (ordered) {
                for (int i = 0; i < expected.size(); i++) {
                    if (!rowSame(expected.get(i), projected.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            var left = new ArrayList<>(projected);
            for (List<Object> row : expected) {
                int hit = -1;
                for (int i = 0; i < left.size() && hit < 0; i++) {
                    if (rowSame(row, left.get(i))) {
                        hit = i;
                    }
                }
                if (hit < 0) {
                    return false;
                }
                left.remove(hit);
            }
            return true;
        });
    }

    private static boolean rowSame(List<Object> expected, List<Object> got) {
        for (int i = 0; i < expected.size(); i++) {
            if (!same(expected.get(i), got.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<List<Integer>> permutations(int width, int wanted) {
        var all = new ArrayList<List<Integer>>();
        permute(width, wanted, new ArrayList<>(), all);
        return all;
    }

    private static void permute(int width, int wanted, List<Integer> prefix, List<List<Integer>> all) {
        if (prefix.size() == wanted) {
            all.add(List.copyOf(prefix));
            return;
        }
        for (int column = 0; column < width; column++) {
            if (!prefix.contains(column)) {
                prefix.add(column);
                permute(width, wanted, prefix, all);
                prefix.removeLast();
            }
        }
    }

    /** The expected rows of a data case as plain Java values. */
    public static List<List<Object>> expectedRows(JsonNode testCase) {
        var rows = new ArrayList<List<Object>>();
        testCase.get("expect").get("rows").forEach(row -> {
            var values = new ArrayList<Object>();
            row.forEach(cell -> values.add(cell.isNumber() ? cell.numberValue() : cell.isNull() ? null : cell.asString()));
            rows.add(values);
        });
        return rows;
    }
}

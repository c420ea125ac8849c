package ai.usheru.memory;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

import org.springframework.ai.vectorstore.filter.Filter;

/**
 * A Spring AI filter expression ({@code kind == 'turn' && thread in ['a', 'b']}) turned once into a
 * predicate over a document's metadata, so a search over many documents does not walk the expression
 * tree for each. Numbers compare by value whatever their Java type (JSON gives back an Integer where
 * a Long was stored); a missing key equals nothing and is never greater or less than anything.
 */
final class MetadataFilter {

    private MetadataFilter() {}

    static Predicate<Map<String, Object>> of(Filter.Expression expression) {
        return switch (expression.type()) {
            case AND -> of(expression.left()).and(of(expression.right()));
            case OR -> of(expression.left()).or(of(expression.right()));
            case NOT -> of(expression.left()).negate();
            case EQ -> compare(expression, (actual, expected) -> equal(actual, expected));
            case NE -> compare(expression, (actual, expected) -> !equal(actual, expected));
            case GT -> compare(expression, (actual, expected) -> orderable(actual, expected) && order(actual, expected) > 0);
            case GTE -> compare(expression, (actual, expected) -> orderable(actual, expected) && order(actual, expected) >= 0);
            case LT -> compare(expression, (actual, expected) -> orderable(actual, expected) && order(actual, expected) < 0);
            case LTE -> compare(expression, (actual, expected) -> orderable(actual, expected) && order(actual, expected) <= 0);
            case IN -> compare(expression, (actual, expected) -> contains(expected, actual));
            case NIN -> compare(expression, (actual, expected) -> !contains(expected, actual));
            case ISNULL -> {
                String key = key(expression.left());
                yield metadata -> metadata.get(key) == null;
            }
            case ISNOTNULL -> {
                String key = key(expression.left());
                yield metadata -> metadata.get(key) != null;
            }
        };
    }

    /**
     * The conditions {@code key == 'text'} that every document the expression accepts must meet: those
     * joined by AND at the top of the expression (an OR or a NOT hides what is below it).
     */
    static Map<String, String> requiredEqualities(Filter.Expression expression) {
        var equalities = new java.util.HashMap<String, String>();
        collectEqualities(expression, equalities);
        return equalities;
    }

    private static void collectEqualities(Filter.Operand operand, Map<String, String> equalities) {
        switch (operand) {
            case Filter.Group group -> collectEqualities(group.content(), equalities);
            case Filter.Expression expression when expression.type() == Filter.ExpressionType.AND -> {
                collectEqualities(expression.left(), equalities);
                collectEqualities(expression.right(), equalities);
            }
            case Filter.Expression expression when expression.type() == Filter.ExpressionType.EQ
                    && expression.left() instanceof Filter.Key
                    && expression.right() instanceof Filter.Value(String value) -> equalities.put(key(expression.left()), value);
            default -> { }
        }
    }

    private static Predicate<Map<String, Object>> of(Filter.Operand operand) {
        return switch (operand) {
            case Filter.Expression expression -> of(expression);
            case Filter.Group group -> of(group.content());
            default -> throw new IllegalArgumentException("Not a condition: " + operand);
        };
    }

    private interface Comparison {
        boolean test(Object actual, Object expected);
    }

    private static Predicate<Map<String, Object>> compare(Filter.Expression expression, Comparison comparison) {
        String key = key(expression.left());
        if (!(expression.right() instanceof Filter.Value value)) {
            throw new IllegalArgumentException("A comparison needs a value on its right: " + expression);
        }
        Object expected = value.value();
        return metadata -> comparison.test(metadata.get(key), expected);
    }

    private static String key(Filter.Operand operand) {
        if (!(operand instanceof Filter.Key(String key))) {
            throw new IllegalArgumentException("A comparison needs a key on its left: " + operand);
        }
        boolean quoted = key.length() >= 2 && (key.startsWith("'") && key.endsWith("'") || key.startsWith("\"") && key.endsWith("\""));
        return quoted ? key.substring(1, key.length() - 1) : key;
    }

    private static boolean equal(Object actual, Object expected) {
        if (actual instanceof Number a && expected instanceof Number b) {
            return Double.compare(a.doubleValue(), b.doubleValue()) == 0;
        }
        return Objects.equals(actual, expected);
    }

    private static boolean orderable(Object actual, Object expected) {
        return actual instanceof Number && expected instanceof Number
                || actual instanceof Comparable<?> && expected != null && actual.getClass() == expected.getClass();
    }

    /** As {@link Comparable}, for two values that are {@link #orderable}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int order(Object actual, Object expected) {
        if (actual instanceof Number a && expected instanceof Number b) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        return ((Comparable) actual).compareTo(expected);
    }

    private static boolean contains(Object expected, Object actual) {
        Collection<?> values = expected instanceof Collection<?> collection ? collection : java.util.Collections.singletonList(expected);
        for (Object value : values) {
            if (equal(actual, value)) {
                return true;
            }
        }
        return false;
    }
}

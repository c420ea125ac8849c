package ai.usheru.guard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Queries;
import org.jooq.Query;
import org.jooq.QueryPart;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.VisitContext;
import org.jooq.VisitListener;
import org.jooq.conf.ParseUnknownFunctions;
import org.jooq.conf.RenderNameCase;
import org.jooq.conf.RenderOptionalKeyword;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultVisitListenerProvider;
import org.jooq.impl.ParserException;
import org.jooq.impl.QOM;
import org.jooq.impl.TableImpl;

import ai.usheru.semantic.SemanticModel;

/**
 * The gate every SQL statement passes before it reaches the warehouse, generated or hand-written.
 *
 * <p>The statement is parsed with jOOQ's SQL parser and rendered back for the warehouse. While it is
 * rendered, every part is inspected: only one {@code SELECT} passes; tables must be the semantic
 * model's, unqualified, or the query's own {@code WITH} names; functions outside jOOQ's own must be on
 * an allow-list; table functions ({@code read_csv}, {@code generate_series} ...) are refused. Every
 * reference to a region-scoped table is replaced by a derived table filtered to the caller's regions,
 * so the scope holds in subqueries, joins, unions, lateral joins and CTE bodies alike.
 */
public final class SqlGuard {

    private static final Pattern REGION_CODE = Pattern.compile("[A-Z]{2,8}");

    /** Functions jOOQ does not model itself that are safe for analytics on DuckDB. */
    private static final Set<String> ALLOWED_FUNCTIONS = Set.of(
            "strftime", "strptime", "date_part", "datepart", "date_diff", "datediff", "date_add", "date_sub", "year", "month", "day",
            "week", "weekofyear", "quarter", "dayofweek", "dayofyear", "yearweek", "make_date", "last_day", "monthname", "dayname",
            "median", "quantile", "quantile_cont", "quantile_disc", "percentile_cont", "percentile_disc", "mode", "stddev",
            "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp", "corr", "covar_pop", "covar_samp", "regr_slope",
            "regr_intercept", "regr_r2", "arg_max", "arg_min", "argmax", "argmin", "max_by", "min_by", "string_agg", "group_concat",
            "list", "array_agg", "first", "last", "any_value", "bool_and", "bool_or", "count_if", "countif", "approx_count_distinct",
            "ifnull", "nvl", "iif", "if", "coalesce", "nullif", "greatest", "least", "round", "floor", "ceil", "ceiling", "abs",
            "sign", "sqrt", "cbrt", "power", "pow", "ln", "log", "log10", "log2", "exp", "mod", "trunc", "lower", "upper", "lcase",
            "ucase", "length", "len", "char_length", "substr", "substring", "left", "right", "trim", "ltrim", "rtrim", "replace",
            "concat", "concat_ws", "contains", "starts_with", "ends_with", "prefix", "suffix", "regexp_matches", "regexp_replace",
            "regexp_extract", "split_part", "lpad", "rpad", "reverse", "repeat", "position", "strpos", "instr", "format", "printf",
            "lag", "lead", "rank", "dense_rank", "row_number", "ntile", "percent_rank", "cume_dist", "first_value", "last_value",
            "nth_value", "sum", "avg", "mean", "min", "max", "count", "try_cast", "typeof", "round_even", "even", "sum_no_overflow",
            "fsum", "favg", "product", "entropy", "kurtosis", "skewness", "histogram", "epoch", "to_years", "to_months", "to_days");

    private final SemanticModel model;
    private final Set<String> tableNames;
    private final Set<String> scopedTables;
    private final Settings settings = new Settings()
            .withParseDialect(SQLDialect.DUCKDB)
            .withParseUnknownFunctions(ParseUnknownFunctions.IGNORE)
            .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
            .withRenderNameCase(RenderNameCase.AS_IS)
            // Aliases that are also keywords ("position") need AS to parse on DuckDB.
            .withRenderOptionalAsKeywordForFieldAliases(RenderOptionalKeyword.ON)
            .withRenderOptionalAsKeywordForTableAliases(RenderOptionalKeyword.ON)
            .withRenderFormatted(true);
    private final DSLContext parser = DSL.using(SQLDialect.DUCKDB, settings);

    public SqlGuard(SemanticModel model) {
        this.model = model;
        this.tableNames = model.tables().stream().map(table -> table.name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        this.scopedTables = model.tables().stream().filter(SemanticModel.Table::scoped)
                .map(table -> table.name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    /** Parses, validates and scopes {@code sql}; an empty region set means no region limit. */
    public GuardedSql guard(String sql, Set<String> regions) {
        if (sql == null || sql.isBlank()) {
            throw new SqlRejectedException("There is no SQL to run.");
        }
        for (String region : regions) {
            if (!REGION_CODE.matcher(region).matches()) {
                throw new IllegalArgumentException("Not a region code: " + region);
            }
        }
        Query query = parseOne(sql);
        if (!(query instanceof Select<?>)) {
            throw new SqlRejectedException("Only a single read-only SELECT may run; this statement would "
                    + describe(query) + ".");
        }
        var inspection = new Inspection(regions);
        String rendered = DSL.using(new DefaultConfiguration()
                        .set(SQLDialect.DUCKDB)
                        .set(settings)
                        .set(new DefaultVisitListenerProvider(inspection)))
                .renderInlined(query);
        if (!inspection.problems.isEmpty()) {
            throw new SqlRejectedException(inspection.problems.getFirst());
        }
        return new GuardedSql(rendered, inspection.tables);
    }

    private Query parseOne(String sql) {
        Queries queries;
        try {
            queries = parser.parser().parse(sql);
        } catch (ParserException e) {
            throw new SqlRejectedException("This could not be read as a SELECT query (" + readable(e) + ").");
        }
        if (queries.queries().length == 0) {
            throw new SqlRejectedException("There is no SQL to run.");
        }
        if (queries.queries().length > 1) {
            throw new SqlRejectedException("Only one statement may run at a time; remove everything after the first ';'.");
        }
        return queries.queries()[0];
    }

    private static String readable(ParserException e) {
        String message = e.getMessage() == null ? "syntax error" : e.getMessage().lines().findFirst().orElse("syntax error");
        return message.replaceAll("\\[\\*\\]", "»");
    }

    private static String describe(Query query) {
        String kind = query.getClass().getSimpleName().replace("QueryImpl", "").replace("Impl", "").toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "insert", "insertquery" -> "insert rows";
            case "update", "updatequery" -> "change rows";
            case "delete", "deletequery" -> "delete rows";
            case "merge" -> "merge rows";
            default -> "change the database or its settings (" + kind + ")";
        };
    }

    /**
     * Looks at every part of the query as it is rendered: records problems, collects the tables read,
     * and swaps each scoped table for its filtered derivation.
     */
    private final class Inspection implements VisitListener {

        private final Set<String> regions;
        private final List<String> problems = new ArrayList<>();
        private final Set<String> tables = new TreeSet<>();
        private final Set<String> withNames = new TreeSet<>();
        /** Our own replacements, the only plain-SQL tables allowed through. */
        private final Set<QueryPart> derived = Collections.newSetFromMap(new IdentityHashMap<>());

        Inspection(Set<String> regions) {
            this.regions = Set.copyOf(regions);
        }

        @Override
        public void visitStart(VisitContext context) {
            QueryPart part = context.queryPart();
            QueryPart[] stack = context.queryParts();
            QueryPart parent = stack.length > 1 ? stack[stack.length - 2] : null;
            if (part instanceof QOM.With with) {
                with.$commonTableExpressions().forEach(cte -> declareWithName(cte.getName()));
            } else if (part instanceof QOM.TableAlias<?> alias) {
                if (alias.$table() instanceof TableImpl<?> table && isScoped(table)) {
                    checkTableReference(table);
                    context.queryPart(derivation(table).as(alias.$alias()));
                }
            } else if (part instanceof TableImpl<?> table) {
                if (parent != null && parent.getClass().getSimpleName().equals("TableFieldImpl")) {
                    return; // a column qualifier such as the "b" of b.gross_usd, not a table read
                }
                checkTableReference(table);
                if (isScoped(table) && !(parent instanceof QOM.TableAlias<?>)) {
                    context.queryPart(derivation(table).as(table.getUnqualifiedName()));
                }
            } else if (part instanceof Table<?> table) {
                checkOtherTable(table);
            } else if (part instanceof Field<?> field && part.getClass().getSimpleName().equals("Function")) {
                String name = field.getName().toLowerCase(Locale.ROOT);
                if (!ALLOWED_FUNCTIONS.contains(name)) {
                    problems.add("The function " + field.getName() + "() is not allowed here.");
                }
            }
        }

        private void declareWithName(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (tableNames.contains(lower)) {
                problems.add("A WITH query may not be named like the table " + lower + "; choose another name.");
            }
            withNames.add(lower);
        }

        private boolean isScoped(TableImpl<?> table) {
            return !regions.isEmpty() && !table.getQualifiedName().qualified() && scopedTables.contains(table.getName().toLowerCase(Locale.ROOT))
                    && !withNames.contains(table.getName().toLowerCase(Locale.ROOT));
        }

        private void checkTableReference(TableImpl<?> table) {
            if (table.getQualifiedName().qualified()) {
                problems.add("Tables are named without schema or database: use " + table.getName() + " instead of "
                        + table.getQualifiedName() + ".");
                return;
            }
            String name = table.getName().toLowerCase(Locale.ROOT);
            if (tableNames.contains(name)) {
                tables.add(name);
            } else if (!withNames.contains(name)) {
                problems.add("There is no table " + table.getName() + " here. The tables are: "
                        + String.join(", ", new TreeSet<>(tableNames)) + ".");
            }
        }

        private void checkOtherTable(Table<?> table) {
            if (derived.contains(table) || table instanceof QOM.Join<?> || table.getClass().getSimpleName().endsWith("Join")
                    || table instanceof QOM.DerivedTable<?>
                    || table instanceof QOM.Lateral<?> || table instanceof QOM.Values<?> || table instanceof QOM.TableAlias<?>
                    || table.getClass().getSimpleName().equals("CommonTableExpressionImpl")
                    || table.getClass().getSimpleName().equals("Alias")) {
                return;
            }
            if (table.getClass().getSimpleName().equals("SQLTable") && derived.stream().anyMatch(mine -> mine == table)) {
                return;
            }
            problems.add("Only the datamart's tables can be read; " + table.getName() + " is not one of them.");
        }

        private Table<?> derivation(TableImpl<?> table) {
            String name = table.getName().toLowerCase(Locale.ROOT);
            String inList = regions.stream().sorted().map(region -> "'" + region + "'").collect(Collectors.joining(", "));
            Table<?> filtered = DSL.table("(SELECT * FROM " + name + " WHERE " + model.scopeColumn() + " IN (" + inList + "))");
            derived.add(filtered);
            return filtered;
        }
    }
}

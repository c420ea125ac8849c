package ai.usheru.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import ai.usheru.DomainException;
import ai.usheru.audit.Paging;

/**
 * The query parameters the admin's log endpoints share: {@code from} and {@code to} as UTC days
 * ({@code 2026-03-01}; {@code to} includes its whole day) or instants ({@code 2026-03-01T09:30:00Z};
 * {@code to} excluded), {@code limit} and {@code before}. A bad value is refused with its own code.
 */
final class LogParameters {

    private LogParameters() {}

    static Paging paging(String from, String to, String limit, String before) {
        return new Paging(instantOf("from", from, false), instantOf("to", to, true), limitOf(limit), beforeOf(before));
    }

    /** Whether {@code format} asks for CSV; anything but csv, json or nothing is refused. */
    static boolean wantsCsv(String format) {
        if (format == null || format.isBlank() || format.strip().equalsIgnoreCase("json")) {
            return false;
        }
        if (format.strip().equalsIgnoreCase("csv")) {
            return true;
        }
        throw DomainException.badInput("invalid_format", "'format' is json or csv.");
    }

    private static Instant instantOf(String parameter, String value, boolean end) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (end ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw DomainException.badInput("invalid_" + parameter,
                    "'" + parameter + "' is a date such as 2026-03-01 or an instant such as 2026-03-01T09:30:00Z.");
        }
    }

    private static int limitOf(String value) {
        if (value == null || value.isBlank()) {
            return Paging.DEFAULT_LIMIT;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw DomainException.badInput("invalid_limit", "'limit' is a number from 1 to " + Paging.MAX_LIMIT + ".");
        }
    }

    private static Long beforeOf(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw DomainException.badInput("invalid_before", "'before' is the id of an entry, as given in 'nextBefore'.");
        }
    }
}

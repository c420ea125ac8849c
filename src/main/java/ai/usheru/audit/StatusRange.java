package ai.usheru.audit;

import java.util.regex.Pattern;

import ai.usheru.DomainException;

/** An HTTP status ({@code 404}) or a class of them ({@code 4xx}), both ends included. */
public record StatusRange(int low, int high) {

    private static final Pattern EXACT = Pattern.compile("[1-5][0-9][0-9]");
    private static final Pattern CLASS = Pattern.compile("[1-5][xX][xX]");

    /** Null for a blank value; refused with {@code invalid_status} when it is neither form. */
    public static StatusRange parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String status = value.strip();
        if (EXACT.matcher(status).matches()) {
            int code = Integer.parseInt(status);
            return new StatusRange(code, code);
        }
        if (CLASS.matcher(status).matches()) {
            int hundreds = (status.charAt(0) - '0') * 100;
            return new StatusRange(hundreds, hundreds + 99);
        }
        throw DomainException.badInput("invalid_status", "'status' is a status such as 404 or a class such as 4xx.");
    }
}

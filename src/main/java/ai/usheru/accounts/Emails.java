package ai.usheru.accounts;

import java.util.Locale;
import java.util.regex.Pattern;

/** E-mail addresses as the product stores and compares them: trimmed and lower case. */
final class Emails {

    private static final Pattern SHAPE = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private Emails() {}

    static String normalise(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    static boolean isWellFormed(String normalisedEmail) {
        return normalisedEmail.length() <= 320 && SHAPE.matcher(normalisedEmail).matches();
    }
}

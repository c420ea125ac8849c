package ai.usheru;

import java.text.NumberFormat;
import java.util.Locale;

/** US dollars as people read them, in a sentence ("$24.2 million") or in a tight space ("$24.2M"). */
public final class Money {

    private Money() {}

    /** "$1.84 billion", "$24.2 million", "$950,000". */
    public static String words(Number number) {
        double value = number.doubleValue();
        if (Math.abs(value) >= 1e9) {
            return String.format(Locale.US, "$%.2f billion", value / 1e9);
        }
        if (Math.abs(value) >= 1e6) {
            return String.format(Locale.US, "$%.1f million", value / 1e6);
        }
        return "$" + NumberFormat.getIntegerInstance(Locale.US).format(Math.round(value));
    }

    /** "$1.8B", "$24.2M", "$950K", "$420": for chart axes, cards and tables. Negative amounts keep their sign. */
    public static String compact(Number number) {
        double value = number.doubleValue();
        String sign = value < 0 ? "−" : "";
        double size = Math.abs(value);
        if (size >= 1e9) {
            return String.format(Locale.US, "%s$%.1fB", sign, size / 1e9);
        }
        if (size >= 1e6) {
            return String.format(Locale.US, "%s$%.1fM", sign, size / 1e6);
        }
        if (size >= 1e3) {
            return String.format(Locale.US, "%s$%.0fK", sign, size / 1e3);
        }
        return String.format(Locale.US, "%s$%.0f", sign, size);
    }
}

package ai.usheru.quota;

import java.math.BigDecimal;

/**
 * A user's limits. A null field is unlimited; {@link #UNLIMITED} has none.
 */
public record Quota(
        Integer queriesPerDay,
        Integer queriesPerMonth,
        Long tokensPerDay,
        Long tokensPerMonth,
        BigDecimal usdPerMonth) {

    public static final Quota UNLIMITED = new Quota(null, null, null, null, null);

    public boolean isUnlimited() {
        return queriesPerDay == null && queriesPerMonth == null && tokensPerDay == null && tokensPerMonth == null
                && usdPerMonth == null;
    }

    /** True when no limit is negative. */
    public boolean isValid() {
        return (queriesPerDay == null || queriesPerDay >= 0)
                && (queriesPerMonth == null || queriesPerMonth >= 0)
                && (tokensPerDay == null || tokensPerDay >= 0)
                && (tokensPerMonth == null || tokensPerMonth >= 0)
                && (usdPerMonth == null || usdPerMonth.signum() >= 0);
    }
}

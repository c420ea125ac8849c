package ai.usheru.accounts;

import java.time.DateTimeException;
import java.time.ZoneId;

import ai.usheru.DomainException;

/**
 * What mail a person gets: the weekly insights digest (on by default) and the time zone whose morning
 * it arrives in (UTC by default). A null field in a change stays as it is.
 */
public record NotificationSettings(Boolean weeklyDigest, String timeZone) {

    /** The time zone as a zone id, or a clear error for one that does not exist. */
    public static ZoneId zone(String timeZone) {
        try {
            return ZoneId.of(timeZone.strip());
        } catch (DateTimeException | NullPointerException e) {
            throw DomainException.badInput("unknown_time_zone",
                    "'" + timeZone + "' is not a time zone; use a name such as Europe/Dublin or UTC.");
        }
    }
}

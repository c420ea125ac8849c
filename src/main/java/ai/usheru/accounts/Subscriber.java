package ai.usheru.accounts;

import java.time.ZoneId;

/** An active account that receives the weekly digest, with its time zone and its unsubscribe token. */
public record Subscriber(Account account, ZoneId timeZone, String unsubscribeToken) {}

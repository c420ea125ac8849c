package ai.usheru.warehouse;

import java.time.Duration;

/** How much one query may return and how long it may run. */
public record QueryLimits(int maxRows, Duration timeout) {}

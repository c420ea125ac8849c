package ai.usheru.quota;

import java.math.BigDecimal;

/** What one ask actually used, settled into the ledger. */
public record Usage(String model, long promptTokens, long completionTokens, BigDecimal costUsd, long warehouseMillis,
        long warehouseBytes, String outcome) {}

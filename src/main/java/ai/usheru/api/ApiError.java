package ai.usheru.api;

/** The body of every API error: a stable machine code and a message for people. */
public record ApiError(String code, String message) {}

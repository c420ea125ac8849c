package ai.usheru.ask;

/**
 * One step of answering, streamed as it happens: {@code status}, {@code sql}, {@code result},
 * {@code answer}, {@code suggestions}, and finally {@code done} carrying the whole {@link AskReply}.
 */
public record AskEvent(String name, Object data) {}

package ai.usheru.ask;

/** What kind of question was asked; the API reports it as lower-case {@link #code()}. */
public enum Intent {
    DATA_QUERY,
    FOLLOW_UP,
    PREDICTION,
    GREETING,
    OUT_OF_SCOPE,
    NOT_UNDERSTOOD,
    /** The question was read only in part: no figure, the reading of the rest offered to run instead. */
    CLARIFY,
    USER_SQL;

    public String code() {
        return this == FOLLOW_UP ? "data_query" : name().toLowerCase(java.util.Locale.ROOT);
    }
}

package ai.usheru.llm;

/**
 * Pays for language-model calls as they are made. Before a call the most it can cost is held and the
 * call is told to write no more than the completion tokens the hold allows; after it, what the model
 * reported it used takes the hold's place. {@link #hold} throws (a spent quota) when there is not
 * enough left, and the call is then not made.
 */
public interface CallBudget {

    /**
     * Holds a call whose prompt takes at most {@code promptTokenBound} tokens and which would like to
     * write {@code wantedCompletion} tokens; returns the completion tokens it may write, at least
     * {@code minimumCompletion}.
     */
    long hold(LlmModel model, long promptTokenBound, long wantedCompletion, long minimumCompletion);

    /** Books what the call just made used (as its response reported) in place of its hold. */
    void book(LlmModel model, long promptTokens, long completionTokens);
}

package ai.usheru.ask;

import java.math.BigDecimal;
import java.util.UUID;

import ai.usheru.llm.CallBudget;
import ai.usheru.llm.LlmModel;
import ai.usheru.quota.QuotaService;

/**
 * What one ask spends on language models: each call is held against the user's quota inside the
 * ask's reservation before it is made, and booked at what the model reported after. The totals are
 * what the ask settles at, also when the model failed later and the planner answered in the end.
 * One ask's calls run one after another, so this needs no synchronisation.
 */
final class ModelSpend implements CallBudget {

    private final QuotaService quotas;
    private final UUID userId;
    private final QuotaService.Reservation reservation;
    private String model;
    private long promptTokens;
    private long completionTokens;
    private BigDecimal costUsd = BigDecimal.ZERO;
    private long heldTokens;
    private BigDecimal heldUsd = BigDecimal.ZERO;

    ModelSpend(QuotaService quotas, UUID userId, QuotaService.Reservation reservation) {
        this.quotas = quotas;
        this.userId = userId;
        this.reservation = reservation;
    }

    @Override
    public long hold(LlmModel model, long promptTokenBound, long wantedCompletion, long minimumCompletion) {
        long completion = quotas.holdForCall(userId, reservation, model.name(), model.prices(), promptTokenBound, wantedCompletion,
                minimumCompletion);
        heldTokens = promptTokenBound + completion;
        heldUsd = model.costOf(promptTokenBound, completion);
        return completion;
    }

    @Override
    public void book(LlmModel model, long prompt, long completion) {
        BigDecimal cost = model.costOf(prompt, completion);
        quotas.rebook(reservation, model.name(), heldTokens, heldUsd, prompt + completion, cost);
        heldTokens = 0;
        heldUsd = BigDecimal.ZERO;
        this.model = model.name();
        promptTokens += prompt;
        completionTokens += completion;
        costUsd = costUsd.add(cost);
    }

    /** True once a model was called and reported what it used. */
    boolean hasSpent() {
        return model != null && promptTokens + completionTokens > 0;
    }

    /** What the ask's model calls cost, or {@code orElse} when there were none. */
    AskReply.Usage usage(AskReply.Usage orElse) {
        return hasSpent() ? new AskReply.Usage(model, promptTokens, completionTokens, costUsd) : orElse;
    }
}

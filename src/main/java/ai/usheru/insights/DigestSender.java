package ai.usheru.insights;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import ai.usheru.AppProperties;
import ai.usheru.accounts.Account;
import ai.usheru.accounts.Subscriber;
import ai.usheru.mail.Mailer;

/**
 * Sends each subscriber the digest of a week, once. The digest row (user, week) and its mail are
 * written in one transaction, and the row's key lets only one writer win, so neither a retry, a restart
 * nor a second instance sends a digest twice; SMTP delivery follows the commit. A week with nothing
 * past its threshold sends no mail: it is recorded as quiet.
 */
@Component
class DigestSender {

    private static final Logger log = LoggerFactory.getLogger(DigestSender.class);
    private static final int PER_KIND = 2;

    private final InsightStore store;
    private final Mailer mailer;
    private final DigestMail mails;
    private final TransactionTemplate transactions;
    private final AppProperties.Insights settings;
    private final Clock clock = Clock.systemUTC();

    DigestSender(InsightStore store, Mailer mailer, DigestMail mails, TransactionTemplate transactions, AppProperties properties) {
        this.store = store;
        this.mailer = mailer;
        this.mails = mails;
        this.transactions = transactions;
        this.settings = properties.insights();
    }

    /**
     * Sends the week's digest to every subscriber who has none yet and whose local time is within the
     * sending hours (any time with {@code now}); the number of mails sent.
     */
    int sendDue(LocalDate week, List<Subscriber> subscribers, boolean now, Function<Account, List<Insight>> insightsOf) {
        int sent = 0;
        for (Subscriber subscriber : subscribers) {
            UUID userId = subscriber.account().id();
            if (store.digestSent(userId, week) || !(now || due(subscriber))) {
                continue;
            }
            try {
                List<Insight> chosen = choose(insightsOf.apply(subscriber.account()));
                UUID mailId = transactions.execute(status -> {
                    if (!store.claimDigest(userId, week, chosen.isEmpty() ? "QUIET" : "SENT", chosen.size())) {
                        return null;
                    }
                    if (chosen.isEmpty()) {
                        return null;
                    }
                    UUID id = mailer.queue(mails.compose(subscriber, week, chosen));
                    store.attachMail(userId, week, id);
                    return id;
                });
                if (mailId != null) {
                    mailer.deliver(mailId);
                    sent++;
                }
            } catch (RuntimeException e) {
                log.warn("The digest of the week of {} for {} failed", week, subscriber.account().email(), e);
            }
        }
        return sent;
    }

    private boolean due(Subscriber subscriber) {
        int hour = ZonedDateTime.now(clock.withZone(subscriber.timeZone())).getHour();
        return hour >= settings.sendHour() && hour < settings.sendUntil();
    }

    /** The strongest insights, at most {@code perDigest} and two of a kind, so one kind cannot fill a digest. */
    List<Insight> choose(List<Insight> insights) {
        Map<String, Integer> perKind = new HashMap<>();
        List<Insight> chosen = new ArrayList<>();
        for (Insight insight : insights) {
            if (chosen.size() == settings.perDigest()) {
                break;
            }
            if (perKind.merge(insight.kind(), 1, Integer::sum) <= PER_KIND) {
                chosen.add(insight);
            }
        }
        return chosen;
    }
}

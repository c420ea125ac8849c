package ai.usheru.insights;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;

import ai.usheru.AppProperties;
import ai.usheru.accounts.Subscriber;
import ai.usheru.mail.MailMessage;

/**
 * Writes a digest: HTML and a real plain-text part from the templates under {@code templates/mail},
 * each insight's chart as an inline PNG, links that open each insight's question in the chat, and the
 * one-click unsubscribe of RFC 8058 ({@code List-Unsubscribe} with {@code List-Unsubscribe-Post}) beside
 * a visible unsubscribe link.
 */
@Component
public class DigestMail {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    private final TemplateEngine html = Templates.in("mail", TemplateMode.HTML, ".html");
    private final TemplateEngine text = Templates.in("mail", TemplateMode.TEXT, ".txt");
    private final String baseUrl;

    DigestMail(AppProperties properties) {
        this.baseUrl = properties.baseUrl();
    }

    /** One insight as the templates show it. */
    public record Item(String title, String body, String link, String chartId) {}

    MailMessage compose(Subscriber subscriber, LocalDate week, List<Insight> insights) {
        List<Item> items = new ArrayList<>();
        List<MailMessage.InlineImage> images = new ArrayList<>();
        for (int i = 0; i < insights.size(); i++) {
            Insight insight = insights.get(i);
            String chartId = null;
            if (insight.chart() != null) {
                chartId = "chart-" + (i + 1);
                images.add(new MailMessage.InlineImage(chartId, ChartImages.png(insight.chart())));
            }
            items.add(new Item(insight.title(), insight.body(), chatLink(insight.question()), chartId));
        }
        String unsubscribe = UriComponentsBuilder.fromUriString(baseUrl).path("/unsubscribe")
                .queryParam("token", subscriber.unsubscribeToken()).build().toUriString();
        var context = new Context(Locale.UK, Map.of(
                "week", DAY.format(week),
                "items", items,
                "scope", subscriber.account().scope().describeRegions(),
                "unsubscribe", unsubscribe,
                "settings", baseUrl + "/account",
                "insightsLink", baseUrl + "/insights?week=" + week));
        String subject = "Your week in film, " + DAY.format(week) + ": " + insights.getFirst().title();
        return new MailMessage(subscriber.account().email(), subject, text.process("digest", context),
                html.process("digest", context), images,
                Map.of("List-Unsubscribe", "<" + unsubscribe + ">", "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                "<digest-" + week + "-" + subscriber.account().id() + "@usheru.ai>");
    }

    /** The chat with the question asked, for a link in mail or a button in the app. */
    String chatLink(String question) {
        return UriComponentsBuilder.fromUriString(baseUrl).path("/chat").queryParam("q", question).encode().build().toUriString();
    }
}

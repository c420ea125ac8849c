package ai.usheru.mail;

import java.util.List;
import java.util.Map;

/**
 * A mail with an HTML part beside its plain text, images shown inline ({@code cid:} references in the
 * HTML) and extra headers such as {@code List-Unsubscribe}. {@code messageId}, when given, names the mail
 * the same way on every delivery attempt, so a receiving server can tell a repeat from a new mail.
 */
public record MailMessage(String recipient, String subject, String text, String html, List<InlineImage> images,
        Map<String, String> headers, String messageId) {

    public MailMessage {
        images = images == null ? List.of() : List.copyOf(images);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** A PNG shown inside the HTML part as {@code <img src="cid:contentId">}. */
    public record InlineImage(String contentId, byte[] png) {}
}

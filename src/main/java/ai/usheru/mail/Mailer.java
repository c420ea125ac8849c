package ai.usheru.mail;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import ai.usheru.AppProperties;

/**
 * Sends the product's mail. Every mail is written to the outbox first; when SMTP is configured
 * ({@code spring.mail.host}) it is then sent and marked sent or failed, otherwise it stays in the
 * outbox for an admin to read, which is the embedded default.
 */
@Service
public class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private final Outbox outbox;
    private final JavaMailSender smtp;
    private final String from;

    Mailer(Outbox outbox, ObjectProvider<JavaMailSender> smtp, AppProperties properties) {
        this.outbox = outbox;
        this.smtp = smtp.getIfAvailable();
        this.from = properties.mail().from();
    }

    public void send(String recipient, String subject, String body) {
        UUID id = outbox.add(recipient, subject, body);
        if (smtp == null) {
            return;
        }
        var message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(recipient);
        message.setSubject(subject);
        message.setText(body);
        try {
            smtp.send(message);
            outbox.markSent(id);
        } catch (MailException e) {
            log.warn("Mail to {} failed: {}", recipient, e.getMessage());
            outbox.markFailed(id, e.getMessage());
        }
    }

    public boolean isSendingBySmtp() {
        return smtp != null;
    }

    @PreAuthorize("hasRole('ADMIN')")
    public List<OutboxMail> latest(int limit) {
        return outbox.latest(limit);
    }
}

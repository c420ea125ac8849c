package ai.usheru.mail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import ai.usheru.AppProperties;

/**
 * Sends the product's mail. Every mail is written to the outbox first, as the MIME message that will
 * leave; when SMTP is configured ({@code spring.mail.host}) it is then sent and marked sent or failed,
 * otherwise it stays in the outbox for an admin to read, which is the embedded default.
 *
 * <p>{@link #queue} and {@link #deliver} are separate so a caller can write the mail in the same
 * transaction as the fact that it was sent (a digest, say) and deliver it after the commit.
 */
@Service
public class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private final Outbox outbox;
    private final JavaMailSender smtp;
    private final String from;
    private final Session session = Session.getInstance(new Properties());

    Mailer(Outbox outbox, ObjectProvider<JavaMailSender> smtp, AppProperties properties) {
        this.outbox = outbox;
        this.smtp = smtp.getIfAvailable();
        this.from = properties.mail().from();
    }

    /** A plain-text mail, written to the outbox and sent at once. */
    public void send(String recipient, String subject, String body) {
        deliver(queue(new MailMessage(recipient, subject, body, null, List.of(), Map.of(), null)));
    }

    /** Writes the mail to the outbox (in the caller's transaction, if any) and returns its id. */
    public UUID queue(MailMessage mail) {
        byte[] mime = mime(mail);
        return outbox.add(mail.recipient(), mail.subject(), mail.text(), mail.html(), mime);
    }

    /** Sends a queued mail by SMTP when SMTP is configured; it stays in the outbox either way. */
    public void deliver(UUID id) {
        if (smtp == null) {
            return;
        }
        var stored = outbox.find(id).orElseThrow();
        try {
            smtp.send(new MimeMessage(session, new ByteArrayInputStream(stored.mime())));
            outbox.markSent(id);
        } catch (MailException | MessagingException e) {
            log.warn("Mail to {} failed: {}", stored.recipient(), e.getMessage());
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

    /** The MIME message as it leaves: text only, or text and HTML alternatives with inline images. */
    byte[] mime(MailMessage mail) {
        try {
            var message = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    if (mail.messageId() == null) {
                        super.updateMessageID();
                    } else {
                        setHeader("Message-ID", mail.messageId());
                    }
                }
            };
            message.setFrom(new InternetAddress(from));
            message.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(mail.recipient()));
            message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
            message.setSentDate(new java.util.Date());
            for (var header : mail.headers().entrySet()) {
                message.setHeader(header.getKey(), header.getValue());
            }
            if (mail.html() == null) {
                message.setText(mail.text(), StandardCharsets.UTF_8.name());
            } else {
                message.setContent(alternatives(mail));
            }
            message.saveChanges();
            var bytes = new ByteArrayOutputStream();
            message.writeTo(bytes);
            return bytes.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("The mail to " + mail.recipient() + " could not be built", e);
        }
    }

    /** multipart/alternative: the plain text, then multipart/related holding the HTML and its images. */
    private static MimeMultipart alternatives(MailMessage mail) throws MessagingException {
        var text = new MimeBodyPart();
        text.setText(mail.text(), StandardCharsets.UTF_8.name());
        var html = new MimeBodyPart();
        html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
        var related = new MimeMultipart("related");
        related.addBodyPart(html);
        for (var image : mail.images()) {
            var part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(image.png(), "image/png")));
            part.setContentID("<" + image.contentId() + ">");
            part.setDisposition(MimeBodyPart.INLINE);
            part.setFileName(image.contentId() + ".png");
            related.addBodyPart(part);
        }
        var relatedPart = new MimeBodyPart();
        relatedPart.setContent(related);
        var alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(relatedPart);
        return alternative;
    }
}

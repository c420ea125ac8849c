package ai.usheru.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import ai.usheru.mail.Mailer;
import ai.usheru.mail.OutboxMail;

/** The invitation links the product mailed, read from the outbox as the invitee would find them. */
@Component
public class MailedInvitations {

    private static final Pattern LINK = Pattern.compile("http://\\S+/invitation\\?token=(\\S+)");

    private final Mailer mailer;
    private final TestUsers users;

    MailedInvitations(Mailer mailer, TestUsers users) {
        this.mailer = mailer;
        this.users = users;
    }

    /** The latest invitation mailed to this address; fails the test if there is none. */
    public OutboxMail latestTo(String email) {
        return users.asAdmin(() -> mailer.latest(200)).stream()
                .filter(mail -> mail.recipient().equals(email) && LINK.matcher(mail.body()).find())
                .findFirst()
                .orElseThrow(() -> new AssertionError("No invitation mailed to " + email));
    }

    /** The token of the latest link mailed to this address. */
    public String tokenFor(String email) {
        Matcher link = LINK.matcher(latestTo(email).body());
        link.find();
        return link.group(1);
    }
}

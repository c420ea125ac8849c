package ai.usheru.accounts;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.security.authentication.ott.OneTimeToken;
import org.springframework.security.authentication.ott.OneTimeTokenService;
import org.springframework.security.web.authentication.ott.OneTimeTokenGenerationSuccessHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriComponentsBuilder;

import ai.usheru.AppProperties;
import ai.usheru.mail.Mailer;

/**
 * Magic-link sign-in: mails a link carrying a one-time token to a known, unblocked account. The
 * answer is the same whether or not the e-mail is known, so the form tells no one who has an account.
 */
@Service
public class MagicLinks implements OneTimeTokenGenerationSuccessHandler {

    private static final Logger log = LoggerFactory.getLogger(MagicLinks.class);

    static final String SENT_URL = "/login?link-sent";
    static final String SUBJECT = "Your usheru AI sign-in link";
    /** Links mailed to one address within a quarter of an hour at most; more asks are answered the same, and not mailed. */
    static final int LINKS_PER_QUARTER_HOUR = 3;

    private final Accounts accounts;
    private final OneTimeTokenService tokens;
    private final Mailer mailer;
    private final String baseUrl;

    private final JdbcTemplate jdbc;

    MagicLinks(Accounts accounts, OneTimeTokenService tokens, Mailer mailer, AppProperties properties, JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.tokens = tokens;
        this.mailer = mailer;
        this.baseUrl = properties.baseUrl();
    }

    /** Mails a sign-in link if the e-mail belongs to an account that may sign in. */
    public void send(String email) {
        String normalised = Emails.normalise(email);
        var account = accounts.findCredentials(normalised);
        if (account.isEmpty() || account.get().blocked()) {
            log.info("Magic link asked for an e-mail that cannot sign in");
            return;
        }
        mail(tokens.generate(new GenerateOneTimeTokenRequest(normalised)));
    }

    /** Called by Spring Security when the link was asked for through {@code POST /ott/generate}. */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, OneTimeToken token) throws IOException {
        var account = accounts.findCredentials(Emails.normalise(token.getUsername()));
        if (account.isPresent() && !account.get().blocked()) {
            mail(token);
        }
        response.sendRedirect(request.getContextPath() + SENT_URL);
    }

    private void mail(OneTimeToken token) {
        // The outbox is the record of every mail, on every instance: it tells how many links went out lately.
        Integer recent = jdbc.queryForObject("""
                SELECT COUNT(*) FROM mail_outbox
                WHERE recipient = ? AND subject = ? AND created_at > CURRENT_TIMESTAMP - INTERVAL '15 minutes'""", Integer.class,
                token.getUsername(), SUBJECT);
        if (recent != null && recent >= LINKS_PER_QUARTER_HOUR) {
            log.info("Magic link not mailed: {} links went to that address in the last 15 minutes", recent);
            return;
        }
        String link = UriComponentsBuilder.fromUriString(baseUrl).path("/login/ott")
                .queryParam("token", token.getTokenValue()).build().toUriString();
        mailer.send(token.getUsername(), SUBJECT, """
                Hello,

                Use this link to sign in to usheru AI. It works once and expires in five minutes:

                %s

                If you did not ask for it, you can ignore this mail.
                """.formatted(link));
    }
}

package ai.usheru.mail;

import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ai.usheru.accounts.NotificationService;
import ai.usheru.insights.InsightService;
import ai.usheru.support.IntegrationTest;
import ai.usheru.support.TestUsers;

/** With SMTP configured, mail leaves through a real SMTP server and the outbox records it as sent. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "app.data-dir=target/test-data/${random.uuid}",
        "app.admin.email=" + IntegrationTest.ADMIN_EMAIL,
        "app.admin.password=" + IntegrationTest.ADMIN_PASSWORD
})
class SmtpMailTest {

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            // Started once before the Spring context, which reads its port.
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void smtpSettings(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    @Autowired
    Mailer mailer;

    @Autowired
    TestUsers users;

    @Autowired
    InsightService insights;

    @LocalServerPort
    int port;

    @Autowired
    NotificationService notifications;

    @Test
    void mailIsDeliveredBySmtpAndMarkedSent() throws Exception {
        mailer.send("someone@client.test", "Weekly insights", "Titanic leads again.");

        MimeMessage[] received = smtp.getReceivedMessagesForDomain("client.test");
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("Weekly insights");
        assertThat(GreenMailUtil.getBody(received[0])).contains("Titanic leads again.");
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("someone@client.test");
        assertThat(users.asAdmin(() -> mailer.latest(10)))
                .anySatisfy(mail -> {
                    assertThat(mail.recipient()).isEqualTo("someone@client.test");
                    assertThat(mail.status()).isEqualTo("SENT");
                    assertThat(mail.sentAt()).isNotNull();
                });
    }

    @Test
    void aDigestLeavesAsHtmlWithATextPartInlineChartsAndOneClickUnsubscribe() throws Exception {
        var reader = users.create(aUser().withEmail("reader-" + System.nanoTime() + "@digest.test"));
        users.asAdmin(() -> insights.runNow(LocalDate.parse("2010-06-14"), true));

        MimeMessage[] received = smtp.getReceivedMessagesForDomain("digest.test");
        assertThat(received).hasSize(1);
        MimeMessage digest = received[0];
        assertThat(digest.getSubject()).startsWith("Your week in film, 14 June 2010: ");
        assertThat(digest.getHeader("Message-ID")[0]).isEqualTo("<digest-2010-06-14-" + reader.id() + "@usheru.ai>");
        String unsubscribe = digest.getHeader("List-Unsubscribe")[0];
        assertThat(unsubscribe).matches("<http://localhost:\\d+/unsubscribe\\?token=[0-9a-f]{48}>");
        assertThat(digest.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");

        var bytes = new ByteArrayOutputStream();
        digest.writeTo(bytes);
        System.out.printf("Digest of the week of 14 June 2010: %,d bytes as sent, %d inline charts%n", bytes.size(),
                ((MimeMultipart) ((MimeMultipart) digest.getContent()).getBodyPart(1).getContent()).getCount() - 1);
        assertThat(bytes.size()).as("the whole mail, images included").isLessThan(100 * 1024);

        assertThat(digest.isMimeType("multipart/alternative")).isTrue();
        var alternative = (MimeMultipart) digest.getContent();
        assertThat(alternative.getCount()).isEqualTo(2);
        assertThat(alternative.getBodyPart(0).isMimeType("text/plain")).isTrue();
        String text = (String) alternative.getBodyPart(0).getContent();
        assertThat(text).contains("the week of 14 June 2010", "Ask about it: http://", "Unsubscribe with one click: http://")
                .doesNotContain("<");
        var related = (MimeMultipart) alternative.getBodyPart(1).getContent();
        assertThat(related.getContentType()).startsWith("multipart/related");
        String html = (String) related.getBodyPart(0).getContent();
        assertThat(related.getBodyPart(0).isMimeType("text/html")).isTrue();
        assertThat(html).contains("prefers-color-scheme: dark", "cid:chart-1", "/chat?q=", unsubscribe.substring(1, unsubscribe.length() - 1)
                .replace("&", "&amp;"));
        assertThat(related.getCount()).isGreaterThan(1);
        for (int i = 1; i < related.getCount(); i++) {
            var image = (MimeBodyPart) related.getBodyPart(i);
            assertThat(image.isMimeType("image/png")).isTrue();
            assertThat(image.getContentID()).isEqualTo("<chart-" + i + ">");
            assertThat(image.getDisposition()).isEqualTo("inline");
            assertThat(html).contains("cid:chart-" + i);
            byte[] png = image.getInputStream().readAllBytes();
            assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        }

        var http = HttpClient.newHttpClient();
        String link = unsubscribe.substring(1, unsubscribe.length() - 1);
        var oneClick = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + link.substring(link.indexOf("/unsubscribe"))))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(users.asAdmin(() -> notifications.of(reader.id())).weeklyDigest()).isFalse();

        users.asAdmin(() -> insights.runNow(LocalDate.parse("2010-06-21"), true));
        assertThat(smtp.getReceivedMessagesForDomain("digest.test")).as("no digest once unsubscribed").hasSize(1);
    }
}

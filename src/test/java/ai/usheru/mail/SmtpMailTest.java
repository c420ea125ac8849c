package ai.usheru.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

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

    @Test
    void mailIsDeliveredBySmtpAndMarkedSent() throws Exception {
        mailer.send("someone@client.test", "Weekly insights", "Titanic leads again.");

        MimeMessage[] received = smtp.getReceivedMessages();
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
}

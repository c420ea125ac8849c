package ai.usheru.ask;

import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import ai.usheru.support.IntegrationTest;
import ai.usheru.support.TestHttp;
import ai.usheru.support.TestUsers;

/**
 * One person's heavy hand-written SQL through the API: two run (to the 700 ms limit), a third waits
 * its 200 ms for a slot and is refused 429 {@code busy} with Retry-After, while another person's
 * question is answered meanwhile. (Same settings as {@link QueryTimeoutApiTest}, so one context.)
 */
@TestPropertySource(properties = {"app.query.timeout=700ms", "app.query.queue-wait=200ms"})
class QueryConcurrencyApiTest extends IntegrationTest {

    private static final String RUNAWAY =
            "SELECT COUNT(*) FROM box_office a, box_office b, box_office c WHERE a.gross_usd + b.gross_usd > c.gross_usd + %d";

    @Autowired
    TestUsers users;

    @Test
    void aThirdHeavyQueryOfOnePersonIsBusyWhileAnotherPersonIsAnswered() throws Exception {
        var heavy = aUser();
        var light = aUser();
        users.create(heavy);
        users.create(light);
        String heavyToken = http().token(heavy.email(), heavy.password());
        String lightToken = http().token(light.email(), light.password());

        List<TestHttp.Reply> heavyReplies;
        TestHttp.Reply lightReply;
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            var start = new CountDownLatch(1);
            var runaways = java.util.stream.IntStream.range(0, 3).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                await(start);
                return http().postJson("/api/v1/query", Map.of("sql", RUNAWAY.formatted(i)), heavyToken);
            }, clients)).toList();
            start.countDown();
            Thread.sleep(100);
            lightReply = http().postJson("/api/v1/ask", Map.of("question", "Top 5 films by box office in 2008"), lightToken);
            heavyReplies = runaways.stream().map(CompletableFuture::join).toList();
        }

        assertThat(heavyReplies).extracting(TestHttp.Reply::status).containsExactlyInAnyOrder(408, 408, 429);
        TestHttp.Reply busy = heavyReplies.stream().filter(reply -> reply.status() == 429).findFirst().orElseThrow();
        assertThat(busy.text("code")).isEqualTo("busy");
        assertThat(busy.text("message")).contains("2 queries running");
        assertThat(busy.header("Retry-After")).isNotBlank();
        assertThat(lightReply.status()).as("another person is answered while the heavy queries run").isEqualTo(200);
        assertThat(lightReply.json().get("rows")).hasSize(5);

        var afterwards = http().postJson("/api/v1/query", Map.of("sql", "SELECT COUNT(*) AS films FROM movies"), heavyToken);
        assertThat(afterwards.status()).as("the slots are given back when the queries end").isEqualTo(200);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

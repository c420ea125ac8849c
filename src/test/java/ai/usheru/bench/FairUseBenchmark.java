package ai.usheru.bench;

import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import ai.usheru.support.IntegrationTest;
import ai.usheru.support.TestHttp;
import ai.usheru.support.TestUsers;

/**
 * A load test of fair use, run on demand (not in CI):
 * {@code ./mvnw test -Dtest=FairUseBenchmark -Dtests.excluded=none}. Eight light users ask questions in
 * a loop, first alone, then while one heavy user keeps four hand-written cross joins going (each cut at
 * a 3 s limit). It reports the light users' answers per second and latency in both phases and what the
 * heavy user got (408 at the limit; 429 busy when a third and fourth found no slot within 1 s), in
 * target/fair-use.txt.
 */
@Tag("benchmark")
@TestPropertySource(properties = {"app.query.timeout=3s", "app.query.queue-wait=1s", "app.query.cache-ttl=0s"})
class FairUseBenchmark extends IntegrationTest {

    private static final int LIGHT_USERS = 8;
    private static final int HEAVY_CONNECTIONS = 4;
    private static final long PHASE_MILLIS = 15_000;
    private static final List<String> QUESTIONS = List.of("Top 5 films by box office in 2008", "Box office by year",
            "Top 10 films in Ireland by box office", "How many films were released in 2005?", "Box office by region in 2009");
    private static final String RUNAWAY =
            "SELECT COUNT(*) FROM box_office a, box_office b, box_office c WHERE a.gross_usd + b.gross_usd > c.gross_usd + %d";

    @Autowired
    TestUsers users;

    private record Sample(int status, long millis) {}

    @Test
    void lightUsersKeepBeingAnsweredWhileAHeavyUserRunsCrossJoins() throws Exception {
        var lightTokens = new ArrayList<String>();
        for (int i = 0; i < LIGHT_USERS; i++) {
            var user = aUser();
            users.create(user);
            lightTokens.add(http().token(user.email(), user.password()));
        }
        var heavy = aUser();
        users.create(heavy);
        String heavyToken = http().token(heavy.email(), heavy.password());

        List<Sample> alone = lightLoad(lightTokens, null);
        var heavyReplies = new ConcurrentLinkedQueue<Integer>();
        List<Sample> withHeavy = lightLoad(lightTokens, () -> {
            int next = (int) (Math.random() * 1_000_000);
            heavyReplies.add(http().postJson("/api/v1/query", Map.of("sql", RUNAWAY.formatted(next)), heavyToken).status());
        });

        Map<Integer, Long> heavyByStatus = heavyReplies.stream().collect(Collectors.groupingBy(status -> status, TreeMap::new, Collectors.counting()));
        String report = "Fair use, " + LIGHT_USERS + " light users, " + PHASE_MILLIS / 1000 + " s per phase, "
                + Runtime.getRuntime().availableProcessors() + " cores\n"
                + "light users alone:            " + summary(alone) + "\n"
                + "light users beside the heavy: " + summary(withHeavy) + "\n"
                + "heavy user (" + HEAVY_CONNECTIONS + " connections of cross joins cut at 3 s): replies by status " + heavyByStatus + "\n";
        System.out.print(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "fair-use.txt"), report);
        assertThat(withHeavy).isNotEmpty();
        assertThat(heavyByStatus).containsKey(429);
    }

    private List<Sample> lightLoad(List<String> tokens, Runnable heavyCall) throws InterruptedException {
        var samples = new ConcurrentLinkedQueue<Sample>();
        var running = new AtomicBoolean(true);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            if (heavyCall != null) {
                for (int i = 0; i < HEAVY_CONNECTIONS; i++) {
                    clients.submit(() -> {
                        while (running.get()) {
                            heavyCall.run();
                        }
                    });
                }
                Thread.sleep(500);
            }
            for (int user = 0; user < tokens.size(); user++) {
                String token = tokens.get(user);
                int offset = user;
                clients.submit(() -> {
                    for (int asked = offset; running.get(); asked++) {
                        long started = System.nanoTime();
                        TestHttp.Reply reply = http().postJson("/api/v1/ask", Map.of("question", QUESTIONS.get(asked % QUESTIONS.size())), token);
                        samples.add(new Sample(reply.status(), (System.nanoTime() - started) / 1_000_000));
                    }
                });
            }
            Thread.sleep(PHASE_MILLIS);
            running.set(false);
        }
        return new ArrayList<>(samples);
    }

    private static String summary(List<Sample> samples) {
        List<Long> answered = samples.stream().filter(sample -> sample.status() == 200).map(Sample::millis).sorted().toList();
        long failed = samples.size() - answered.size();
        return String.format("%.1f answers/s, p50 %d ms, p95 %d ms, max %d ms, %d not answered",
                answered.size() * 1000.0 / PHASE_MILLIS, percentile(answered, 50), percentile(answered, 95),
                answered.isEmpty() ? 0 : Collections.max(answered), failed);
    }

    private static long percentile(List<Long> sorted, int percent) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100));
    }
}

package ai.usheru.ask.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.usheru.support.EvalCases;
import ai.usheru.support.TestWarehouse;
import ai.usheru.warehouse.DuckDbWarehouse;

/**
 * The name index never hides a name a full scan would find: on every question of every set (as
 * written, in lower and in upper case) and on each title itself, the candidates hold every title and
 * person that {@link Phrases#find} finds, and {@link NameIndex#mayContain} every title a phrase is part of.
 */
class NameIndexTest {

    @TempDir
    static Path dataDir;
    static DuckDbWarehouse warehouse;
    static Vocabulary vocabulary;

    @BeforeAll
    static void loadWarehouse() throws Exception {
        warehouse = TestWarehouse.start(dataDir);
        try (Connection connection = warehouse.connect(TestWarehouse.MART)) {
            vocabulary = Vocabulary.read(TestWarehouse.models().all().getFirst(), connection);
        }
    }

    @AfterAll
    static void close() throws Exception {
        warehouse.destroy();
    }

    private static List<String> texts() {
        var texts = new ArrayList<String>();
        for (var testCase : EvalCases.load()) {
            texts.addAll(EvalCases.questionsOf(testCase));
        }
        for (int set = 1; set <= 16; set++) {
            for (var testCase : EvalCases.load("own-" + set + ".jsonl")) {
                texts.addAll(EvalCases.questionsOf(testCase));
            }
        }
        var cased = new ArrayList<String>();
        for (String text : texts) {
            cased.addAll(List.of(text, text.toLowerCase(Locale.ROOT), text.toUpperCase(Locale.ROOT)));
        }
        vocabulary.titles.stream().limit(400).forEach(title -> cased.add("How much did " + title + " make?"));
        return cased;
    }

    @Test
    void candidatesHoldEveryNameAFullScanFinds() {
        int found = 0;
        for (String text : texts()) {
            var phrases = new Phrases(text);
            var titles = new HashSet<>(vocabulary.titleIndex.candidates(text));
            for (String title : vocabulary.titles) {
                if (phrases.find(title, 0, true) >= 0) {
                    found++;
                    assertThat(titles).as(text).contains(title);
                }
            }
            var people = new HashSet<>(vocabulary.peopleIndex.candidates(text));
            for (String person : vocabulary.people) {
                if (phrases.find(person, 0, true) >= 0) {
                    found++;
                    assertThat(people).as(text).contains(person);
                }
            }
        }
        assertThat(found).as("names found by the full scan").isGreaterThan(500);
    }

    @Test
    void candidatesKeepTheNamesOrderAndAreFewerThanAllNames() {
        String question = "How much did The Dark Knight make in Germany?";
        var candidates = vocabulary.titleIndex.candidates(question);

        assertThat(candidates).contains("The Dark Knight").isSortedAccordingTo(
                (a, b) -> Integer.compare(vocabulary.titles.indexOf(a), vocabulary.titles.indexOf(b)));
        assertThat(candidates.size()).isLessThan(vocabulary.titles.size() / 10);
    }

    @Test
    void mayContainHoldsEveryTitleAPhraseIsPartOf() {
        var phrases = new HashSet<String>();
        for (String title : vocabulary.titles) {
            String[] words = title.toLowerCase(Locale.ROOT).split("\\s+");
            phrases.add(words[0]);
            if (words.length > 1) {
                phrases.add(words[0] + " " + words[1]);
                phrases.add(words[words.length - 1]);
            }
        }
        phrases.addAll(List.of("harry potter", "toy story", "jean-luc", "ocean's"));
        for (String phrase : phrases) {
            Pattern within = Pattern.compile("(^|[^\\p{L}])" + Pattern.quote(phrase) + "($|[^\\p{L}])");
            var candidates = new HashSet<>(vocabulary.titleWords.mayContain(phrase));
            for (String title : vocabulary.titles) {
                if (within.matcher(title.toLowerCase(Locale.ROOT)).find()) {
                    assertThat(candidates).as(phrase).contains(title);
                }
            }
        }
    }
}

package ai.usheru.ask.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import ai.usheru.ask.Intent;
import ai.usheru.support.EvalCases;
import ai.usheru.support.TestWarehouse;
import ai.usheru.warehouse.DuckDbWarehouse;

/**
 * Ways of asking that the planner reads generally (comparisons written after their number, counts of
 * films per group, lists of one dimension's values with "each", a value naming its dimension, films
 * "opening" somewhere), each checked by running the planner's SQL against a hand-written query over
 * the same warehouse.
 */
class PlannerPhrasingTest {

    @TempDir
    static Path dataDir;
    static DuckDbWarehouse warehouse;
    static OfflinePlanner planner;

    @BeforeAll
    static void loadWarehouse() throws Exception {
        warehouse = TestWarehouse.start(dataDir);
        try (Connection connection = warehouse.connect(TestWarehouse.MART)) {
            planner = new OfflinePlanner(Vocabulary.read(TestWarehouse.models().all().getFirst(), connection));
        }
    }

    @AfterAll
    static void close() throws Exception {
        warehouse.destroy();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // comparisons after their number
            "Films from 2001 with a Rotten Tomatoes score of 95 or higher|"
                    + "SELECT m.title FROM movies m JOIN ratings r USING (movie_id) WHERE r.source = 'Rotten Tomatoes' AND r.rating >= 95 "
                    + "AND m.release_year = 2001",
            "How many films ran 180 minutes or more?|SELECT COUNT(*) FROM movies WHERE running_time_min >= 180",
            "Dramas released in 1999 with a budget of $5 million or less|"
                    + "SELECT title FROM movies WHERE major_genre = 'Drama' AND release_year = 1999 AND production_budget_usd <= 5000000",
            // a number of films as a condition on each group
            "Which distributors released at least 150 films?|"
                    + "SELECT distributor, COUNT(*) FROM movies WHERE distributor IS NOT NULL GROUP BY distributor HAVING COUNT(*) >= 150",
            "Which distributors released more than 40 comedies?|"
                    + "SELECT distributor, COUNT(*) FROM movies WHERE major_genre = 'Comedy' AND distributor IS NOT NULL "
                    + "GROUP BY distributor HAVING COUNT(*) > 40",
            "Directors with 10 or more films|"
                    + "SELECT person_name, COUNT(*) FROM crew WHERE role = 'director' GROUP BY person_name HAVING COUNT(*) >= 10",
            // several values of one dimension, read by different steps, are one list; "each" asks for each of them
            "How many comedies did Universal, Sony Pictures and Walt Disney Pictures each release?|"
                    + "SELECT distributor, COUNT(*) FROM movies WHERE major_genre = 'Comedy' "
                    + "AND distributor IN ('Universal', 'Sony Pictures', 'Walt Disney Pictures') GROUP BY distributor",
            // a value before its dimension's noun names one value, it does not ask for each
            "What did Titanic make in the EMEA territory?|"
                    + "SELECT SUM(b.gross_usd) FROM box_office b JOIN movies m USING (movie_id) JOIN regions g USING (region_code) "
                    + "WHERE m.title = 'Titanic' AND g.territory = 'EMEA'",
            "Top 3 genres by box office across the APAC territory|"
                    + "SELECT m.major_genre, SUM(b.gross_usd) AS g FROM box_office b JOIN movies m USING (movie_id) "
                    + "JOIN regions r USING (region_code) WHERE r.territory = 'APAC' AND m.major_genre IS NOT NULL "
                    + "GROUP BY m.major_genre ORDER BY g DESC LIMIT 3",
            // "open with", "open on": the opening week
            "How much did Inception open with in France?|"
                    + "SELECT SUM(b.gross_usd) FROM box_office b JOIN movies m USING (movie_id) "
                    + "WHERE m.title = 'Inception' AND b.region_code = 'FR' AND b.week_number = 1",
            // an average "per film" averages each film's total
            "What is the average US box office per R-rated film released in 2003?|"
                    + "SELECT AVG(t) FROM (SELECT SUM(b.gross_usd) AS t FROM box_office b JOIN movies m USING (movie_id) "
                    + "WHERE m.mpaa_rating = 'R' AND m.release_year = 2003 AND b.region_code = 'US' GROUP BY m.movie_id)",
            // a score stated as such; the source named after the number
            "Which 2004 films scored 8 on IMDb?|"
                    + "SELECT m.title FROM movies m JOIN ratings r USING (movie_id) WHERE r.source = 'IMDb' AND r.rating = 8 "
                    + "AND m.release_year = 2004",
            // the busiest week of one film, not the sum of its weeks
            "What was the highest number of screens Avatar played on in Germany?|"
                    + "SELECT MAX(b.screens) FROM box_office b JOIN movies m USING (movie_id) WHERE m.title = 'Avatar' AND b.region_code = 'DE'",
            // a second sentence that starts with a capital is not a name
            "Which four distributors have the highest total US box office? Biggest first.|"
                    + "SELECT m.distributor, SUM(b.gross_usd) AS g FROM box_office b JOIN movies m USING (movie_id) "
                    + "WHERE b.region_code = 'US' AND m.distributor IS NOT NULL GROUP BY m.distributor ORDER BY g DESC LIMIT 4",
            // superlatives that name their measure, and a singular noun asking for one film
            "what's the shortest thriller in the catalogue?|"
                    + "SELECT title, running_time_min FROM movies WHERE major_genre = 'Thriller/Suspense' AND running_time_min IS NOT NULL "
                    + "ORDER BY running_time_min ASC LIMIT 1",
            "Which was the most expensive Steven Spielberg movie?|"
                    + "SELECT m.title, m.production_budget_usd FROM movies m JOIN crew c USING (movie_id) WHERE c.role = 'director' "
                    + "AND c.person_name = 'Steven Spielberg' AND m.production_budget_usd IS NOT NULL "
                    + "ORDER BY m.production_budget_usd DESC LIMIT 1",
            // ordinals
            "What was the third-biggest film in Germany?|"
                    + "SELECT m.title, SUM(b.gross_usd) AS g FROM box_office b JOIN movies m USING (movie_id) WHERE b.region_code = 'DE' "
                    + "GROUP BY m.movie_id, m.title ORDER BY g DESC LIMIT 1 OFFSET 2",
            // the critics' score is Rotten Tomatoes'; which of someone's films has the best: one
            "which of ridley scott's films has the best critics' score?|"
                    + "SELECT m.title, r.rating FROM movies m JOIN ratings r USING (movie_id) JOIN crew c USING (movie_id) "
                    + "WHERE c.role = 'director' AND c.person_name = 'Ridley Scott' AND r.source = 'Rotten Tomatoes' "
                    + "ORDER BY r.rating DESC LIMIT 1",
            // a list of ratings with an average: one row each; R and G inside a list
            "average budget of G, PG and R films|"
                    + "SELECT mpaa_rating, AVG(production_budget_usd) FROM movies WHERE mpaa_rating IN ('G', 'PG', 'R') "
                    + "GROUP BY mpaa_rating",
            // a title that is an ordinary word, written as a title where one is expected
            "How much did Up make in France?|"
                    + "SELECT SUM(b.gross_usd) FROM box_office b JOIN movies m USING (movie_id) WHERE m.title = 'Up' AND b.region_code = 'FR'",
            // a capitalised ordinary word that starts a longer name is not a title ("Kids Fiction" is a creative type)
            "Total box office for Kids Fiction films in Spain|"
                    + "SELECT SUM(b.gross_usd) FROM box_office b JOIN movies m USING (movie_id) "
                    + "WHERE m.creative_type = 'Kids Fiction' AND b.region_code = 'ES'",
            // a number, then words with digits, then the noun
            "the three biggest 1980s releases in France|"
                    + "SELECT m.title, SUM(b.gross_usd) AS g FROM box_office b JOIN movies m USING (movie_id) WHERE b.region_code = 'FR' "
                    + "AND m.release_year BETWEEN 1980 AND 1989 GROUP BY m.movie_id, m.title ORDER BY g DESC LIMIT 3",
            // a number before a genre that was read first
            "which three westerns made the most in the US?|"
                    + "SELECT m.title, SUM(b.gross_usd) AS g FROM box_office b JOIN movies m USING (movie_id) "
                    + "WHERE m.major_genre = 'Western' AND b.region_code = 'US' GROUP BY m.movie_id, m.title ORDER BY g DESC LIMIT 3",
            // a rank given as a place
            "Which 2005 film ranked second in Japan?|"
                    + "SELECT m.title, SUM(b.gross_usd) AS g FROM box_office b JOIN movies m USING (movie_id) WHERE b.region_code = 'JP' "
                    + "AND m.release_year = 2005 GROUP BY m.movie_id, m.title ORDER BY g DESC LIMIT 1 OFFSET 1",
            // "run" as a verb is not a film's weekly run
            "how many movies run longer than 150 minutes?|SELECT COUNT(*) FROM movies WHERE running_time_min > 150",
            // a noun followed by one of its values names that value
            "How many films did the distributor Miramax release in each year from 1995 to 1998?|"
                    + "SELECT release_year, COUNT(*) FROM movies WHERE distributor = 'Miramax' AND release_year BETWEEN 1995 AND 1998 "
                    + "GROUP BY release_year",
            // "uk" in lower case is no English word
            "box office 2008 releases uk vs france|"
                    + "SELECT b.region_code, SUM(b.gross_usd) FROM box_office b JOIN movies m USING (movie_id) "
                    + "WHERE m.release_year = 2008 AND b.region_code IN ('GB', 'FR') GROUP BY b.region_code",
            // the n-th week of a run
            "screens for Avatar in Germany in its fourth week|"
                    + "SELECT b.screens FROM box_office b JOIN movies m USING (movie_id) WHERE m.title = 'Avatar' AND b.region_code = 'DE' "
                    + "AND b.week_number = 4",
            // one total over the films named, not a row each
            "total worldwide takings of the films Miramax released in 1998|"
                    + "SELECT SUM(b.gross_usd) FROM box_office b JOIN movies m USING (movie_id) WHERE m.distributor = 'Miramax' "
                    + "AND m.release_year = 1998",
            // after the opening week
            "How much did Avatar make in France after its opening week?|"
                    + "SELECT SUM(b.gross_usd) FROM box_office b JOIN movies m USING (movie_id) WHERE m.title = 'Avatar' "
                    + "AND b.region_code = 'FR' AND b.week_number > 1",
            // a release date, written three ways
            "Which films came out on 4 July 1996?|SELECT title FROM movies WHERE release_date = '1996-07-04'",
            "Which films were released on November 21, 2008?|SELECT title FROM movies WHERE release_date = '2008-11-21'",
            // a name several titles share
            "List the Star Wars films with their US box office|"
                    + "SELECT m.title, SUM(b.gross_usd) FROM box_office b JOIN movies m USING (movie_id) "
                    + "WHERE lower(m.title) LIKE '%star wars%' AND b.region_code = 'US' GROUP BY m.movie_id, m.title",
            "How many tickets did the Pirates of the Caribbean films sell in Spain in total?|"
                    + "SELECT SUM(b.admissions) FROM box_office b JOIN movies m USING (movie_id) "
                    + "WHERE lower(m.title) LIKE '%pirates of the caribbean%' AND b.region_code = 'ES'",
            // the part of a share named after "came from"
            "What share of the French box office of 2009 releases came from Avatar?|"
                    + "SELECT 100.0 * SUM(CASE WHEN m.title = 'Avatar' THEN b.gross_usd ELSE 0 END) / SUM(b.gross_usd) "
                    + "FROM box_office b JOIN movies m USING (movie_id) WHERE b.region_code = 'FR' AND m.release_year = 2009",
            // nouns for films beyond "films" and "movies", several words after the number
            "Which four video game adaptations earned the most worldwide?|"
                    + "SELECT m.title, SUM(b.gross_usd) AS g FROM box_office b JOIN movies m USING (movie_id) "
                    + "WHERE m.source = 'Based on Game' GROUP BY m.movie_id, m.title ORDER BY g DESC LIMIT 4",
            // "international" is one market, also as a share's part
            "How much of Avatar's gross came from outside North America, in percent?|"
                    + "SELECT 100.0 * SUM(CASE WHEN b.region_code <> 'US' THEN b.gross_usd ELSE 0 END) / SUM(b.gross_usd) "
                    + "FROM box_office b JOIN movies m USING (movie_id) WHERE m.title = 'Avatar'",
            "How much did The Dark Knight earn internationally?|"
                    + "SELECT SUM(b.gross_usd) FROM box_office b JOIN movies m USING (movie_id) "
                    + "WHERE m.title = 'The Dark Knight' AND b.region_code <> 'US'",
            // ranked "by the number of" films: a count per group, not a row per film
            "Which five distributors put out the most pictures in 1998, ranked by number of releases?|"
                    + "SELECT distributor, COUNT(*) AS n FROM movies WHERE release_year = 1998 AND distributor IS NOT NULL "
                    + "GROUP BY distributor ORDER BY n DESC, distributor LIMIT 5",
            // films named by a plural genre, listed with a measure of each
            "Show the musicals from the 1990s and their running times|"
                    + "SELECT title, running_time_min FROM movies WHERE major_genre = 'Musical' AND release_year BETWEEN 1990 AND 1999 "
                    + "AND running_time_min IS NOT NULL",
            // a threshold's unit is used up with it: what is ranked is the rating named beside it
            "worst 4 films by IMDb score with 50,000 votes or more|"
                    + "SELECT m.title, r.rating FROM movies m JOIN ratings r USING (movie_id) WHERE r.source = 'IMDb' AND r.votes >= 50000 "
                    + "ORDER BY r.rating ASC LIMIT 4",
            // a multiple of the budget is a threshold on each film's ratio
            "Which 1999 films grossed more than five times their budget worldwide?|"
                    + "SELECT m.title FROM movies m JOIN box_office b USING (movie_id) WHERE m.release_year = 1999 "
                    + "AND m.production_budget_usd > 0 GROUP BY m.movie_id, m.title, m.production_budget_usd "
                    + "HAVING SUM(b.gross_usd) > 5 * m.production_budget_usd",
            // a share whose part is a week of the run
            "What share of Titanic's UK takings was earned in its opening week?|"
                    + "SELECT 100.0 * SUM(CASE WHEN b.week_number = 1 THEN b.gross_usd ELSE 0 END) / SUM(b.gross_usd) "
                    + "FROM box_office b JOIN movies m USING (movie_id) WHERE m.title = 'Titanic' AND b.region_code = 'GB'",
            // an average of a count per film
            "On average, how many weeks did 2008 releases play in France?|"
                    + "SELECT AVG(n) FROM (SELECT COUNT(DISTINCT b.week_number) AS n FROM box_office b JOIN movies m USING (movie_id) "
                    + "WHERE b.region_code = 'FR' AND m.release_year = 2008 GROUP BY m.movie_id)",
            // the month of the year, whatever the year
            "In which month of the year were the most films released in the 1980s?|"
                    + "SELECT month(release_date) AS mo, COUNT(*) AS n FROM movies WHERE release_year BETWEEN 1980 AND 1989 "
                    + "GROUP BY mo ORDER BY n DESC LIMIT 1",
            // "which one" of the groups named, a condition on how many films each has
            "Among studios with at least 50 films, which one has the best average Rotten Tomatoes score?|"
                    + "SELECT m.distributor, AVG(r.rating) AS a FROM movies m JOIN ratings r USING (movie_id) "
                    + "WHERE r.source = 'Rotten Tomatoes' AND m.distributor IS NOT NULL GROUP BY m.distributor "
                    + "HAVING COUNT(DISTINCT m.movie_id) >= 50 ORDER BY a DESC LIMIT 1",
            "Among the genres, which grossed the most in the US in 2003?|"
                    + "SELECT m.major_genre, SUM(b.gross_usd) AS g FROM box_office b JOIN movies m USING (movie_id) "
                    + "WHERE b.region_code = 'US' AND m.release_year = 2003 AND m.major_genre IS NOT NULL GROUP BY m.major_genre "
                    + "ORDER BY g DESC LIMIT 1",
            // a breakdown whose noun follows a number
            "Break down Steven Spielberg's worldwide gross across the four territory groups|"
                    + "SELECT g.territory, SUM(b.gross_usd) FROM box_office b JOIN movies m USING (movie_id) JOIN regions g USING (region_code) "
                    + "JOIN crew c USING (movie_id) WHERE c.role = 'director' AND c.person_name = 'Steven Spielberg' GROUP BY g.territory",
            // a month of one year, read before titles ("October" could be a film)
            "How many films were released in October 1999?|"
                    + "SELECT COUNT(*) FROM movies WHERE release_year = 1999 AND month(release_date) = 10",
            // the best single week of a run
            "What were the biggest single-week takings in Japan, and for which film?|"
                    + "SELECT m.title, MAX(b.gross_usd) AS w FROM box_office b JOIN movies m USING (movie_id) WHERE b.region_code = 'JP' "
                    + "GROUP BY m.movie_id, m.title ORDER BY w DESC LIMIT 1",
            // films a source has not rated
            "How many 2009 releases have no IMDb rating?|"
                    + "SELECT COUNT(*) FROM movies WHERE release_year = 2009 "
                    + "AND movie_id NOT IN (SELECT movie_id FROM ratings WHERE source = 'IMDb' AND rating IS NOT NULL)",
            // "at least one" of something is no condition on a count
            "How many distinct distributors released at least one western in the 1990s?|"
                    + "SELECT COUNT(DISTINCT distributor) FROM movies WHERE major_genre = 'Western' AND release_year BETWEEN 1990 AND 1999",
            // a place in a ranking, "ranks"
            "Which filmmaker ranks second by worldwide box office?|"
                    + "SELECT c.person_name, SUM(b.gross_usd) AS g FROM box_office b JOIN crew c USING (movie_id) WHERE c.role = 'director' "
                    + "GROUP BY c.person_name ORDER BY g DESC LIMIT 1 OFFSET 1",
            // a one-word series with its films, a territory group's countries, combined over the films
            "Box office of the Harry Potter films in each APAC country, combined|"
                    + "SELECT b.region_code, SUM(b.gross_usd) FROM box_office b JOIN movies m USING (movie_id) JOIN regions g USING (region_code) "
                    + "WHERE g.territory = 'APAC' AND lower(m.title) LIKE '%harry potter%' GROUP BY b.region_code",
            "What did the three Toy Story films take in the US, all together?|"
                    + "SELECT SUM(b.gross_usd) FROM box_office b JOIN movies m USING (movie_id) WHERE b.region_code = 'US' "
                    + "AND m.title IN ('Toy Story', 'Toy Story 2', 'Toy Story 3')",
            // a number standing for the groups asked about
            "Among genres with at least 100 films, which 3 have the highest average IMDb rating?|"
                    + "SELECT m.major_genre, AVG(r.rating) AS a FROM movies m JOIN ratings r USING (movie_id) WHERE r.source = 'IMDb' "
                    + "AND m.major_genre IS NOT NULL GROUP BY m.major_genre HAVING COUNT(DISTINCT m.movie_id) >= 100 ORDER BY a DESC LIMIT 3",
            // chat shorthand: lower-case ratings, markets and surnames, "tix", "wk", "avg", "min 4 films", "200m+"
            "how many pg-13 movies 2003|SELECT COUNT(*) FROM movies WHERE mpaa_rating = 'PG-13' AND release_year = 2003",
            "us box office 2007 releases by genre|"
                    + "SELECT m.major_genre, SUM(b.gross_usd) FROM box_office b JOIN movies m USING (movie_id) WHERE b.region_code = 'US' "
                    + "AND m.release_year = 2007 AND m.major_genre IS NOT NULL GROUP BY m.major_genre",
            "scorsese films by worldwide gross|"
                    + "SELECT m.title, SUM(b.gross_usd) AS g FROM box_office b JOIN movies m USING (movie_id) JOIN crew c USING (movie_id) "
                    + "WHERE c.role = 'director' AND c.person_name = 'Martin Scorsese' GROUP BY m.movie_id, m.title ORDER BY g DESC",
            "nolan imdb ratings|SELECT m.title, r.rating FROM movies m JOIN ratings r USING (movie_id) JOIN crew c USING (movie_id) "
                    + "WHERE r.source = 'IMDb' AND c.role = 'director' AND c.person_name = 'Christopher Nolan'",
            "biggest opening wk in germany, 2009 releases|"
                    + "SELECT m.title, SUM(b.gross_usd) AS g FROM box_office b JOIN movies m USING (movie_id) WHERE b.region_code = 'DE' "
                    + "AND b.week_number = 1 AND m.release_year = 2009 GROUP BY m.movie_id, m.title ORDER BY g DESC LIMIT 1",
            "comedy share of french box office for 2007 releases, %|"
                    + "SELECT 100.0 * SUM(CASE WHEN m.major_genre = 'Comedy' THEN b.gross_usd ELSE 0 END) / SUM(b.gross_usd) "
                    + "FROM box_office b JOIN movies m USING (movie_id) WHERE b.region_code = 'FR' AND m.release_year = 2007",
            "what % of 2005 releases are rated r|"
                    + "SELECT 100.0 * SUM(CASE WHEN mpaa_rating = 'R' THEN 1 ELSE 0 END) / COUNT(*) FROM movies WHERE release_year = 2005",
            "how many distributors have 30+ films|"
                    + "SELECT COUNT(*) FROM (SELECT distributor FROM movies WHERE distributor IS NOT NULL GROUP BY distributor HAVING COUNT(*) >= 30)",
            "films with a 200m+ budget that made less than their budget worldwide|"
                    + "SELECT m.title FROM movies m JOIN box_office b USING (movie_id) WHERE m.production_budget_usd >= 200000000 "
                    + "GROUP BY m.movie_id, m.title, m.production_budget_usd HAVING SUM(b.gross_usd) < m.production_budget_usd",
            // a number before a distributor's name still asks for that many
            "Which two Miramax films made the most in Italy?|"
                    + "SELECT m.title, SUM(b.gross_usd) AS g FROM box_office b JOIN movies m USING (movie_id) WHERE b.region_code = 'IT' "
                    + "AND m.distributor = 'Miramax' GROUP BY m.movie_id, m.title ORDER BY g DESC LIMIT 2",
            // a follow-up a year earlier; a count over the films listed before; breaking the previous answer down
            "What percentage of the German box office for 2006 releases went to Sony Pictures films?|"
                    + "SELECT 100.0 * SUM(CASE WHEN m.distributor = 'Sony Pictures' THEN b.gross_usd ELSE 0 END) / SUM(b.gross_usd) "
                    + "FROM box_office b JOIN movies m USING (movie_id) WHERE b.region_code = 'DE' AND m.release_year = 2006",
            "Among directors with at least six films, which two have the highest average worldwide gross per film?|"
                    + "SELECT person_name, AVG(g) AS a FROM (SELECT c.person_name, m.movie_id, SUM(b.gross_usd) AS g FROM box_office b "
                    + "JOIN movies m USING (movie_id) JOIN crew c USING (movie_id) WHERE c.role = 'director' GROUP BY c.person_name, m.movie_id) "
                    + "GROUP BY person_name HAVING COUNT(*) >= 6 ORDER BY a DESC LIMIT 2",
            // "change" is also what is measured
            "Change in US box office between 2008 and 2009 releases, by year|"
                    + "SELECT m.release_year, SUM(b.gross_usd) FROM box_office b JOIN movies m USING (movie_id) WHERE b.region_code = 'US' "
                    + "AND m.release_year BETWEEN 2008 AND 2009 GROUP BY m.release_year",
            // the pronoun is no market
            "give us totals by genre for 2005 releases|"
                    + "SELECT m.major_genre, SUM(b.gross_usd) FROM box_office b JOIN movies m USING (movie_id) WHERE m.release_year = 2005 "
                    + "AND m.major_genre IS NOT NULL GROUP BY m.major_genre",
            "tell us top 3 films in Japan|"
                    + "SELECT m.title, SUM(b.gross_usd) AS g FROM box_office b JOIN movies m USING (movie_id) WHERE b.region_code = 'JP' "
                    + "GROUP BY m.movie_id, m.title ORDER BY g DESC LIMIT 3",
            // exclusions: what the clause names is left out (a film without a distributor is not Warner's)
            "Top 5 worldwide grossers of 2002, leaving out anything distributed by Warner Bros.|"
                    + "SELECT m.title, SUM(b.gross_usd) AS g FROM box_office b JOIN movies m USING (movie_id) WHERE m.release_year = 2002 "
                    + "AND (m.distributor = 'Warner Bros.') IS NOT TRUE GROUP BY m.movie_id, m.title ORDER BY g DESC LIMIT 5",
            "Top 5 films in Germany in 2009 excluding Avatar|"
                    + "SELECT m.title, SUM(b.gross_usd) AS g FROM box_office b JOIN movies m USING (movie_id) WHERE b.region_code = 'DE' "
                    + "AND m.release_year = 2009 AND m.title <> 'Avatar' GROUP BY m.movie_id, m.title ORDER BY g DESC LIMIT 5",
            "Box office by genre for 2008 releases other than comedies and dramas|"
                    + "SELECT m.major_genre, SUM(b.gross_usd) FROM box_office b JOIN movies m USING (movie_id) WHERE m.release_year = 2008 "
                    + "AND m.major_genre NOT IN ('Comedy', 'Drama') GROUP BY m.major_genre",
            "Worldwide box office of 2007 releases apart from the US|"
                    + "SELECT SUM(b.gross_usd) FROM box_office b JOIN movies m USING (movie_id) WHERE m.release_year = 2007 "
                    + "AND b.region_code <> 'US'",
            // numbers in words where a quantity stands, hours as minutes, openers, "for each" of the films named
            "Which distributors put out more than thirty R-rated films between 2000 and 2003?|"
                    + "SELECT m.distributor, COUNT(*) FROM movies m WHERE m.mpaa_rating = 'R' AND m.release_year BETWEEN 2000 AND 2003 "
                    + "AND m.distributor IS NOT NULL GROUP BY m.distributor HAVING COUNT(*) > 30",
            "Which films run longer than three hours? Show their running times.|"
                    + "SELECT title, running_time_min FROM movies WHERE running_time_min > 180",
            "What were the five biggest openers in Germany among 2006 releases?|"
                    + "SELECT m.title, b.gross_usd FROM box_office b JOIN movies m USING (movie_id) WHERE b.region_code = 'DE' "
                    + "AND b.week_number = 1 AND m.release_year = 2006 ORDER BY b.gross_usd DESC LIMIT 5",
            "Scorsese films from 1990 on - IMDb rating and Rotten Tomatoes score for each|"
                    + "SELECT m.title, i.rating, r.rating FROM movies m JOIN crew c USING (movie_id) JOIN ratings i ON i.movie_id = m.movie_id "
                    + "AND i.source = 'IMDb' LEFT JOIN ratings r ON r.movie_id = m.movie_id AND r.source = 'Rotten Tomatoes' "
                    + "WHERE c.role = 'director' AND c.person_name = 'Martin Scorsese' AND m.release_year >= 1990",
            // courtesy around the question is passed over; a lower-case title of several words; "release count"
            "Hello, I hope you are well. Could you please tell me how many films directed by Ridley Scott are in the catalogue? "
                    + "Thank you very much in advance.|"
                    + "SELECT COUNT(*) FROM movies m JOIN crew c USING (movie_id) WHERE c.role = 'director' AND c.person_name = 'Ridley Scott'",
            "I was wondering if you could help me with something for a pitch deck: what is the average budget of horror films "
                    + "released between 2000 and 2009? Many thanks.|"
                    + "SELECT AVG(production_budget_usd) FROM movies WHERE major_genre = 'Horror' AND release_year BETWEEN 2000 AND 2009",
            "how much did shrek 2 make in mexico?|"
                    + "SELECT SUM(b.gross_usd) FROM box_office b JOIN movies m USING (movie_id) WHERE m.title = 'Shrek 2' AND b.region_code = 'MX'",
            "Lionsgate release count per year, 2005 to 2009.|"
                    + "SELECT release_year, COUNT(*) FROM movies WHERE distributor = 'Lionsgate' AND release_year BETWEEN 2005 AND 2009 "
                    + "GROUP BY release_year",
            "what % of the box office from 2009 releases came from PG-13 films?|"
                    + "SELECT 100.0 * SUM(CASE WHEN m.mpaa_rating = 'PG-13' THEN b.gross_usd ELSE 0 END) / SUM(b.gross_usd) "
                    + "FROM box_office b JOIN movies m USING (movie_id) WHERE m.release_year = 2009",
            // a threshold on the groups asked about is on each group's total
            "Apart from Action, which genres took more than $500m in Japan from films released in the 2000s?|"
                    + "SELECT m.major_genre, SUM(b.gross_usd) FROM box_office b JOIN movies m USING (movie_id) WHERE b.region_code = 'JP' "
                    + "AND m.release_year BETWEEN 2000 AND 2009 AND m.major_genre <> 'Action' GROUP BY m.major_genre "
                    + "HAVING SUM(b.gross_usd) > 500000000",
            // a ranking within every group
            "Top 3 films in each genre by US box office for 2005 releases|"
                    + "SELECT genre, title, g FROM (SELECT m.major_genre AS genre, m.title, SUM(b.gross_usd) AS g, ROW_NUMBER() OVER "
                    + "(PARTITION BY m.major_genre ORDER BY SUM(b.gross_usd) DESC) AS r FROM box_office b JOIN movies m USING (movie_id) "
                    + "WHERE b.region_code = 'US' AND m.release_year = 2005 AND m.major_genre IS NOT NULL GROUP BY m.major_genre, m.movie_id, m.title) "
                    + "WHERE r <= 3 ORDER BY genre, r",
            "What was the number one 1999 release in each of our markets, and how much did it make there?|"
                    + "SELECT region_code, title, g FROM (SELECT b.region_code, m.title, SUM(b.gross_usd) AS g, ROW_NUMBER() OVER "
                    + "(PARTITION BY b.region_code ORDER BY SUM(b.gross_usd) DESC) AS r FROM box_office b JOIN movies m USING (movie_id) "
                    + "WHERE m.release_year = 1999 GROUP BY b.region_code, m.movie_id, m.title) WHERE r = 1 "
                    + "ORDER BY region_code",
            // ranges of months, seasons, decades in words
            "Top 3 films released between March and May 2002 in Australia, by box office|"
                    + "SELECT m.title, SUM(b.gross_usd) AS g FROM box_office b JOIN movies m USING (movie_id) WHERE b.region_code = 'AU' "
                    + "AND m.release_date >= DATE '2002-03-01' AND m.release_date < DATE '2002-06-01' GROUP BY m.movie_id, m.title "
                    + "ORDER BY g DESC LIMIT 3",
            "biggest 5 films released in summer 2008, worldwide|"
                    + "SELECT m.title, SUM(b.gross_usd) AS g FROM box_office b JOIN movies m USING (movie_id) WHERE m.release_year = 2008 "
                    + "AND month(m.release_date) IN (6, 7, 8) GROUP BY m.movie_id, m.title ORDER BY g DESC LIMIT 5",
            "Top 5 dramas in Germany from the nineties|"
                    + "SELECT m.title, SUM(b.gross_usd) AS g FROM box_office b JOIN movies m USING (movie_id) WHERE b.region_code = 'DE' "
                    + "AND m.major_genre = 'Drama' AND m.release_year BETWEEN 1990 AND 1999 GROUP BY m.movie_id, m.title ORDER BY g DESC LIMIT 5",
            // titles that are numbers or everyday words, written as names
            "How much did 300 make in Mexico?|"
                    + "SELECT SUM(b.gross_usd) FROM box_office b JOIN movies m USING (movie_id) WHERE m.title = '300' AND b.region_code = 'MX'",
            "Up - opening week in Australia: gross, admissions and screens|"
                    + "SELECT SUM(b.gross_usd), SUM(b.admissions), SUM(b.screens) FROM box_office b JOIN movies m USING (movie_id) "
                    + "WHERE m.title = 'Up' AND b.region_code = 'AU' AND b.week_number = 1",
            // several measures at once: a column each, the ranking by the one it is "by"
            "Avatar's opening week in Germany: gross, admissions and screens|"
                    + "SELECT SUM(b.gross_usd), SUM(b.admissions), SUM(b.screens) FROM box_office b JOIN movies m USING (movie_id) "
                    + "WHERE m.title = 'Avatar' AND b.region_code = 'DE' AND b.week_number = 1",
            "Top 5 films by admissions in Japan for 2009 releases, with their gross|"
                    + "SELECT m.title, SUM(b.admissions) AS a, SUM(b.gross_usd) FROM box_office b JOIN movies m USING (movie_id) "
                    + "WHERE b.region_code = 'JP' AND m.release_year = 2009 GROUP BY m.movie_id, m.title ORDER BY a DESC LIMIT 5",
            "Tim Burton films with their budget and worldwide gross|"
                    + "SELECT m.title, m.production_budget_usd, SUM(b.gross_usd) FROM box_office b JOIN movies m USING (movie_id) "
                    + "JOIN crew c USING (movie_id) WHERE c.role = 'director' AND c.person_name = 'Tim Burton' "
                    + "GROUP BY m.movie_id, m.title, m.production_budget_usd",
            "Ratatouille in Japan, opening week: gross, screens and per-screen average|"
                    + "SELECT SUM(b.gross_usd), SUM(b.screens), SUM(b.gross_usd) * 1.0 / SUM(b.screens) FROM box_office b "
                    + "JOIN movies m USING (movie_id) WHERE m.title = 'Ratatouille' AND b.region_code = 'JP' AND b.week_number = 1",
            // a ratio defined in the question's own words stays one figure
            "Average ticket price in Spain for 2007 releases, i.e. box office divided by admissions|"
                    + "SELECT SUM(b.gross_usd) * 1.0 / SUM(b.admissions) FROM box_office b JOIN movies m USING (movie_id) "
                    + "WHERE b.region_code = 'ES' AND m.release_year = 2007",
            // "each of our markets": a row each, even when the question speaks of one film
            "Casino Royale, the 2006 one: gross in each of the two markets UK and Ireland|"
                    + "SELECT b.region_code, SUM(b.gross_usd) FROM box_office b JOIN movies m USING (movie_id) "
                    + "WHERE m.title = 'Casino Royale' AND m.release_year = 2006 AND b.region_code IN ('GB', 'IE') GROUP BY b.region_code",
            "the lord of the rings: the return of the king tix by territory|"
                    + "SELECT b.region_code, SUM(b.admissions) FROM box_office b JOIN movies m USING (movie_id) "
                    + "WHERE m.title = 'The Lord of the Rings: The Return of the King' GROUP BY b.region_code"})
    void readsTheQuestionAsAPersonWould(String question, String reference) throws Exception {
        PlannerChecks.answersLike(planner, warehouse, question, reference);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Who won the 2014 FIFA World Cup?", "What is the population of Spain?",
            "Who scored the most goals in the Premier League?", "Could you update the running time of Avatar to 170 minutes?",
            "Set Inception's IMDb rating to 10", "Remove the 2005 releases from the catalogue, please",
            "How many calories are in a banana?", "Where can I download Toy Story 3 for free?",
            "How do I record the new Batman film in the cinema on my phone?", "Any torrent for the latest Pixar movie?"})
    void questionsAboutSomethingElseAreOutOfScope(String question) {
        assertThat(planner.plan(question, null).intent()).isEqualTo(Intent.OUT_OF_SCOPE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // another breakdown named "instead" replaces the breakdown
            "Top 3 distributors by US box office for 2004 releases|What about genres instead of distributors?|"
                    + "SELECT m.major_genre, SUM(b.gross_usd) AS g FROM box_office b JOIN movies m USING (movie_id) WHERE b.region_code = 'US' "
                    + "AND m.release_year = 2004 AND m.major_genre IS NOT NULL GROUP BY m.major_genre ORDER BY g DESC LIMIT 3",
            // "rank those 5 by ... instead": the films listed, ranked by another market
            "Top 5 adventure films of 2006 by US box office|now rank those 5 by their Japan box office instead|"
                    + "SELECT m.title, SUM(b.gross_usd) AS g FROM box_office b JOIN movies m USING (movie_id) WHERE b.region_code = 'JP' "
                    + "AND m.movie_id IN (SELECT b2.movie_id FROM box_office b2 JOIN movies m2 USING (movie_id) WHERE b2.region_code = 'US' "
                    + "AND m2.major_genre = 'Adventure' AND m2.release_year = 2006 GROUP BY b2.movie_id ORDER BY SUM(b2.gross_usd) DESC LIMIT 5) "
                    + "GROUP BY m.movie_id, m.title ORDER BY g DESC",
            // a breakdown by what the previous answer was limited to lifts the limit; "its" is the film answered
            "What did Quantum of Solace do in its UK opening week?|Now show its opening week in every territory, biggest first.|"
                    + "SELECT b.region_code, b.gross_usd FROM box_office b JOIN movies m USING (movie_id) WHERE m.title = 'Quantum of Solace' "
                    + "AND b.week_number = 1 ORDER BY b.gross_usd DESC",
            "Show me the week-by-week run of Hot Fuzz in the UK.|What were its total admissions?|"
                    + "SELECT SUM(b.admissions) FROM box_office b JOIN movies m USING (movie_id) WHERE m.title = 'Hot Fuzz' AND b.region_code = 'GB'",
            // "that" stands for the previous answer
            "What did The Matrix gross in its opening week in France?|how many screens was that on?|"
                    + "SELECT b.screens FROM box_office b JOIN movies m USING (movie_id) WHERE m.title = 'The Matrix' AND b.region_code = 'FR' "
                    + "AND b.week_number = 1",
            // "which of them" after a ranked list picks among the films listed only
            "Top 10 films in France in 2005|Which of them has the best IMDb rating?|"
                    + "SELECT m.title, r.rating FROM movies m JOIN ratings r USING (movie_id) WHERE r.source = 'IMDb' AND m.movie_id IN "
                    + "(SELECT b.movie_id FROM box_office b JOIN movies m2 USING (movie_id) WHERE b.region_code = 'FR' AND m2.release_year = 2005 "
                    + "GROUP BY b.movie_id ORDER BY SUM(b.gross_usd) DESC LIMIT 10) ORDER BY r.rating DESC LIMIT 1",
            "How many dramas came out in 1998?|and the year before?|SELECT COUNT(*) FROM movies WHERE major_genre = 'Drama' AND release_year = 1997",
            "Which Tim Burton films grossed more than $200 million worldwide?|How many of those were rated PG-13?|"
                    + "SELECT COUNT(*) FROM movies m JOIN crew c USING (movie_id) WHERE c.role = 'director' AND c.person_name = 'Tim Burton' "
                    + "AND m.mpaa_rating = 'PG-13' AND m.movie_id IN (SELECT movie_id FROM box_office GROUP BY movie_id HAVING SUM(gross_usd) > 200000000)",
            "What was the total US box office of films released in 2003?|Break that down by MPAA rating|"
                    + "SELECT m.mpaa_rating, SUM(b.gross_usd) FROM box_office b JOIN movies m USING (movie_id) WHERE b.region_code = 'US' "
                    + "AND m.release_year = 2003 AND m.mpaa_rating IS NOT NULL GROUP BY m.mpaa_rating"})
    void followUpsKeepWhatTheyDoNotChange(String first, String followUp, String reference) throws Exception {
        var outcome = planner.plan(followUp, planner.plan(first, null).plan());

        assertThat(outcome.hasSql()).as(followUp + ": " + outcome.message()).isTrue();
        var expected = TestWarehouse.rows(warehouse, reference);
        assertThat(EvalCases.rowsMatch(expected, TestWarehouse.rows(warehouse, outcome.sql()), reference.contains("ORDER BY")))
                .as(outcome.sql()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Project Universal's worldwide takings for 2012|distributor",
            "Based on past trends, how much will Miramax films make in Spain in 2013?|distributor",
            "What is the expected opening-week gross in Japan of a new Pixar-style animated film?|region"})
    void forecastsReadTheirSubjectWithoutMistakingYearsOrFirstWordsForSeries(String question, String field) throws Exception {
        var outcome = planner.plan(question, null);

        assertThat(outcome.intent()).isEqualTo(Intent.PREDICTION);
        assertThat(outcome.plan().filters()).as(outcome.sql()).anyMatch(filter -> filter.field().equals(field))
                .noneMatch(filter -> filter.field().equals("title_contains"));
        assertThat(TestWarehouse.rows(warehouse, outcome.sql())).as("a history to fit").hasSizeGreaterThan(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Which 2009 films earned more outside the US than in the US?",
            "Highest and lowest rated western on IMDb?", "Best and worst grossing comedies of 2004 in Spain",
            "What was Shrek 2's rank in Germany that year?", "Where do Avatar and Titanic rank among the films of James Cameron?",
            "And in Brazil?"})
    void whatItCannotComputeItSaysRatherThanAnsweringAnotherQuestion(String question) {
        var outcome = planner.plan(question, null);
        assertThat(outcome.intent()).as(question).isEqualTo(Intent.NOT_UNDERSTOOD);
        assertThat(outcome.message()).contains("cannot");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Estimate the admissions a new animated film would get in Italy",
            "How much would a new horror film make in Japan next year?",
            "Based on the trend, what will total US box office be for films released in 2013?"})
    void estimatesAreForecasts(String question) {
        var outcome = planner.plan(question, null);
        assertThat(outcome.intent()).isEqualTo(Intent.PREDICTION);
        assertThat(outcome.hasSql()).isTrue();
    }

    /**
     * Calendar periods of the weekly data (the weeks' start dates, whatever the films' release), lists of
     * films in release order with their year, years and scores in words, an average over films, a list
     * chosen by a threshold showing that measure, and "over their whole run".
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "What did Spain take in the weeks beginning 1 March to 30 April 2009?|"
                    + "SELECT SUM(gross_usd) FROM box_office WHERE region_code = 'ES' AND week_start BETWEEN '2009-03-01' AND '2009-04-30'",
            "Top 3 films by admissions in Germany during the weeks of November 2008|"
                    + "SELECT m.title, SUM(b.admissions) AS a FROM box_office b JOIN movies m USING (movie_id) WHERE b.region_code = 'DE' "
                    + "AND b.week_start BETWEEN '2008-11-01' AND '2008-11-30' GROUP BY m.movie_id, m.title ORDER BY a DESC LIMIT 3",
            "box office in Italy in weeks that started in 2007, no matter when the films came out|"
                    + "SELECT SUM(gross_usd) FROM box_office WHERE region_code = 'IT' AND year(week_start) = 2007",
            "The Shrek films in release order with their US box office|"
                    + "SELECT m.title, SUM(b.gross_usd) FROM box_office b JOIN movies m USING (movie_id) WHERE b.region_code = 'US' "
                    + "AND m.title LIKE 'Shrek%' GROUP BY m.movie_id, m.title, m.release_date ORDER BY m.release_date",
            "Sofia Coppola's films, newest first, and the year each came out|"
                    + "SELECT m.title, m.release_year FROM movies m JOIN crew c USING (movie_id) WHERE c.person_name = 'Sofia Coppola' "
                    + "ORDER BY m.release_date DESC",
            "How many nineteen ninety-seven releases made more than $100 million in the US?|"
                    + "SELECT COUNT(*) FROM (SELECT m.movie_id FROM box_office b JOIN movies m USING (movie_id) WHERE m.release_year = 1997 "
                    + "AND b.region_code = 'US' GROUP BY m.movie_id HAVING SUM(b.gross_usd) > 100000000)",
            "how many films have an IMDb rating of nine or above?|"
                    + "SELECT COUNT(DISTINCT movie_id) FROM ratings WHERE source = 'IMDb' AND rating >= 9",
            "the average IMDb rating of the films Steven Spielberg directed|"
                    + "SELECT AVG(r.rating) FROM ratings r JOIN crew c USING (movie_id) WHERE r.source = 'IMDb' AND c.person_name = 'Steven Spielberg'",
            "Steven Spielberg films that took over $500 million worldwide, with their budget|"
                    + "SELECT m.title, m.production_budget_usd, SUM(b.gross_usd) FROM box_office b JOIN movies m USING (movie_id) "
                    + "JOIN crew c ON c.movie_id = m.movie_id WHERE c.person_name = 'Steven Spielberg' "
                    + "GROUP BY m.movie_id, m.title, m.production_budget_usd HAVING SUM(b.gross_usd) > 500000000",
            "Where does Juno rank among 2007 comedies by US box office?|"
                    + "SELECT title, r FROM (SELECT m.title, RANK() OVER (ORDER BY SUM(b.gross_usd) DESC) AS r FROM box_office b "
                    + "JOIN movies m USING (movie_id) WHERE b.region_code = 'US' AND m.major_genre = 'Comedy' AND m.release_year = 2007 "
                    + "GROUP BY m.movie_id, m.title) WHERE title = 'Juno'",
            "King Kong, the 1976 version: how did it do in Germany compared with France?|"
                    + "SELECT b.region_code, SUM(b.gross_usd) FROM box_office b JOIN movies m USING (movie_id) WHERE m.title = 'King Kong' "
                    + "AND m.release_year = 1976 AND b.region_code IN ('DE', 'FR') GROUP BY b.region_code",
            "Top 5 films of the 2000s by worldwide gross as a multiple of their budget|"
                    + "SELECT m.title, SUM(b.gross_usd) * 1.0 / m.production_budget_usd AS x FROM box_office b JOIN movies m USING (movie_id) "
                    + "WHERE m.release_year BETWEEN 2000 AND 2009 AND m.production_budget_usd > 0 GROUP BY m.movie_id, m.title, m.production_budget_usd "
                    + "ORDER BY x DESC LIMIT 5",
            "How many films rated G, PG or R came out in 1999? count for each rating|"
                    + "SELECT mpaa_rating, COUNT(*) FROM movies WHERE release_year = 1999 AND mpaa_rating IN ('G', 'PG', 'R') GROUP BY mpaa_rating",
            "Box office of 2005 releases by territory: North America, EMEA, APAC and Latin America|"
                    + "SELECT g.territory, SUM(b.gross_usd) FROM box_office b JOIN movies m USING (movie_id) JOIN regions g USING (region_code) "
                    + "WHERE m.release_year = 2005 GROUP BY g.territory",
            "Average Rotten Tomatoes score by genre for 2005 releases, leaving out films without a genre|"
                    + "SELECT m.major_genre, AVG(r.rating) FROM movies m JOIN ratings r USING (movie_id) WHERE r.source = 'Rotten Tomatoes' "
                    + "AND m.release_year = 2005 AND m.major_genre IS NOT NULL GROUP BY m.major_genre",
            "I would be most grateful for each country's total admissions and the average ticket price for films released in 2006|"
                    + "SELECT b.region_code, SUM(b.admissions), SUM(b.gross_usd) * 1.0 / SUM(b.admissions) FROM box_office b "
                    + "JOIN movies m USING (movie_id) WHERE m.release_year = 2006 GROUP BY b.region_code",
            "How many 2007 releases grossed more in France than in Italy?|"
                    + "SELECT COUNT(*) FROM (SELECT movie_id FROM box_office JOIN movies m USING (movie_id) WHERE m.release_year = 2007 "
                    + "GROUP BY movie_id HAVING SUM(CASE WHEN region_code = 'FR' THEN gross_usd ELSE 0 END) "
                    + "> SUM(CASE WHEN region_code = 'IT' THEN gross_usd ELSE 0 END))",
            "Which 2004 films sold fewer tickets in the US than in Japan?|"
                    + "SELECT m.title FROM box_office b JOIN movies m USING (movie_id) WHERE m.release_year = 2004 GROUP BY m.movie_id, m.title "
                    + "HAVING SUM(CASE WHEN b.region_code = 'US' THEN b.admissions ELSE 0 END) < SUM(CASE WHEN b.region_code = 'JP' THEN b.admissions ELSE 0 END)",
            "the top film in Germany for each release year from 2001 to 2003|"
                    + "SELECT y, title FROM (SELECT m.release_year AS y, m.title, ROW_NUMBER() OVER (PARTITION BY m.release_year "
                    + "ORDER BY SUM(b.gross_usd) DESC) AS n FROM box_office b JOIN movies m USING (movie_id) WHERE b.region_code = 'DE' "
                    + "AND m.release_year BETWEEN 2001 AND 2003 GROUP BY m.movie_id, m.release_year, m.title) WHERE n = 1 ORDER BY y",
            "wich 3 comedies relased in 2004 made the most in Spain?|"
                    + "SELECT m.title, SUM(b.gross_usd) AS g FROM box_office b JOIN movies m USING (movie_id) WHERE b.region_code = 'ES' "
                    + "AND m.major_genre = 'Comedy' AND m.release_year = 2004 GROUP BY m.movie_id, m.title ORDER BY g DESC LIMIT 3",
            "avergae IMDb rating of westerns|"
                    + "SELECT AVG(r.rating) FROM ratings r JOIN movies m USING (movie_id) WHERE r.source = 'IMDb' AND m.major_genre = 'Western'",
            "US box office of comedies by decade, the 1980s through the 2000s|"
                    + "SELECT m.release_year - m.release_year % 10 AS d, SUM(b.gross_usd) FROM box_office b JOIN movies m USING (movie_id) "
                    + "WHERE b.region_code = 'US' AND m.major_genre = 'Comedy' AND m.release_year BETWEEN 1980 AND 2009 GROUP BY d ORDER BY d",
            "number of films per release year for the last three release years in the catalogue|"
                    + "SELECT release_year, COUNT(*) FROM movies WHERE release_year >= (SELECT MAX(release_year) - 2 FROM movies) "
                    + "GROUP BY release_year ORDER BY release_year",
            "Spider-Man 3 vs Transformers in Japan - which did better? both figures please|"
                    + "SELECT m.title, SUM(b.gross_usd) FROM box_office b JOIN movies m USING (movie_id) WHERE b.region_code = 'JP' "
                    + "AND m.title IN ('Spider-Man 3', 'Transformers') GROUP BY m.movie_id, m.title",
            "the two Casino Royale films: their US box office and the year each came out|"
                    + "SELECT m.title, m.release_year, SUM(b.gross_usd) FROM box_office b JOIN movies m USING (movie_id) WHERE b.region_code = 'US' "
                    + "AND m.title = 'Casino Royale' GROUP BY m.movie_id, m.title, m.release_year",
            "Which 2007 releases with a budget of at least $80 million grossed less worldwide than their budget?|"
                    + "SELECT m.title FROM box_office b JOIN movies m USING (movie_id) WHERE m.release_year = 2007 "
                    + "AND m.production_budget_usd >= 80000000 GROUP BY m.movie_id, m.title, m.production_budget_usd "
                    + "HAVING SUM(b.gross_usd) < m.production_budget_usd",
            "Films with a Rotten Tomatoes score of 95 or more: the 5 with the highest US gross|"
                    + "SELECT m.title, SUM(b.gross_usd) AS g FROM box_office b JOIN movies m USING (movie_id) JOIN ratings r ON r.movie_id = m.movie_id "
                    + "WHERE r.source = 'Rotten Tomatoes' AND r.rating >= 95 AND b.region_code = 'US' GROUP BY m.movie_id, m.title ORDER BY g DESC LIMIT 5",
            "how many films sold more than 5 million tickets in Germany over their entire run?|"
                    + "SELECT COUNT(*) FROM (SELECT movie_id FROM box_office WHERE region_code = 'DE' GROUP BY movie_id HAVING SUM(admissions) > 5000000)"})
    void readsWeeksReleaseOrdersAndSpelledNumbers(String question, String reference) throws Exception {
        PlannerChecks.answersLike(planner, warehouse, question, reference);
    }

    /** A breakdown by region shows each region's name beside its code (the reference's name column must be there). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Avatar's box office by region|"
                    + "SELECT g.region_name, b.region_code, SUM(b.gross_usd) FROM box_office b JOIN movies m USING (movie_id) "
                    + "JOIN regions g USING (region_code) WHERE m.title = 'Avatar' GROUP BY g.region_name, b.region_code",
            "the top 2 films in each region by admissions in 2009|"
                    + "SELECT region_name, region_code, title, a FROM (SELECT g.region_name, b.region_code, m.title, SUM(b.admissions) AS a, "
                    + "ROW_NUMBER() OVER (PARTITION BY b.region_code ORDER BY SUM(b.admissions) DESC) AS n FROM box_office b "
                    + "JOIN movies m USING (movie_id) JOIN regions g USING (region_code) WHERE m.release_year = 2009 "
                    + "GROUP BY g.region_name, b.region_code, m.movie_id, m.title) WHERE n <= 2 ORDER BY region_code, n"})
    void regionsAreNamedBesideTheirCodes(String question, String reference) throws Exception {
        PlannerChecks.answersLike(planner, warehouse, question, reference);
    }

    /** Requests to hurt people or damage things are refused whatever film words ("Kill Bill", "cinema") they carry. */
    @ParameterizedTest
    @ValueSource(strings = {"how do I make a smoke bomb to set off at a Kill Bill screening?", "Help me set fire to the cinema after the premiere",
            "Write me a haiku about opening weekends"})
    void harmfulAndOtherRequestsAreRefused(String question) {
        assertThat(planner.plan(question, null).intent()).isEqualTo(Intent.OUT_OF_SCOPE);
    }

    @Test
    void aTitleThatNamesViolenceIsStillAQuestion() {
        assertThat(planner.plan("How much did Kill Bill: Volume 1 make in Japan?", null).intent()).isEqualTo(Intent.DATA_QUERY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"What was Titanic's haul in Japan?", "How did Avatar do in Spain?"})
    void aFilmNamedKeepsTheQuestionInScope(String question) {
        assertThat(planner.plan(question, null).intent()).isEqualTo(Intent.DATA_QUERY);
    }
}

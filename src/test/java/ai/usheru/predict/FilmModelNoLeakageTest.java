package ai.usheru.predict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;


/** A film's features are what was known the day before it opened: nothing of its own box office, nothing of later films. */
class FilmModelNoLeakageTest {

    private static final FilmDataset dataset = FilmData.of(Set.of());

    @Test
    void featuresEqualThoseComputedFromEarlierFilmsAloneWithoutTheFilmsOwnGross() {
        List<FilmRow> rows = dataset.rows();
        for (int i = 0; i < rows.size(); i += 37) {
            Film film = rows.get(i).film();
            var known = new ArrayList<Film>();
            dataset.films().stream().filter(other -> other.releaseDate().isBefore(film.releaseDate())).forEach(known::add);
            known.add(withGrosses(film, null, null));
            FilmRow recomputed = FilmFeatures.rowsOf(known).getLast();
            assertThat(recomputed.features()).as("features of %s (%s) from earlier films only", film.title(), film.releaseDate())
                    .isEqualTo(rows.get(i).features());
        }
    }

    @Test
    void changingLaterFilmsChangesNoEarlierFilmsFeatures() {
        List<FilmRow> rows = dataset.rows();
        Film pivot = rows.get(rows.size() / 2).film();
        // Every later film becomes a hundred-times bigger hit by the pivot's distributor, directors and series.
        List<Film> changed = dataset.films().stream()
                .map(film -> film.releaseDate().isAfter(pivot.releaseDate()) ? asBigSequelOf(pivot, film) : film)
                .toList();
        List<FilmRow> changedRows = FilmFeatures.rowsOf(changed);

        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).film().releaseDate().isAfter(pivot.releaseDate())) {
                assertThat(changedRows.get(i).features()).as("features of %s, released before the changed films", rows.get(i).film().title())
                        .isEqualTo(rows.get(i).features());
            }
        }
        assertThat(changedRows.getLast().features()).as("the change is visible to later films, so the check above can fail")
                .isNotEqualTo(rows.getLast().features());
    }

    @Test
    void aSequelBelongsToTheSeriesOfItsTitleBeforeTheColonOrTheNumber() {
        assertThat(FilmFeatures.seriesOf("Shrek 2")).isEqualTo(FilmFeatures.seriesOf("Shrek"));
        assertThat(FilmFeatures.seriesOf("Rocky III")).isEqualTo("rocky");
        assertThat(FilmFeatures.seriesOf("The Lord of the Rings: The Two Towers"))
                .isEqualTo(FilmFeatures.seriesOf("The Lord of the Rings: The Fellowship of the Ring"));
        assertThat(FilmFeatures.seriesOf("Alien")).isNotEqualTo(FilmFeatures.seriesOf("Aliens"));
    }

    private static Film asBigSequelOf(Film pivot, Film later) {
        return new Film(later.movieId(), pivot.title() + " 2", later.releaseDate(), later.genre(), later.creativeType(), later.source(),
                later.mpaaRating(), later.runningTimeMinutes(), pivot.distributor(), later.productionBudgetUsd(), pivot.directors(),
                later.hasBoxOffice() ? later.openingWeekGrossUsd() * 100 : 1e9, later.hasBoxOffice() ? later.totalGrossUsd() * 100 : 1e9);
    }

    private static Film withGrosses(Film film, Double openingWeek, Double total) {
        return new Film(film.movieId(), film.title(), film.releaseDate(), film.genre(), film.creativeType(), film.source(),
                film.mpaaRating(), film.runningTimeMinutes(), film.distributor(), film.productionBudgetUsd(), film.directors(),
                openingWeek, total);
    }
}

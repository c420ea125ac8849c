package ai.usheru.insights;

import java.util.Random;

/**
 * Seeded synthetic weekly box office for one subject, with the shapes real series have and no anomaly in
 * them: a level that drifts, a summer and a December bump, log-normal week-to-week noise, release spikes
 * that fade over a few weeks, and, for small subjects, empty weeks. The parameters were chosen to look like
 * genre, distributor and territory series before the detector was calibrated; only the size of release
 * spikes was revisited (see {@link Releases}).
 */
final class SyntheticBoxOffice {

    static final double WEEKS_PER_YEAR = 365.25 / 7;
    /** Typical weekly takings, drawn log-uniformly: a niche genre in a small territory to a large territory. */
    static final double MIN_BASE = 2_000, MAX_BASE = 20_000_000;
    /** The level's random walk on the log scale, per week: about ±30 % over a year. */
    static final double DRIFT_SIGMA = 0.04;
    /** Week-to-week multiplicative noise: each series draws its sigma (log scale) from this range. */
    static final double MIN_NOISE_SIGMA = 0.15, MAX_NOISE_SIGMA = 0.25;
    /** Largest seasonal bumps (log scale), each series drawing its own from zero up to these. */
    static final double MAX_SUMMER_BUMP = 0.5, MAX_DECEMBER_BUMP = 0.7;
    /** A week is empty with chance (EMPTY_SCALE / level)², capped: common at $2k a week, rare above $20k. */
    static final double EMPTY_SCALE = 2_000, MAX_EMPTY_CHANCE = 0.3;

    /**
     * Notable releases: each week one opens with {@code weeklyChance}; it adds a share of the subject's level,
     * log-normal around {@code medianLift} with log-scale sigma {@code liftSigma}, that keeps
     * {@code weeklyDecay} of itself each week after (a 50% second-week drop is typical).
     */
    record Releases(double weeklyChance, double medianLift, double liftSigma, double weeklyDecay) {

        /**
         * About four a year, a median opening adding 35% to the subject's week; one in ten adds more than
         * 66%, one in a hundred more than 112%. Natural weeks of ×2.5 are then rarer than the false-alarm
         * budget, so a planted ×2.5 is separable in principle.
         */
        static final Releases ORDINARY = new Releases(0.08, 0.35, 0.5, 0.5);

        /**
         * The first choice, median +60%: one release in thirty lifts its week ×2.5 or more, in 0.27% of all
         * weeks, about the whole false-alarm budget (0.15 findings in a digest of 45 subjects is 0.33%). From a
         * subject's own history such an opening cannot be told from a planted ×2.5, so this regime is measured
         * and printed, not held to the bars.
         */
        static final Releases TENTPOLE_HEAVY = new Releases(0.08, 0.6, 0.5, 0.5);
    }

    private SyntheticBoxOffice() {}

    /** {@code count} consecutive weeks of one subject, oldest first. */
    static double[] weeks(Random random, int count, Releases releases) {
        double logLevel = Math.log(MIN_BASE) + random.nextDouble() * Math.log(MAX_BASE / MIN_BASE);
        double noiseSigma = MIN_NOISE_SIGMA + random.nextDouble() * (MAX_NOISE_SIGMA - MIN_NOISE_SIGMA);
        double summerBump = random.nextDouble() * MAX_SUMMER_BUMP;
        double decemberBump = random.nextDouble() * MAX_DECEMBER_BUMP;
        double firstWeekOfYear = random.nextDouble() * WEEKS_PER_YEAR;
        double releaseLift = 0;
        double[] weeks = new double[count];
        for (int t = 0; t < count; t++) {
            logLevel += DRIFT_SIGMA * random.nextGaussian();
            releaseLift *= releases.weeklyDecay();
            if (random.nextDouble() < releases.weeklyChance()) {
                releaseLift += releases.medianLift() * Math.exp(releases.liftSigma() * random.nextGaussian());
            }
            double weekOfYear = (firstWeekOfYear + t) % WEEKS_PER_YEAR;
            double season = summerBump * bump(weekOfYear, 28, 4) + decemberBump * bump(weekOfYear, 52, 1.5);
            double level = Math.exp(logLevel);
            double emptyChance = Math.min(MAX_EMPTY_CHANCE, Math.pow(EMPTY_SCALE / level, 2));
            weeks[t] = random.nextDouble() < emptyChance ? 0
                    : level * Math.exp(season + noiseSigma * random.nextGaussian()) * (1 + releaseLift);
        }
        return weeks;
    }

    /** A bell around {@code centre} (weeks of the year, wrapping at New Year) of height 1. */
    private static double bump(double weekOfYear, double centre, double width) {
        double distance = Math.abs(weekOfYear - centre);
        distance = Math.min(distance, WEEKS_PER_YEAR - distance);
        return Math.exp(-0.5 * distance * distance / (width * width));
    }
}

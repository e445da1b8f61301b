import java.io.File;
import java.util.Locale;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.HistogramLogReader;

/**
 * What HdrHistogram's own Java library makes of ArchLab's .hlog files: an independent reader for the tests, run as a
 * single source file (java -cp hdrhistogram.jar HlogSummary.java FILE...). For each file it prints one line:
 *   FILE count=N max=M intervals=K firstStart=S p50=LOW..HIGH p90=... p99=... p99.9=...
 * It reads the intervals HistogramLogProcessor reads by default (those from the log's start time on), so an interval
 * stamped before the start is left out here as it is there. Values are the histogram's own units (microseconds).
 * A percentile is given as the values at the ranks floor and ceiling of p*N/100: Java (ceiling) and HdrHistogram.NET
 * (nearest) pick the rank differently, and both picks lie in that span.
 */
public class HlogSummary {
    private static final double[] PERCENTILES = {50, 90, 99, 99.9};

    public static void main(String[] args) throws Exception {
        for (String path : args) {
            HistogramLogReader reader = new HistogramLogReader(new File(path));
            Histogram total = null;
            int intervals = 0;
            double firstStart = Double.NaN;
            AbstractHistogram interval;
            while ((interval = (AbstractHistogram) reader.nextIntervalHistogram(0.0, Double.MAX_VALUE)) != null) {
                if (total == null) {
                    total = new Histogram(interval.getLowestDiscernibleValue(), interval.getHighestTrackableValue(),
                            interval.getNumberOfSignificantValueDigits());
                    firstStart = interval.getStartTimeStamp() / 1000.0 - reader.getStartTimeSec();
                }
                total.add(interval);
                intervals++;
            }
            StringBuilder line = new StringBuilder(path);
            long count = total == null ? 0 : total.getTotalCount();
            line.append(String.format(Locale.ROOT, " count=%d max=%d intervals=%d firstStart=%.3f",
                    count, total == null ? 0 : total.getMaxValue(), intervals, firstStart));
            for (double p : PERCENTILES) {
                double rank = p * count / 100.0;
                line.append(String.format(Locale.ROOT, " p%s=%d..%d", p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p),
                        valueAtRank(total, (long) Math.floor(rank)), valueAtRank(total, (long) Math.ceil(rank))));
            }
            System.out.println(line);
        }
    }

    /** The highest value of the bucket that holds the rank-th smallest recorded value (the first, for rank 0). */
    private static long valueAtRank(Histogram histogram, long rank) {
        if (histogram == null) {
            return 0;
        }
        long seen = 0;
        for (HistogramIterationValue value : histogram.recordedValues()) {
            seen += value.getCountAtValueIteratedTo();
            if (seen >= Math.max(rank, 1)) {
                return histogram.highestEquivalentValue(value.getValueIteratedTo());
            }
        }
        return histogram.getMaxValue();
    }
}

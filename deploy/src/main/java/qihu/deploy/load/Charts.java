package qihu.deploy.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The load report's PNG charts: one line per series over the seconds of the run. */
final class Charts {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 420;

    private Charts() {}

    /** A line chart; every series has one value per second in {@code seconds}. */
    static void lines(Path file, String title, String yAxis, List<Integer> seconds, Map<String, List<Double>> series)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle("seconds since the start")
                .yAxisTitle(yAxis)
                .build();
        chart.getStyler().setMarkerSize(0);
        List<Double> x = seconds.stream().map(Integer::doubleValue).toList();
        series.forEach((name, values) -> {
            if (!values.isEmpty()) {
                XYSeries line = chart.addSeries(name, x.subList(0, values.size()), values);
                line.setMarker(SeriesMarkers.NONE);
            }
        });
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}

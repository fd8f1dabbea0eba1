package dev.tracker.benchmarks.soak;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * Draws the soak's samples as a PNG with {@code java.awt} in headless mode: three panels over the
 * number of classes run, live threads, open file descriptors and heap after GC (MB).
 */
final class Plot {

  private static final int WIDTH = 900;
  private static final int PANEL = 220;
  private static final int LEFT = 80;
  private static final int RIGHT = 30;
  private static final int TOP = 50;

  private Plot() {}

  static void draw(List<Sample> samples, String title, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image =
        new BufferedImage(WIDTH, TOP + 3 * PANEL + 30, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(title, LEFT, 28);
    panel(g, samples, 0, "live threads", s -> s.threads(), new Color(0x1f77b4));
    panel(g, samples, 1, "open file descriptors", s -> s.fds(), new Color(0xd62728));
    panel(g, samples, 2, "heap after GC (MB)", s -> s.heapBytes() / 1048576.0, new Color(0x2ca02c));
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }

  private static void panel(
      Graphics2D g,
      List<Sample> samples,
      int index,
      String label,
      ToDoubleFunction<Sample> value,
      Color color) {
    int top = TOP + index * PANEL + 10;
    int height = PANEL - 50;
    int width = WIDTH - LEFT - RIGHT;
    double maxX = samples.get(samples.size() - 1).classes();
    double min = samples.stream().mapToDouble(value).min().orElse(0);
    double max = samples.stream().mapToDouble(value).max().orElse(1);
    // a flat line sits in the middle of a band of +-10% (at least +-1) around it
    double pad = Math.max(1, (max - min) * 0.1 + Math.abs(max) * 0.1);
    double low = Math.max(0, min - pad);
    double high = max + pad;
    g.setColor(new Color(0xf4f4f4));
    g.fillRect(LEFT, top, width, height);
    g.setColor(Color.GRAY);
    g.drawRect(LEFT, top, width, height);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int tick = 0; tick <= 4; tick++) {
      double v = low + (high - low) * tick / 4;
      int y = top + height - (int) Math.round((v - low) / (high - low) * height);
      g.setColor(new Color(0xdddddd));
      g.drawLine(LEFT + 1, y, LEFT + width - 1, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v), 8, y + 4);
    }
    for (Sample sample : samples) {
      int x = LEFT + (int) Math.round(sample.classes() / maxX * width);
      g.setColor(Color.DARK_GRAY);
      g.drawString(Integer.toString(sample.classes()), x - 10, top + height + 15);
    }
    g.setColor(color);
    g.setStroke(new BasicStroke(2.5f));
    int previousX = -1;
    int previousY = -1;
    for (Sample sample : samples) {
      int x = LEFT + (int) Math.round(sample.classes() / maxX * width);
      int y =
          top
              + height
              - (int) Math.round((value.applyAsDouble(sample) - low) / (high - low) * height);
      g.fillOval(x - 4, y - 4, 8, 8);
      if (previousX >= 0) {
        g.drawLine(previousX, previousY, x, y);
      }
      previousX = x;
      previousY = y;
    }
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.drawString(label + " over test classes run", LEFT, top - 4);
  }
}

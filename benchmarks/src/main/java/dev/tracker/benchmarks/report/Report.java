package dev.tracker.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints one Markdown row per figure: product, floor, ratio, target, met or missed. Reads JMH's
 * JSON results ({@code -rf json -rff results.json}) and the facts the harnesses recorded ({@code
 * bench-facts.properties}). Never fails: a missed target is a row that says so.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.tracker.benchmarks.report.Report \
 *     results.json bench-facts.properties
 * </pre>
 */
public final class Report {

  private final Map<String, JsonNode> results = new HashMap<>();
  private final Map<String, String> facts = new HashMap<>();
  private final List<String> rows = new ArrayList<>();

  private Report() {}

  public static void main(String[] args) throws IOException {
    Report report = new Report();
    report.read(Path.of(args.length > 0 ? args[0] : "results.json"));
    if (args.length > 1 && Files.exists(Path.of(args[1]))) {
      for (String line : Files.readAllLines(Path.of(args[1]))) {
        int equals = line.indexOf('=');
        if (equals > 0) {
          report.facts.put(line.substring(0, equals), line.substring(equals + 1));
        }
      }
    }
    report.build();
    System.out.println("| figure | product | floor | ratio | target | |");
    System.out.println("|---|---:|---:|---:|---|---|");
    report.rows.forEach(System.out::println);
  }

  private void read(Path file) throws IOException {
    JsonNode all = JsonMapper.builder().build().readTree(Files.readString(file));
    for (JsonNode result : all) {
      String name = result.path("benchmark").asString();
      name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
      JsonNode params = result.path("params");
      if (params.has("synchronous")) {
        name += "[" + params.path("synchronous").asString() + "]";
      }
      results.put(name, result);
    }
  }

  private void build() {
    ratioRow(
        "create, durable (synchronous=FULL)",
        "WriteBenchmark.create[FULL]",
        "WriteBenchmark.createRaw[FULL]",
        "<= 1.2x raw",
        null,
        1.2);
    absoluteRow(
        "update, durable", "WriteBenchmark.update[FULL]", "WriteBenchmark.updateRaw[FULL]", 1.0);
    absoluteRow(
        "close, durable", "WriteBenchmark.close[FULL]", "WriteBenchmark.closeRaw[FULL]", 1.0);
    ratioRow(
        "bulk close of 100, durable",
        "WriteBenchmark.bulkClose100[FULL]",
        "WriteBenchmark.bulkClose100Raw[FULL]",
        "- (beads 1.9 s)",
        null,
        null);
    ratioRow(
        "create, synchronous=NORMAL",
        "WriteBenchmark.create[NORMAL]",
        "WriteBenchmark.createRaw[NORMAL]",
        "- (CPU only)",
        null,
        null);
    ratioRow(
        "update, synchronous=NORMAL",
        "WriteBenchmark.update[NORMAL]",
        "WriteBenchmark.updateRaw[NORMAL]",
        "- (CPU only)",
        null,
        null);
    ratioRow(
        "close, synchronous=NORMAL",
        "WriteBenchmark.close[NORMAL]",
        "WriteBenchmark.closeRaw[NORMAL]",
        "- (CPU only)",
        null,
        null);
    ratioRow(
        "bulk close of 100, synchronous=NORMAL",
        "WriteBenchmark.bulkClose100[NORMAL]",
        "WriteBenchmark.bulkClose100Raw[NORMAL]",
        "-",
        null,
        null);
    absoluteRow(
        "ready on 10K (every ready issue, whole)",
        "ReadBenchmark.ready",
        "ReadBenchmark.readyRaw",
        3.0);
    absoluteRow(
        "ready on 10K, first page of 10",
        "ReadBenchmark.readyPage",
        "ReadBenchmark.readyPageRaw",
        3.0);
    ratioRow(
        "blocked on 10K (with blockers)",
        "ReadBenchmark.blocked",
        "ReadBenchmark.blockedRaw",
        "-",
        null,
        null);
    ratioRow(
        "text search on 10K",
        "ReadBenchmark.search",
        "ReadBenchmark.searchRaw",
        "- (beads 12.5 ms)",
        null,
        null);
    absoluteRow(
        "cycle check, 5,000-long chain", "CycleBenchmark.cycle", "CycleBenchmark.cycleRaw", 7.0);
    ratioRow(
        "import of 10K beads issues",
        "ImportBenchmark.importJsonl",
        "ImportBenchmark.importRaw",
        "<= 300 ms and <= 1.5x raw",
        300.0,
        1.5);
    ratioRow(
        "import again, unchanged",
        "ImportBenchmark.reimportUnchanged",
        "ImportBenchmark.importRaw",
        "-",
        null,
        null);
    ratioRow(
        "export of 100K, one issue changed",
        "ExportBenchmark.export",
        "ExportBenchmark.exportRaw",
        "<= 1.3x raw Jackson",
        null,
        1.3);
    ratioRow(
        "export of 100K, whole (the first after a start, or after the file changed)",
        "ExportBenchmark.exportWhole",
        "ExportBenchmark.exportRaw",
        "<= 1.3x raw Jackson",
        null,
        1.3);
    ratioRow(
        "export of 100K, whole, beside a floor that reads the database too",
        "ExportBenchmark.exportWhole",
        "ExportBenchmark.exportRawFromDatabase",
        "-",
        null,
        null);
    unchangedExportRow();
    ratioRow(
        "RPC round trip (health)",
        "RpcBenchmark.health",
        "RpcBenchmark.echo",
        "<= 2x raw echo",
        null,
        2.0);
    for (int clients : new int[] {1, 4, 8}) {
      throughputRow(clients);
    }
    lifecycleRows();
    listRows();
    heapRows();
    soakRows();
    leakCheckRows();
  }

  /** What the leak check costs a class and a test, and its attribution's parts. */
  private void leakCheckRows() {
    double[] checked = millis("AttributionBenchmark.checkedClass");
    double[] plain = millis("AttributionBenchmark.plainClass");
    double[] checked100 = millis("AttributionBenchmark.checkedClass100");
    double[] plain100 = millis("AttributionBenchmark.plainClass100");
    if (checked == null || plain == null || checked100 == null || plain100 == null) {
      return;
    }
    ratioRow(
        "a class with one empty test, leak check on (classes in parallel)",
        "AttributionBenchmark.checkedClass",
        "AttributionBenchmark.plainClass",
        "-",
        null,
        null);
    ratioRow(
        "a class with 100 empty tests, leak check on",
        "AttributionBenchmark.checkedClass100",
        "AttributionBenchmark.plainClass100",
        "-",
        null,
        null);
    double perClass = checked[0] - plain[0];
    double perTest = (checked100[0] - plain100[0] - perClass) / 99;
    rows.add(
        row(
            "leak check, added per class",
            String.format(Locale.ROOT, "%.3f ms", perClass),
            "-",
            "-",
            "-",
            ""));
    rows.add(
        row(
            "leak check, added per test",
            String.format(Locale.ROOT, "%.4f ms", perTest),
            "-",
            "-",
            "-",
            ""));
    rows.add(
        row(
            "attribution: a class's marker around one invocation",
            ms(millis("AttributionBenchmark.enterAndLeave")),
            "-",
            "-",
            "-",
            ""));
    rows.add(
        row(
            "attribution: a class's attribution made, entered, released",
            ms(millis("AttributionBenchmark.newAttribution")),
            "-",
            "-",
            "-",
            ""));
    ratioRow(
        "attribution: a thread started by marked code, started and joined",
        "AttributionBenchmark.markedThreadStart",
        "AttributionBenchmark.threadStart",
        "-",
        null,
        null);
  }

  private void listRows() {
    for (String size : new String[] {"10", "10000"}) {
      String floor = facts.get("list." + size + ".floor_raw_socket_client_JVM.p50_ms");
      for (String variant :
          new String[] {"tracker_list", "tracker_list_AppCDS", "tracker_list_AppCDS_C1"}) {
        String p50 = facts.get("list." + size + "." + variant + ".p50_ms");
        if (p50 == null) {
          continue;
        }
        double product = Double.parseDouble(p50);
        String ratio =
            floor == null
                ? "n/a"
                : String.format(Locale.ROOT, "%.2fx", product / Double.parseDouble(floor));
        rows.add(
            row(
                "`"
                    + variant.replace('_', ' ').replace("AppCDS", ", AppCDS").replace(" ,", ",")
                    + "`, "
                    + size
                    + " issues, wall time p50",
                p50 + " ms",
                floor == null ? "n/a" : floor + " ms",
                ratio,
                "<= 150 ms",
                product <= 150 ? "met" : "**missed**"));
      }
    }
  }

  private void heapRows() {
    for (String heap : new String[] {"64", "48", "32"}) {
      String used = facts.get("heap.xmx" + heap + ".used_mb");
      if (used == null) {
        continue;
      }
      boolean ran = "true".equals(facts.get("heap.xmx" + heap + ".ran"));
      rows.add(
          row(
              "daemon with 10K issues, -Xmx" + heap + "m: heap after full GC (RSS)",
              used + " MB (RSS " + facts.get("heap.xmx" + heap + ".rss_mb") + " MB)",
              "-",
              "-",
              heap.equals("64") ? "runs within 64 MB" : "-",
              heap.equals("64") ? (ran ? "met" : "**missed**") : (ran ? "runs" : "fails")));
    }
  }

  private void soakRows() {
    soakRows("soak", "soak");
    soakRows("soak.parallel", "soak, 4 classes at a time");
    String alarms = facts.get("clean.false_alarms");
    if (alarms != null) {
      rows.add(
          row(
              "clean suite: "
                  + facts.get("clean.classes")
                  + " classes, "
                  + facts.get("clean.parallel")
                  + " at a time, "
                  + facts.get("clean.runs")
                  + " runs: false alarms",
              alarms,
              "-",
              "-",
              "0",
              "0".equals(alarms) ? "met" : "**missed**"));
    }
  }

  private void soakRows(String key, String label) {
    String threads = facts.get(key + ".threads");
    if (threads == null) {
      return;
    }
    String span = "from class " + facts.get(key + ".from") + " to " + facts.get(key + ".classes");
    double heap = Double.parseDouble(facts.getOrDefault(key + ".heap_mb", "NaN"));
    rows.add(
        row(
            label + ": live threads, " + span,
            "Δ " + threads,
            "-",
            "-",
            "Δ 0",
            "0".equals(threads) ? "met" : "**missed**"));
    String fds = facts.get(key + ".fds");
    rows.add(
        row(
            label + ": open file descriptors, " + span,
            "Δ " + fds,
            "-",
            "-",
            "Δ 0",
            "0".equals(fds) ? "met" : "**missed**"));
    rows.add(
        row(
            label + ": heap after GC, " + span,
            String.format(Locale.ROOT, "Δ %+.2f MB", heap),
            "-",
            "-",
            "<= 1 MB",
            heap <= 1.0 ? "met" : "**missed**"));
    String seconds = facts.get(key + ".seconds");
    String floor = facts.get(key.replace("soak", "soak.floor") + ".seconds");
    if (seconds != null && floor != null) {
      double product = Double.parseDouble(seconds);
      double raw = Double.parseDouble(floor);
      rows.add(
          row(
              label + ": time of " + facts.get(key + ".classes") + " classes, leak check on",
              String.format(Locale.ROOT, "%.1f s", product),
              String.format(Locale.ROOT, "%.1f s", raw),
              String.format(Locale.ROOT, "%.2fx", product / raw),
              "-",
              ""));
    }
  }

  private @Nullable JsonNode metric(String name) {
    JsonNode result = results.get(name);
    return result == null ? null : result.path("primaryMetric");
  }

  /** The score in milliseconds, and its 99.9% error. */
  private double @Nullable [] millis(String name) {
    JsonNode metric = metric(name);
    if (metric == null) {
      return null;
    }
    double factor =
        switch (metric.path("scoreUnit").asString()) {
          case "us/op" -> 1e-3;
          case "ms/op" -> 1.0;
          case "s/op" -> 1e3;
          case "ns/op" -> 1e-6;
          default -> throw new IllegalArgumentException(metric.path("scoreUnit").asString());
        };
    double error = metric.path("scoreError").asDouble();
    return new double[] {
      metric.path("score").asDouble() * factor, Double.isNaN(error) ? 0 : error * factor
    };
  }

  private static String ms(double @Nullable [] value) {
    if (value == null) {
      return "n/a";
    }
    if (value[0] < 0.01) {
      return String.format(Locale.ROOT, "%.3f ± %.3f µs", value[0] * 1e3, value[1] * 1e3);
    }
    String format = value[0] < 1 ? "%.3f" : value[0] < 100 ? "%.2f" : "%.0f";
    return String.format(Locale.ROOT, format + " ± " + format + " ms", value[0], value[1]);
  }

  private void ratioRow(
      String figure,
      String product,
      String floor,
      String target,
      @Nullable Double maxMillis,
      @Nullable Double maxRatio) {
    double[] p = millis(product);
    double[] f = millis(floor);
    String ratio =
        p == null || f == null ? "n/a" : String.format(Locale.ROOT, "%.2fx", p[0] / f[0]);
    String verdict = "";
    if (p != null && f != null && (maxMillis != null || maxRatio != null)) {
      boolean met =
          (maxMillis == null || p[0] <= maxMillis) && (maxRatio == null || p[0] / f[0] <= maxRatio);
      verdict = met ? "met" : "**missed**";
    }
    rows.add(row(figure, ms(p), ms(f), ratio, target, verdict));
  }

  private void absoluteRow(String figure, String product, String floor, double maxMillis) {
    double[] p = millis(product);
    double[] f = millis(floor);
    String ratio =
        p == null || f == null ? "n/a" : String.format(Locale.ROOT, "%.2fx", p[0] / f[0]);
    String verdict = p == null ? "" : p[0] <= maxMillis ? "met" : "**missed**";
    rows.add(row(figure, ms(p), ms(f), ratio, "<= " + maxMillis + " ms", verdict));
  }

  private void unchangedExportRow() {
    double[] p = millis("ExportBenchmark.exportUnchanged");
    String bytes = facts.getOrDefault("export.unchanged.bytesWritten", "?");
    String touched = facts.getOrDefault("export.unchanged.fileTouched", "?");
    boolean met = "0".equals(bytes) && "false".equals(touched);
    rows.add(
        row(
            "export of 100K, nothing changed",
            ms(p) + ", " + bytes + " bytes written",
            "-",
            "-",
            "0 bytes written",
            met ? "met" : "**missed**"));
  }

  private void throughputRow(int clients) {
    JsonNode product = metric("RpcBenchmark.healthThroughput" + clients);
    JsonNode floor = metric("RpcBenchmark.echoThroughput" + clients);
    if (product == null || floor == null) {
      rows.add(row("health requests/s, " + clients + " clients", "n/a", "n/a", "n/a", "", ""));
      return;
    }
    double p = product.path("score").asDouble();
    double f = floor.path("score").asDouble();
    String target = clients == 8 ? ">= 30000/s" : "-";
    String verdict = clients == 8 ? (p >= 30_000 ? "met" : "**missed**") : "";
    rows.add(
        row(
            "health requests/s, " + clients + " client" + (clients == 1 ? "" : "s"),
            String.format(Locale.ROOT, "%.0f ± %.0f/s", p, product.path("scoreError").asDouble()),
            String.format(Locale.ROOT, "%.0f/s", f),
            String.format(Locale.ROOT, "%.2fx", f / p),
            target,
            verdict));
  }

  private void lifecycleRows() {
    JsonNode product = metric("LifecycleBenchmark.daemon");
    JsonNode floor = metric("LifecycleBenchmark.floor");
    for (String percentile : new String[] {"50.0", "99.0"}) {
      double p =
          product == null
              ? Double.NaN
              : product.path("scorePercentiles").path(percentile).asDouble();
      double f =
          floor == null ? Double.NaN : floor.path("scorePercentiles").path(percentile).asDouble();
      boolean median = percentile.equals("50.0");
      rows.add(
          row(
              "daemon lifecycle (start, first call, stop), p" + percentile.replace(".0", ""),
              String.format(Locale.ROOT, "%.2f ms", p),
              String.format(Locale.ROOT, "%.2f ms", f),
              String.format(Locale.ROOT, "%.2fx", p / f),
              median ? "<= 10 ms" : "-",
              median ? (p <= 10 ? "met" : "**missed**") : ""));
    }
  }

  private static String row(String... cells) {
    return "| " + String.join(" | ", cells) + " |";
  }
}

package dev.tracker.core.internal.sync;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * git's smart HTTP on 127.0.0.1, for tests: the JDK's {@link HttpServer} in front of {@code git
 * http-backend}, run as a CGI per request, with HTTP Basic authentication checked here. Serves the
 * repositories under one directory; {@link #close()} stops the server and waits for its threads.
 */
final class GitHttpServer implements AutoCloseable {

  private static final int CGI_TIMEOUT_SECONDS = 60;

  private final Path projectRoot;
  private final Path scratch;
  private final String username;
  private final String password;
  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicInteger unauthorized = new AtomicInteger();
  private final AtomicInteger served = new AtomicInteger();

  private GitHttpServer(Path projectRoot, Path scratch, String username, String password)
      throws IOException {
    this.projectRoot = projectRoot;
    this.scratch = scratch;
    this.username = username;
    this.password = password;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    int port = server.getAddress().getPort();
    this.executor = Executors.newFixedThreadPool(4, named("git-http-server[" + port + "]-"));
    server.createContext("/", this::handle);
    server.setExecutor(executor);
  }

  /**
   * Starts serving the repositories under projectRoot to the one user with that password.
   *
   * @param scratch a directory for the CGI's output files
   */
  static GitHttpServer start(Path projectRoot, Path scratch, String username, String password)
      throws IOException {
    GitHttpServer server = new GitHttpServer(projectRoot, scratch, username, password);
    server.server.start();
    return server;
  }

  /** The URL of a repository under the project root, {@code http://127.0.0.1:port/name}. */
  String url(String repository) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + repository;
  }

  /** How many requests were answered 401. */
  int unauthorized() {
    return unauthorized.get();
  }

  /** How many requests with the right credentials were passed to git. */
  int served() {
    return served.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String expected =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
      if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        unauthorized.incrementAndGet();
        exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      served.incrementAndGet();
      cgi(exchange);
    }
  }

  /** Runs git http-backend for the request, as a web server runs a CGI. */
  private void cgi(HttpExchange exchange) throws IOException {
    Path output = Files.createTempFile(scratch, "cgi-", ".out");
    ProcessBuilder builder =
        new ProcessBuilder("git", "http-backend")
            .redirectOutput(output.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    Map<String, String> env = builder.environment();
    env.put("GIT_PROJECT_ROOT", projectRoot.toString());
    env.put("GIT_HTTP_EXPORT_ALL", "1");
    env.put("PATH_INFO", exchange.getRequestURI().getRawPath());
    env.put("REQUEST_METHOD", exchange.getRequestMethod());
    String query = exchange.getRequestURI().getRawQuery();
    env.put("QUERY_STRING", query == null ? "" : query);
    env.put("REMOTE_USER", username);
    env.put("REMOTE_ADDR", "127.0.0.1");
    header(exchange, "Content-Type").ifPresent(value -> env.put("CONTENT_TYPE", value));
    header(exchange, "Content-Encoding")
        .ifPresent(value -> env.put("HTTP_CONTENT_ENCODING", value));
    header(exchange, "Git-Protocol").ifPresent(value -> env.put("HTTP_GIT_PROTOCOL", value));
    Process process = builder.start();
    try {
      // the body, whatever its transfer encoding, to the CGI's standard input; it reads to the end
      try (InputStream body = exchange.getRequestBody();
          OutputStream stdin = process.getOutputStream()) {
        body.transferTo(stdin);
      }
      if (!process.waitFor(CGI_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        exchange.sendResponseHeaders(500, -1);
        return;
      }
      respond(exchange, Files.readAllBytes(output));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.sendResponseHeaders(500, -1);
    } finally {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
      Files.deleteIfExists(output);
    }
  }

  /** The CGI's headers ({@code Status:} among them), a blank line, then the body. */
  private static void respond(HttpExchange exchange, byte[] cgiOutput) throws IOException {
    int end = headerEnd(cgiOutput);
    int bodyStart = end < 0 ? cgiOutput.length : end;
    String head =
        new String(cgiOutput, 0, end < 0 ? cgiOutput.length : end, StandardCharsets.ISO_8859_1);
    int status = 200;
    for (String line : head.lines().toList()) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      if (name.equalsIgnoreCase("Status")) {
        status = Integer.parseInt(value.split(" ", 2)[0]);
      } else {
        exchange.getResponseHeaders().add(name, value);
      }
    }
    int length = cgiOutput.length - bodyStart;
    exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
    if (length > 0) {
      try (OutputStream body = exchange.getResponseBody()) {
        body.write(cgiOutput, bodyStart, length);
      }
    }
  }

  /** Where the body starts: after the first blank line, CRLF or LF; -1 if there is none. */
  private static int headerEnd(byte[] output) {
    for (int i = 0; i < output.length - 1; i++) {
      if (output[i] == '\n' && output[i + 1] == '\n') {
        return i + 2;
      }
      if (output[i] == '\n'
          && output[i + 1] == '\r'
          && i + 2 < output.length
          && output[i + 2] == '\n') {
        return i + 3;
      }
    }
    return -1;
  }

  private static java.util.Optional<String> header(HttpExchange exchange, String name) {
    return java.util.Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> new Thread(task, prefix + count.incrementAndGet());
  }

  /** Stops the server and waits for the threads that handle its requests. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(CGI_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("git HTTP server threads still running after stop");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

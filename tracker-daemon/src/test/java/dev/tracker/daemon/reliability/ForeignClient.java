package dev.tracker.daemon.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A tiny protocol client run as another user by ForeignUserTest ({@code java -cp DIR
 * dev.tracker.daemon.reliability.ForeignClient SOCKET}, its class file copied to a directory the
 * other user may read): says which uid it runs as, connects, asks for health and prints the answer,
 * or that the daemon closed the connection without one. Uses nothing but the JDK.
 */
final class ForeignClient {

  private ForeignClient() {}

  public static void main(String[] args) throws Exception {
    System.out.println("uid " + Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(args[0]))) {
      System.out.println("connected");
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      try {
        channel.write(
            StandardCharsets.UTF_8.encode(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"health\"}\n"));
        InputStream in = Channels.newInputStream(channel);
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
          line.write(b);
        }
      } catch (IOException closedByThePeer) {
        // broken pipe or reset: the daemon closed the connection
      }
      if (line.size() == 0) {
        System.out.println("closed without an answer");
      } else {
        System.out.println("answer: " + line.toString(StandardCharsets.UTF_8));
      }
    }
  }
}

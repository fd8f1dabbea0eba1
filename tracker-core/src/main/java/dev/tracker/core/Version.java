package dev.tracker.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of tracker this library is; a daemon and its clients must run the same. */
public final class Version {

  private static final String CURRENT = read();

  private Version() {}

  /** This library's version, e.g. {@code 0.1.0}. */
  public static String current() {
    return CURRENT;
  }

  private static String read() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}

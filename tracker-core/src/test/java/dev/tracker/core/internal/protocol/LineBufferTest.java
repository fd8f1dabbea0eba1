package dev.tracker.core.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineBufferTest {

  private static ByteBuffer bytes(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String line(LineBuffer buffer) {
    return new String(buffer.bytes(), 0, buffer.length(), StandardCharsets.UTF_8);
  }

  @Test
  void a_line_split_over_reads_is_joined_and_a_carriage_return_before_the_newline_dropped()
      throws Exception {
    LineBuffer buffer = new LineBuffer(100);

    assertThat(buffer.take(bytes("{\"a\":"))).isFalse();
    ByteBuffer rest = bytes("1}\r\n{\"b\":2}\n");
    assertThat(buffer.take(rest)).isTrue();
    assertThat(line(buffer)).isEqualTo("{\"a\":1}");
    assertThat(buffer.take(rest)).isTrue();
    assertThat(line(buffer)).isEqualTo("{\"b\":2}");
    assertThat(rest.hasRemaining()).isFalse();
  }

  @Test
  void an_unterminated_last_line_counts_once_at_the_end_of_input() throws Exception {
    LineBuffer buffer = new LineBuffer(100);

    assertThat(buffer.take(bytes("last"))).isFalse();

    assertThat(buffer.finish()).isTrue();
    assertThat(line(buffer)).isEqualTo("last");
    assertThat(buffer.take(bytes(""))).isFalse();
    assertThat(buffer.finish()).isFalse();
  }

  @Test
  void a_line_over_the_limit_is_refused_and_one_at_the_limit_is_not() throws Exception {
    assertThat(new LineBuffer(4).take(bytes("1234\n"))).isTrue();

    assertThatThrownBy(() -> new LineBuffer(4).take(bytes("12345")))
        .isInstanceOf(LineBuffer.LineTooLongException.class)
        .hasMessage("A line is longer than 4 bytes");
  }

  @Test
  void the_array_shrinks_back_after_a_long_line() throws Exception {
    LineBuffer buffer = new LineBuffer(LineBuffer.MAX_REQUEST);
    assertThat(buffer.take(bytes("x".repeat(200_000) + "\n"))).isTrue();
    assertThat(buffer.bytes().length).isGreaterThanOrEqualTo(200_000);

    assertThat(buffer.take(bytes("short\n"))).isTrue();

    assertThat(line(buffer)).isEqualTo("short");
    assertThat(buffer.bytes().length).isLessThan(200_000);
  }
}

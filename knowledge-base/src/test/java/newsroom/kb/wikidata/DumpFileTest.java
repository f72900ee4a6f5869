package newsroom.kb.wikidata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpFileTest {
  @TempDir
  Path dir;

  @Test
  void findsAByteWhereverItIsInTheWordsOfEightBytes() {
    Random random = new Random(3);
    for (int round = 0; round < 2_000; round++) {
      byte[] bytes = new byte[random.nextInt(40)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) random.nextInt(4); // few values, so matches are frequent and in every position
      }
      byte b = (byte) random.nextInt(4);
      int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
      int expected = -1;
      for (int i = from; i < bytes.length; i++) {
        if (bytes[i] == b) {
          expected = i;
          break;
        }
      }
      assertThat(DumpFile.indexOf(bytes, from, bytes.length, b)).isEqualTo(expected);
    }
    byte[] high = {1, 2, (byte) 0x80, (byte) 0xff, 0, 9, 9, 9, 9, (byte) 0xff};
    assertThat(DumpFile.indexOf(high, 0, high.length, (byte) 0xff)).isEqualTo(3);
    assertThat(DumpFile.indexOf(high, 4, high.length, (byte) 0xff)).isEqualTo(9);
    assertThat(DumpFile.indexOf(high, 0, 3, (byte) 0xff)).isEqualTo(-1);
  }

  @Test
  void readsEveryLineAndFindsPropertyIdsInThem() throws IOException {
    List<String> lines = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      // Lines of every length, some far longer than the read buffer's share of them.
      String line = "{\"id\":\"Q" + i + "\",\"x\":\"" + "P3".repeat(i % 97) + (i % 3 == 0 ? "\"P31\"" : "P3 1") + "\"}"
          + (i == 4_000 ? "y".repeat(3 << 20) : "");
      lines.add(line);
      text.append(line).append('\n');
    }
    Path file = dir.resolve("dump.json");
    Files.writeString(file, text.toString().stripTrailing());
    byte[] p31 = "\"P31\"".getBytes(StandardCharsets.US_ASCII);
    try (DumpFile dump = DumpFile.open(file)) {
      for (int i = 0; i < lines.size(); i++) {
        DumpFile.Line line = dump.readLine();
        assertThat(new String(line.bytes(), line.offset(), line.length(), StandardCharsets.UTF_8)).isEqualTo(lines.get(i));
        assertThat(line.contains(p31)).as("line %d", i).isEqualTo(i % 3 == 0);
      }
      assertThat(dump.readLine()).isNull();
    }
  }
}

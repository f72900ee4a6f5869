package newsroom.tools.eval;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import newsroom.enrich.topics.TopicText;
import newsroom.enrich.topics.TrainedTopicModel;

/**
 * A desk-labelled archive laid out like the BBC set: {@code labels.csv} (path,category,title) next to
 * the article files, and a mapping file (dataset,category,medtop_qcode,…) from desk labels to Media
 * Topics. Articles whose desk has no Media Topic are left out.
 */
public record TopicDataset(List<Article> articles) {

  /** One labelled article: its desk label, the Media Topic that label maps to, and its terms. */
  public record Article(String path, String category, String qcode, List<String> terms) {
    TrainedTopicModel.Example example() {
      return new TrainedTopicModel.Example(terms, qcode);
    }
  }

  public static TopicDataset read(Path dir, Path mapping, String dataset) throws IOException {
    return read(dir, mapping, dataset, 0);
  }

  /**
   * With {@code sentences} above 0, each article is cut to a short item: its headline (first line)
   * and the first {@code sentences} sentences of its body, as feed items and wire briefs are.
   */
  public static TopicDataset read(Path dir, Path mapping, String dataset, int sentences) throws IOException {
    Map<String, String> qcodes = mapping(mapping, dataset);
    if (qcodes.isEmpty()) {
      throw new IOException(mapping + " maps no category of dataset '" + dataset + "' (see its 'dataset' column)");
    }
    List<Article> articles = new ArrayList<>();
    for (Map<String, String> row : rows(dir.resolve("labels.csv"))) {
      String qcode = qcodes.get(row.get("category"));
      if (qcode != null) {
        String text = read(dir.resolve(row.get("path")));
        if (sentences > 0) {
          text = shortItem(text, sentences);
        }
        articles.add(new Article(row.get("path"), row.get("category"), qcode, TopicText.terms(text)));
      }
    }
    return new TopicDataset(articles);
  }

  /** Desk label → Media Topic qcode, for one dataset of the mapping file. */
  static Map<String, String> mapping(Path file, String dataset) throws IOException {
    Map<String, String> map = new LinkedHashMap<>();
    for (Map<String, String> row : rows(file)) {
      String qcode = row.getOrDefault("medtop_qcode", "");
      if (dataset.equals(row.get("dataset")) && !qcode.isBlank()) {
        map.put(row.get("category"), qcode);
      }
    }
    return map;
  }

  private static List<Map<String, String>> rows(Path csv) throws IOException {
    CsvMapper mapper = new CsvMapper();
    try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(csv.toFile())) {
      return it.readAll();
    }
  }

  /** The headline (first non-blank line) and the body's first {@code sentences} sentences. */
  static String shortItem(String text, int sentences) {
    String stripped = text.strip();
    int newline = stripped.indexOf('\n');
    if (newline < 0) {
      return stripped;
    }
    String body = stripped.substring(newline + 1).strip().replaceAll("\\s+", " ");
    BreakIterator boundaries = BreakIterator.getSentenceInstance(Locale.ENGLISH);
    boundaries.setText(body);
    int end = 0;
    for (int i = 0; i < sentences; i++) {
      int next = boundaries.next();
      if (next == BreakIterator.DONE) {
        break;
      }
      end = next;
    }
    return stripped.substring(0, newline).strip() + "\n" + body.substring(0, end).strip();
  }

  /** Article files are UTF-8, or Latin-1 where they are not valid UTF-8. */
  private static String read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }
}

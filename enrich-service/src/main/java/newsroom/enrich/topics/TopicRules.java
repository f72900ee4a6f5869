package newsroom.enrich.topics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import newsroom.enrich.CompiledTable;
import newsroom.events.TopicRule;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;

/**
 * A newsroom's own topics, given by rules (news.topics.rules, read whole by every instance as the
 * global store {@value #STORE}): an article gets topic {@code newsroom:<id>} when it names at least
 * {@code min_matches} of the rule's entities or terms, with what it named as evidence.
 */
public final class TopicRules {
  public static final String STORE = "topic-rules";
  public static final String QCODE_PREFIX = "newsroom:";

  private record Compiled(TopicRule rule, Map<String, Pattern> terms) {}

  private final CompiledTable<TopicRule, Compiled> rules = new CompiledTable<>(STORE, TopicRules::compile);

  /** The rule topics of an article with these entity ids and this text. */
  public List<TopicScore> apply(Set<String> entityIds, String text) {
    List<TopicScore> topics = new ArrayList<>();
    for (Compiled compiled : rules.all().values()) {
      List<String> evidence = new ArrayList<>();
      compiled.rule().getEntities().stream().filter(entityIds::contains).forEach(evidence::add);
      compiled.terms().forEach((term, pattern) -> {
        if (pattern.matcher(text).find()) {
          evidence.add(term);
        }
      });
      if (evidence.size() >= Math.max(1, compiled.rule().getMinMatches())) {
        topics.add(new TopicScore(QCODE_PREFIX + compiled.rule().getId(), compiled.rule().getName(), 1.0, evidence));
      }
    }
    return topics;
  }

  public ProcessorSupplier<String, TopicRule, Void, Void> updater() {
    return rules.updater();
  }

  private static Compiled compile(TopicRule rule) {
    Map<String, Pattern> terms = new LinkedHashMap<>();
    for (String term : rule.getTerms()) {
      terms.put(term, Pattern.compile("(?<![\\p{L}\\d])" + Pattern.quote(term.toLowerCase(Locale.ROOT)).replace(" ", "\\E\\s+\\Q")
          + "(?![\\p{L}\\d])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }
    return new Compiled(rule, terms);
  }
}

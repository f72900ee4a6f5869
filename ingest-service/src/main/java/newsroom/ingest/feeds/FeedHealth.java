package newsroom.ingest.feeds;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsroom.events.FeedState;
import newsroom.events.FeedSubscription;
import newsroom.events.SourceStatus;

/**
 * Judges a feed from its state. The rule that matters most to a newsroom: a feed that used to
 * deliver and now answers normally but brings nothing new for much longer than its usual interval
 * between items is SILENT (the "looks fine, nothing arrives for weeks" failure).
 */
public final class FeedHealth {
  private final Duration silentMin;
  private final int silentFactor;

  public FeedHealth(Duration silentMin, int silentFactor) {
    this.silentMin = silentMin;
    this.silentFactor = silentFactor;
  }

  /** Status and the reason for it. */
  public record Verdict(SourceStatus status, String reason) {}

  public Verdict judge(FeedSubscription feed, FeedState state, Instant now) {
    if (state == null || state.getLastPolledAt() == null) {
      return new Verdict(SourceStatus.UNKNOWN, "not polled yet");
    }
    if (state.getConsecutiveFailures() >= 2) {
      return new Verdict(SourceStatus.FAILING, state.getConsecutiveFailures() + " polls failed in a row; last: "
          + state.getLastError());
    }
    if (state.getItemsIngested() > 0 && state.getLastNewItemAt() != null) {
      Duration usual = usualInterval(feed, state);
      Duration quiet = Duration.between(state.getLastNewItemAt(), now);
      Duration limit = max(silentMin, usual.multipliedBy(silentFactor));
      if (quiet.compareTo(limit) > 0) {
        return new Verdict(SourceStatus.SILENT, "no new item for " + human(quiet) + "; it usually publishes every "
            + human(usual));
      }
    }
    return new Verdict(SourceStatus.OK, state.getLastError() == null ? "polls succeed" : "recovering: " + state.getLastError());
  }

  /** The median gap between the newest items' publication times; the poll interval when unknown. */
  static Duration usualInterval(FeedSubscription feed, FeedState state) {
    List<Long> times = new ArrayList<>();
    state.getRecentPublished().forEach(t -> times.add(t.toEpochMilli()));
    times.sort(null);
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < times.size(); i++) {
      long gap = times.get(i) - times.get(i - 1);
      if (gap > 0) {
        gaps.add(gap);
      }
    }
    if (gaps.size() < 2) {
      return Duration.ofSeconds(feed.getPollIntervalSeconds());
    }
    gaps.sort(null);
    return Duration.ofMillis(gaps.get(gaps.size() / 2));
  }

  /** The view GET /v1/sources/health answers with. */
  public Map<String, Object> report(FeedSubscription feed, FeedState state, Instant now) {
    Verdict verdict = judge(feed, state, now);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("feed_id", feed.getId());
    out.put("url", feed.getUrl());
    out.put("source", feed.getSource() != null ? feed.getSource() : state == null ? null : state.getTitle());
    out.put("status", verdict.status().name());
    out.put("reason", verdict.reason());
    if (state != null) {
      out.put("last_polled_at", state.getLastPolledAt());
      out.put("last_success_at", state.getLastSuccessAt());
      out.put("last_new_item_at", state.getLastNewItemAt());
      out.put("last_error", state.getLastError());
      out.put("consecutive_failures", state.getConsecutiveFailures());
      out.put("http_errors", state.getHttpErrors());
      out.put("extraction_failures", state.getExtractionFailures());
      out.put("items_ingested", state.getItemsIngested());
      out.put("items_per_day", itemsPerDay(state, now));
      out.put("usual_interval_seconds", usualInterval(feed, state).toSeconds());
    }
    return out;
  }

  /** Per source: its feeds summed up, with the worst status among them (FAILING, SILENT, UNKNOWN, OK). */
  public static List<Map<String, Object>> bySource(List<Map<String, Object>> feedReports) {
    Map<String, Map<String, Object>> sources = new java.util.TreeMap<>();
    List<String> severity = List.of("OK", "UNKNOWN", "SILENT", "FAILING");
    for (Map<String, Object> feed : feedReports) {
      String name = String.valueOf(feed.getOrDefault("source", feed.get("url")));
      Map<String, Object> source = sources.computeIfAbsent(name, n -> {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("source", n);
        s.put("status", "OK");
        s.put("feeds", 0);
        s.put("items_per_day", 0.0);
        s.put("items_ingested", 0L);
        s.put("extraction_failures", 0L);
        s.put("http_errors", 0L);
        s.put("last_success_at", null);
        return s;
      });
      source.merge("feeds", 1, (a, b) -> (Integer) a + (Integer) b);
      for (String counter : List.of("items_ingested", "extraction_failures", "http_errors")) {
        source.merge(counter, feed.getOrDefault(counter, 0L), (a, b) -> ((Number) a).longValue() + ((Number) b).longValue());
      }
      source.merge("items_per_day", feed.getOrDefault("items_per_day", 0.0),
          (a, b) -> Math.round((((Number) a).doubleValue() + ((Number) b).doubleValue()) * 10) / 10.0);
      Object success = feed.get("last_success_at");
      if (success instanceof Instant at && (source.get("last_success_at") == null
          || at.isAfter((Instant) source.get("last_success_at")))) {
        source.put("last_success_at", at);
      }
      if (severity.indexOf(String.valueOf(feed.get("status"))) > severity.indexOf(String.valueOf(source.get("status")))) {
        source.put("status", feed.get("status"));
      }
    }
    return List.copyOf(sources.values());
  }

  private static double itemsPerDay(FeedState state, Instant now) {
    long week = state.getRecentPublished().stream().filter(t -> t.isAfter(now.minus(Duration.ofDays(7)))).count();
    return Math.round(week / 7.0 * 10) / 10.0;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  static String human(Duration d) {
    if (d.toDays() >= 2) {
      return d.toDays() + " days";
    }
    if (d.toHours() >= 2) {
      return d.toHours() + " hours";
    }
    if (d.toMinutes() >= 2) {
      return d.toMinutes() + " minutes";
    }
    return d.toSeconds() + " seconds";
  }
}

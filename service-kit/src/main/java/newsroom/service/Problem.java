package newsroom.service;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail, answered as {@code application/problem+json}.
 *
 * @param title short summary of the kind of problem
 * @param detail what is wrong with this request and what to do about it
 * @param pointer where in the input (a JSON field or a line number), when known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String pointer) {
  public static final String CONTENT_TYPE = "application/problem+json";

  public static Problem of(int status, String title, String detail) {
    return new Problem("about:blank", title, status, detail, null);
  }

  public Problem at(String where) {
    return new Problem(type, title, status, detail, where);
  }

  /** Thrown by handlers; {@link ServiceHttp} turns it into the response. */
  public static final class Exception extends RuntimeException {
    private final Problem problem;

    public Exception(Problem problem) {
      super(problem.detail(), null, false, false);
      this.problem = problem;
    }

    public Problem problem() {
      return problem;
    }
  }
}

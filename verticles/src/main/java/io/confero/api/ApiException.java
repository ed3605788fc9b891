package io.confero.api;

/**
 * A client error with its HTTP status and a stable problem type; rendered as
 * {@code application/problem+json} by {@link Problems}.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String type;
  private final String field;

  public ApiException(int status, String type, String detail, String field) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.field = field;
  }

  public ApiException(int status, String type, String detail) {
    this(status, type, detail, null);
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String field() {
    return field;
  }

  public static ApiException badRequest(String type, String field, String detail) {
    return new ApiException(400, type, detail, field);
  }

  public static ApiException invalid(String field, String detail) {
    return new ApiException(422, "invalid-value", detail, field);
  }

  public static ApiException notFound(String what) {
    return new ApiException(404, "not-found", what + " not found");
  }

  public static ApiException unauthorized(String detail) {
    return new ApiException(401, "unauthorized", detail);
  }
}

package io.confero.meeting;

/**
 * What user text (names, titles, chat) must be to be stored as sent: well-formed UTF-16, so UTF-8
 * encoding loses nothing (an unpaired surrogate would become {@code ?}), and free of NUL, which
 * PostgreSQL's {@code text} cannot hold.
 */
public final class TextCheck {
  private TextCheck() {}

  /** Why {@code s} cannot be stored as sent, or null when it can. */
  public static String problem(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        return "must not contain NUL characters";
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return "must be well-formed Unicode (an unpaired surrogate)";
      }
      if (Character.isLowSurrogate(c)) {
        return "must be well-formed Unicode (an unpaired surrogate)";
      }
    }
    return null;
  }
}

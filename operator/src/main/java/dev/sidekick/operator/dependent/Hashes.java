package dev.sidekick.operator.dependent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Short SHA-256 digests: for status and annotations; never reversible to a key or token. */
public final class Hashes {
  private Hashes() {}

  public static String sha256(String... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String p : parts) {
        md.update((p == null ? "\u0000" : p).getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0x1f);
      }
      return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The hash of a webhook key that status keeps (status.endpoints[].keyHash) to tell when Gladly carries it. */
  public static String ofKey(String key) {
    return sha256("key", key);
  }
}

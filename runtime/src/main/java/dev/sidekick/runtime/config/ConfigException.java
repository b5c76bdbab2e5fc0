package dev.sidekick.runtime.config;

/** A configuration file that cannot be used; the message names the file and the field. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}

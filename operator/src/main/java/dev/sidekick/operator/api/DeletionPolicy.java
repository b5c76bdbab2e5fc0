package dev.sidekick.operator.api;

public enum DeletionPolicy {
  Delete,
  Orphan
}

package dev.sidekick.gladlysim;

/** Placeholder until the simulator lands; replaced by issue 2's work. */
public final class Main {
  public static void main(String[] args) {
    System.out.println("gladly-sim");
  }
}

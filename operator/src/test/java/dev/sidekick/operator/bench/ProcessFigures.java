package dev.sidekick.operator.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Memory and CPU of a process, from /proc (Linux) and the JVM's management beans. */
record ProcessFigures(long rssKiB, long hwmKiB, long heapUsedAfterGcBytes, long heapCommittedBytes, int threads) {

  /** This JVM: RSS and peak RSS from /proc/self/status; heap used measured right after a full GC. */
  static ProcessFigures self() {
    System.gc();
    sleep(200);
    System.gc();
    sleep(200);
    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return new ProcessFigures(
        status("self", "VmRSS:"),
        status("self", "VmHWM:"),
        heap.getUsed(),
        heap.getCommitted(),
        ManagementFactory.getThreadMXBean().getThreadCount());
  }

  /** RSS of another process, in KiB (-1 when unknown). */
  static long rssKiB(long pid) {
    return status(Long.toString(pid), "VmRSS:");
  }

  static String command(long pid) {
    return ProcessHandle.of(pid).flatMap(p -> p.info().command()).map(c -> Path.of(c).getFileName().toString())
        .orElse("pid " + pid);
  }

  /** CPU time of this process (all threads) so far, in ns. */
  static long cpuNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return -1;
  }

  private static long status(String pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or the process is gone
    }
    return -1;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String mib(long kib) {
    return kib < 0 ? "?" : String.format("%.0f MiB", kib / 1024.0);
  }

  static String mibBytes(long bytes) {
    return String.format("%.0f MiB", bytes / 1024.0 / 1024.0);
  }
}
